public import SurveillanceLogs
import DossierCore
import DossierPostgres
public import DossierServer
import Foundation
import Hummingbird
import HTTPTypes

/// The surveillance API under `/api/v1/surveillance/`: legal bases, authorisations
/// (record, renew, cancel), the log (append, correct, list by time range, subject or
/// method) and the disclosure export. Everything on an operation answers 404 to a user
/// who may not see it.
extension SurveillanceLogs: HTTPModule {
    public func routes(services: DossierServices) -> [APIRoute] {
        let routes = SurveillanceRoutes(services: services, store: SurveillanceStore(cases: services.store, logger: services.logger))
        typealias Schemas = SurveillanceSchemas
        return [
            .get(
                "legal-bases", "Legal bases with their maximum durations and methods",
                response: .ok(JSONSchema.array(of: Schemas.legalBasis)), use: routes.legalBases),
            .get(
                "cases/{ref}/authorisations", "An operation's authorisations with renewals",
                response: .ok(JSONSchema.array(of: Schemas.authorisation)), use: routes.authorisations),
            .post(
                "cases/{ref}/authorisations", "Record an authorisation (refused beyond its legal basis)",
                body: Schemas.newAuthorisation, response: .created(Schemas.authorisation), use: routes.createAuthorisation),
            .post(
                "authorisations/{id}/renew", "Renew an authorisation to a new end", body: Schemas.renewal,
                response: .ok(Schemas.authorisation), use: routes.renew),
            .post(
                "authorisations/{id}/cancel", "Cancel an authorisation from now on", body: Schemas.cancellation,
                response: .ok(Schemas.authorisation), use: routes.cancel),
            .get(
                "cases/{ref}/entries", "Log entries by time range, subject or method",
                query: [
                    .init("from", "Entries started at or after (ISO 8601)", schema: JSONSchema.dateTime),
                    .init("to", "Entries started before (ISO 8601)", schema: JSONSchema.dateTime),
                    .init("subject", "Only this subject"), .init("method", "Only this method", schema: Schemas.method),
                    .init("after", "Entries after this sequence number", schema: JSONSchema.integer), .limit(maximum: 1000),
                ],
                response: .ok(JSONSchema.array(of: Schemas.entry)), use: routes.entries),
            .post(
                "cases/{ref}/entries", "Append a log entry (checked against its authorisation)", body: Schemas.newEntry,
                response: .created(Schemas.entry), use: routes.append),
            .post(
                "entries/{id}/corrections", "Correct an entry with a new entry and a reason", body: Schemas.correction,
                response: .created(Schemas.entry), use: routes.correct),
            .post(
                "cases/{ref}/export", "Disclosure export: JSON Lines and a manifest (recorded on the timeline)",
                response: .ok(Schemas.export), use: routes.export),
        ]
    }
}

/// The handlers behind the surveillance routes.
struct SurveillanceRoutes: Sendable {
    let services: DossierServices
    let store: SurveillanceStore

    struct AuthorisationBody: Decodable {
        var reference: String
        var legalBasis: String
        var issuingAuthority: String
        var applicant: String
        var approver: String
        var subjects: [String]
        var facilities: [String]?
        var methods: [SurveillanceMethod]
        var urgent: Bool?
        var timeZone: String?
        var validFrom: Date
        var validTo: Date
    }
    struct RenewBody: Decodable { var validTo: Date; var grantedAt: Date?; var approver: String; var note: String? }
    struct CancelBody: Decodable { var reason: String }
    struct EntryBody: Decodable {
        var authorisationId: UUID
        var startedAt: Date
        var endedAt: Date?
        var timeZone: String?
        var location: String
        var subject: String
        var method: SurveillanceMethod
        var device: String?
        var observers: [String]?
        var text: String
        var exhibits: [String]?
        var collateralIntrusion: Bool?
        var privilegedMaterial: Bool?
        var minimisation: String?

        var newEntry: NewLogEntry {
            NewLogEntry(
                authorisationID: authorisationId, startedAt: startedAt, endedAt: endedAt, timeZone: timeZone ?? "UTC",
                location: location, subject: subject, method: method, device: device ?? "", observers: observers ?? [],
                text: text, exhibits: exhibits ?? [], collateralIntrusion: collateralIntrusion ?? false,
                privilegedMaterial: privilegedMaterial ?? false, minimisation: minimisation ?? "")
        }
    }
    struct CorrectionBody: Decodable { var reason: String; var entry: EntryBody }
    struct ExportView: Encodable { var manifest: DisclosureManifest; var lines: [String] }

    func operation(_ context: AuthenticatedContext, action: String) async throws -> (Case, Actor) {
        try await services.moduleCase(in: context, module: SurveillanceLogs.moduleID, action: action)
    }

    /// The case behind an authorisation or entry in the path, if the user may see it; 404
    /// in the words of a missing `what` otherwise.
    func visibleOwner(of caseID: UUID, _ what: String, _ context: AuthenticatedContext, action: String) async throws -> Actor {
        let actor = context.actor
        do {
            let found = try await services.store.visibleCase(id: caseID, to: actor)
            try await services.accessLog.record(actor: actor.id, caseID: found.id, action: "surveillance.\(action)", source: context.accessSource)
        } catch let error as DossierError where error.code == .notFound {
            throw DossierError.notFound("\(what) does not exist")
        }
        return actor
    }

    func pathID(_ context: AuthenticatedContext, _ what: String) throws -> UUID {
        let text: String = try context.parameters.require("id")
        guard let id = UUID(uuidString: text) else { throw DossierError.notFound("\(what) \(text) does not exist") }
        return id
    }

    @Sendable func legalBases(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        return try context.json(try await store.legalBases())
    }

    @Sendable func authorisations(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, _) = try await operation(context, action: "read-authorisations")
        return try context.json(try await store.authorisations(caseID: found.id))
    }

    @Sendable func createAuthorisation(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, actor) = try await operation(context, action: "record-authorisation")
        let body = try await request.decodeBody(as: AuthorisationBody.self, context: context)
        let authorisation = try await store.createAuthorisation(
            caseID: found.id,
            NewAuthorisation(
                reference: body.reference, legalBasis: body.legalBasis, issuingAuthority: body.issuingAuthority,
                applicant: body.applicant, approver: body.approver, subjects: body.subjects, facilities: body.facilities ?? [],
                methods: body.methods, urgent: body.urgent ?? false, timeZone: body.timeZone, validFrom: body.validFrom,
                validTo: body.validTo),
            by: actor, options: try request.changeOptions())
        return try context.json(authorisation, status: .created)
    }

    func visibleAuthorisation(_ context: AuthenticatedContext, action: String) async throws -> (Authorisation, Actor) {
        let id = try pathID(context, "authorisation")
        let what = "authorisation \(id.lowercased)"
        let authorisation: Authorisation
        do {
            authorisation = try await store.authorisation(id: id)
        } catch let error as DossierError where error.code == .notFound {
            throw DossierError.notFound("\(what) does not exist")
        }
        return (authorisation, try await visibleOwner(of: authorisation.caseID, what, context, action: action))
    }

    @Sendable func renew(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (authorisation, actor) = try await visibleAuthorisation(context, action: "renew-authorisation")
        let body = try await request.decodeBody(as: RenewBody.self, context: context)
        return try context.json(try await store.renewAuthorisation(
            authorisation.id, until: body.validTo, grantedAt: body.grantedAt, approver: body.approver, note: body.note ?? "",
            by: actor))
    }

    @Sendable func cancel(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (authorisation, actor) = try await visibleAuthorisation(context, action: "cancel-authorisation")
        let body = try await request.decodeBody(as: CancelBody.self, context: context)
        return try context.json(try await store.cancelAuthorisation(authorisation.id, reason: body.reason, by: actor))
    }

    @Sendable func entries(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, _) = try await operation(context, action: "read-entries")
        let query = request.uri.queryParameters
        func date(_ name: Substring) throws -> Date? {
            guard let text = query[name].map(String.init) else { return nil }
            guard let date = try? Date(text, strategy: .iso8601) else {
                throw DossierError.invalidInput("\(name) '\(text)' is not an ISO 8601 timestamp, e.g. 2026-03-01T08:00:00Z")
            }
            return date
        }
        let method = try query["method"].map { text throws(DossierError) in try SurveillanceMethod.parse(String(text), field: "method") }
        let limitText = query["limit"].map(String.init) ?? "100"
        guard let limit = Int(limitText), (1...1000).contains(limit) else {
            throw DossierError.invalidInput("limit '\(limitText)' must be a whole number from 1 to 1000")
        }
        let afterText = query["after"].map(String.init)
        let after = try afterText.map { text throws(DossierError) in
            guard let value = Int64(text), value >= 0 else { throw .invalidInput("after '\(text)' must be a sequence number") }
            return value
        }
        return try context.json(try await store.entries(
            caseID: found.id,
            EntryFilter(from: try date("from"), to: try date("to"), subject: query["subject"].map(String.init), method: method,
                        afterSequence: after, limit: limit)))
    }

    @Sendable func append(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, actor) = try await operation(context, action: "append-entry")
        let body = try await request.decodeBody(as: EntryBody.self, context: context)
        let entry = try await store.appendEntry(caseID: found.id, body.newEntry, by: actor, options: try request.changeOptions())
        return try context.json(entry, status: .created)
    }

    @Sendable func correct(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let id = try pathID(context, "entry")
        let what = "entry \(id.lowercased)"
        let original: LogEntry
        do {
            original = try await store.entry(id: id)
        } catch let error as DossierError where error.code == .notFound {
            throw DossierError.notFound("\(what) does not exist")
        }
        let actor = try await visibleOwner(of: original.caseID, what, context, action: "correct-entry")
        let body = try await request.decodeBody(as: CorrectionBody.self, context: context)
        let correction = try await store.correctEntry(
            id, with: body.entry.newEntry, reason: body.reason, by: actor, options: try request.changeOptions())
        return try context.json(correction, status: .created)
    }

    @Sendable func export(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, actor) = try await operation(context, action: "export")
        let disclosure = try await store.export(caseID: found.id, by: actor)
        return try context.json(ExportView(manifest: disclosure.manifest, lines: disclosure.lines))
    }
}
