public import InvestigatorNetwork
import DossierCore
import DossierPostgres
public import DossierServer
import Foundation
import Hummingbird
import HTTPTypes

/// The directory API under `/api/v1/network/`: agencies, investigators, a country's points
/// of contact, search, CSV import and export, case contacts, and operations with their
/// tallies. Entries limited to their own agency answer 404 to everyone else.
extension InvestigatorNetwork: HTTPModule {
    public func routes(services: DossierServices) -> [ModuleRoute] {
        let routes = NetworkRoutes(services: services, store: NetworkStore(cases: services.store, logger: services.logger))
        return [
            .get("agencies", "Agencies on the network", use: routes.agencies),
            .post("agencies", "Register an agency", body: Self.agencyBody, use: routes.createAgency),
            .post("investigators", "Register an investigator", body: Self.investigatorBody, use: routes.createInvestigator),
            .get("investigators/{id}", "One directory entry", use: routes.investigator),
            .get("search", "Search by country, language, specialty and text (q); stale entries marked", use: routes.search),
            .get("contacts/{country}", "A country's points of contact for fugitive matters", use: routes.contacts),
            .post("import", "Import CSV (dry_run, skip_invalid) with a report of rejected rows", use: routes.importCSV),
            .get("export", "Export what you may see (format=csv or json)", use: routes.export),
            .get("cases/{ref}/contacts", "A case's external contacts with their freshness", use: routes.caseContacts),
            .post(
                "cases/{ref}/contacts", "Link a directory entry to a case as an external contact",
                body: JSONSchema.object(required: ["investigator_id"], ["investigator_id": JSONSchema.uuid]), use: routes.linkContact),
            .get("operations", "Infra-style operations", use: routes.operations),
            .post("operations", "Register an operation", body: Self.operationBody, use: routes.createOperation),
            .post(
                "operations/{id}/targets", "Add a target (person, case) to an operation",
                body: JSONSchema.object(required: ["person_id", "country"], [
                    "person_id": JSONSchema.uuid, "case_id": JSONSchema.uuid, "country": Self.country,
                ]),
                use: routes.addTarget),
            .put(
                "targets/{id}/outcome", "Record a target's outcome",
                body: JSONSchema.object(required: ["outcome"], [
                    "outcome": JSONSchema.enumeration(TargetOutcome.allCases.map(\.rawValue)), "note": JSONSchema.string,
                ]),
                use: routes.recordOutcome),
            .get("operations/{id}/tally", "Outcome totals by country", use: routes.tally),
        ]
    }

    static let country: JSONValue = ["type": "string", "pattern": "^[A-Z]{2}$"]

    static let agencyBody = JSONSchema.object(required: ["code", "name", "country", "kind"], [
        "code": JSONSchema.string, "name": JSONSchema.string, "country": country,
        "kind": JSONSchema.enumeration(AgencyKind.allCases.map(\.rawValue)), "parent_id": JSONSchema.uuid,
    ])

    static let investigatorBody = JSONSchema.object(
        required: ["latin_name", "agency_id", "country", "role", "languages", "specialties", "channels", "time_zone",
                   "verified_by", "verified_at", "verification_expires_at"],
        [
            "original_name": JSONSchema.string, "latin_name": JSONSchema.string, "agency_id": JSONSchema.uuid,
            "country": country, "role": JSONSchema.string, "languages": JSONSchema.array(of: JSONSchema.string),
            "specialties": JSONSchema.array(of: JSONSchema.enumeration(Specialty.allCases.map(\.rawValue))),
            "channels": JSONSchema.array(of: JSONSchema.object(required: ["kind", "address"], [
                "kind": JSONSchema.enumeration(ChannelKind.allCases.map(\.rawValue)), "address": JSONSchema.string,
            ])),
            "time_zone": JSONSchema.string,
            "availability": JSONSchema.enumeration(Availability.allCases.map(\.rawValue)),
            "verified_by": JSONSchema.string, "verified_at": JSONSchema.dateTime,
            "verification_expires_at": JSONSchema.dateTime,
            "visibility": JSONSchema.enumeration(Visibility.allCases.map(\.rawValue)),
        ])

    static let operationBody = JSONSchema.object(
        required: ["name", "starts_on", "ends_on", "coordinating_agency_id", "countries"],
        [
            "name": JSONSchema.string, "starts_on": JSONSchema.date, "ends_on": JSONSchema.date,
            "coordinating_agency_id": JSONSchema.uuid, "countries": JSONSchema.array(of: country),
        ])
}

/// The handlers behind the network routes.
struct NetworkRoutes: Sendable {
    let services: DossierServices
    let store: NetworkStore

    struct AgencyBody: Decodable { var code: String; var name: String; var country: String; var kind: AgencyKind; var parentId: UUID? }
    struct InvestigatorBody: Decodable {
        var originalName: String?
        var latinName: String
        var agencyId: UUID
        var country: String
        var role: String
        var languages: [String]
        var specialties: [Specialty]
        var channels: [SecureChannel]
        var timeZone: String
        var availability: Availability?
        var verifiedBy: String
        var verifiedAt: Date
        var verificationExpiresAt: Date
        var visibility: Visibility?
    }
    struct LinkBody: Decodable { var investigatorId: UUID }
    struct OperationBody: Decodable {
        var name: String
        var startsOn: CalendarDate
        var endsOn: CalendarDate
        var coordinatingAgencyId: UUID
        var countries: [String]
    }
    struct TargetBody: Decodable { var personId: UUID; var caseId: UUID?; var country: String }
    struct OutcomeBody: Decodable { var outcome: TargetOutcome; var note: String? }

    func uuid(_ context: AuthenticatedContext, _ what: String) throws -> UUID {
        let text: String = try context.parameters.require("id")
        guard let id = UUID(uuidString: text) else { throw DossierError.notFound("\(what) \(text) does not exist") }
        return id
    }

    @Sendable func agencies(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        return try context.json(try await store.agencies())
    }

    @Sendable func createAgency(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let actor = context.actor
        let body = try await request.decodeBody(as: AgencyBody.self, context: context)
        return try context.json(
            try await store.createAgency(NewAgency(code: body.code, name: body.name, country: body.country, kind: body.kind, parentID: body.parentId), by: actor),
            status: .created)
    }

    @Sendable func createInvestigator(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let actor = context.actor
        let body = try await request.decodeBody(as: InvestigatorBody.self, context: context)
        let new = NewInvestigator(
            originalName: body.originalName, latinName: body.latinName, agencyID: body.agencyId, country: body.country,
            role: body.role, languages: body.languages, specialties: body.specialties, channels: body.channels,
            timeZone: body.timeZone, availability: body.availability ?? .available, verifiedBy: body.verifiedBy,
            verifiedAt: body.verifiedAt, verificationExpiresAt: body.verificationExpiresAt, visibility: body.visibility ?? .network)
        return try context.json(try await store.createInvestigator(new, by: actor), status: .created)
    }

    @Sendable func investigator(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        try context.json(try await store.investigator(id: try uuid(context, "investigator"), visibleTo: context.actor))
    }

    @Sendable func search(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let actor = context.actor
        let query = request.uri.queryParameters
        let specialty = try query["specialty"].map { text throws(DossierError) in try Specialty.parse(String(text), field: "specialty") }
        let limitText = query["limit"].map(String.init) ?? "20"
        guard let limit = Int(limitText), (1...200).contains(limit) else {
            throw DossierError.invalidInput("limit '\(limitText)' must be a whole number from 1 to 200")
        }
        let hits = try await store.search(
            DirectorySearch(
                country: query["country"].map { String($0).uppercased() }, language: query["language"].map(String.init),
                specialty: specialty, text: query["q"].map(String.init), limit: limit),
            visibleTo: actor)
        return try context.json(hits)
    }

    @Sendable func contacts(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let country: String = try context.parameters.require("country")
        return try context.json(try await store.contacts(country: country.uppercased(), visibleTo: context.actor))
    }

    @Sendable func importCSV(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let actor = context.actor
        let body = try await request.body.collect(upTo: context.maximumBodySize)
        let flag = { (name: String) in request.uri.queryParameters[Substring(name)].map { $0 == "true" || $0 == "1" } ?? false }
        let report = try await store.importCSV(
            String(buffer: body), dryRun: flag("dry_run"), skipInvalid: flag("skip_invalid"), by: actor)
        let status: HTTPResponse.Status = report.rejected.isEmpty || report.imported > 0 || report.dryRun ? .ok : .unprocessableContent
        return try context.json(report, status: status)
    }

    @Sendable func export(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let actor = context.actor
        switch request.uri.queryParameters["format"].map(String.init) ?? "json" {
        case "csv":
            return Response(
                status: .ok, headers: [.contentType: "text/csv; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: try await store.exportCSV(visibleTo: actor))))
        case "json":
            return try context.json(try await store.export(visibleTo: actor))
        case let other:
            throw DossierError.invalidInput("format '\(other)' is not allowed; use csv or json")
        }
    }

    @Sendable func caseContacts(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let actor = context.actor
        let reference: String = try context.parameters.require("ref")
        let found = try await services.store.visibleCase(named: reference, to: actor)
        try await services.accessLog.record(actor: actor.id, caseID: found.id, action: "network.read-contacts", source: context.accessSource)
        return try context.json(try await store.caseContacts(caseID: found.id, visibleTo: actor))
    }

    @Sendable func linkContact(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let actor = context.actor
        let reference: String = try context.parameters.require("ref")
        let found = try await services.store.visibleCase(named: reference, to: actor)
        try await services.accessLog.record(actor: actor.id, caseID: found.id, action: "network.link-contact", source: context.accessSource)
        let body = try await request.decodeBody(as: LinkBody.self, context: context)
        _ = try await store.linkContact(caseID: found.id, investigatorID: body.investigatorId, by: actor, options: try request.changeOptions())
        return try context.json(try await store.caseContacts(caseID: found.id, visibleTo: actor), status: .created)
    }

    @Sendable func operations(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        return try context.json(try await store.operations())
    }

    @Sendable func createOperation(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let actor = context.actor
        let body = try await request.decodeBody(as: OperationBody.self, context: context)
        return try context.json(
            try await store.createOperation(
                name: body.name, startsOn: body.startsOn, endsOn: body.endsOn, coordinatingAgencyID: body.coordinatingAgencyId,
                countries: body.countries, by: actor),
            status: .created)
    }

    @Sendable func addTarget(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let actor = context.actor
        let id = try uuid(context, "operation")
        let body = try await request.decodeBody(as: TargetBody.self, context: context)
        return try context.json(
            try await store.addTarget(operationID: id, personID: body.personId, caseID: body.caseId, country: body.country, by: actor),
            status: .created)
    }

    @Sendable func recordOutcome(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let actor = context.actor
        let id = try uuid(context, "target")
        let body = try await request.decodeBody(as: OutcomeBody.self, context: context)
        return try context.json(try await store.recordOutcome(targetID: id, body.outcome, note: body.note ?? "", by: actor))
    }

    @Sendable func tally(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        return try context.json(try await store.tally(operationID: try uuid(context, "operation")))
    }
}
