public import Extradition
import DossierCore
import DossierPostgres
public import DossierServer
import Foundation
import Hummingbird
import HTTPTypes

/// The extradition API under `/api/v1/extradition/`: instruments, the deadline board, and
/// per case its deadlines, steps, documents, release tasks and custody. Every case-scoped
/// route answers 404 for a case the user may not see; the board holds only cases the user
/// may see. Workflow steps are the core's `POST /api/v1/cases/{id}/transitions/{name}`.
extension Extradition: HTTPModule {
    public func routes(services: DossierServices) -> [APIRoute] {
        let routes = ExtraditionRoutes(
            services: services, store: ExtraditionStore(cases: services.store, logger: services.logger))
        typealias Schemas = ExtraditionSchemas
        return [
            .get(
                "instruments", "Legal instruments with their deadline rules and document requirements",
                response: .ok(JSONSchema.array(of: Schemas.instrument)), use: routes.instruments),
            .get("instruments/{id}", "One legal instrument", response: .ok(Schemas.instrument), use: routes.instrument),
            .put(
                "instruments/{id}",
                "Add or replace a legal instrument (admin); has_appeal, extensions and territory_periods left out are kept",
                body: Schemas.newInstrument,
                response: .ok(Schemas.instrument), use: routes.saveInstrument),
            .get(
                "board", "Open deadlines of open extraditions, nearest (overdue) first, with legal basis",
                query: [.limit(maximum: 500)], response: .ok(Schemas.board), use: routes.board),
            .get(
                "cases/{ref}/deadlines", "A case's deadlines and release tasks", response: .ok(Schemas.caseDeadlines),
                use: routes.deadlines),
            .get(
                "cases/{ref}/steps", "A case's steps with when they happened and who recorded them",
                response: .ok(JSONSchema.array(of: Schemas.step)), use: routes.steps),
            .get(
                "cases/{ref}/documents", "A case's registered documents", response: .ok(JSONSchema.array(of: Schemas.document)),
                use: routes.documents),
            .post(
                "cases/{ref}/documents", "Register a document with the SHA-256 of its file", body: Schemas.newDocument,
                response: .created(Schemas.document), use: routes.registerDocument),
            .post(
                "cases/{ref}/first-appearance", "Record the first appearance before a judge", body: Schemas.firstAppearance,
                response: .ok(JSONSchema.array(of: Schemas.deadline)), use: routes.firstAppearance),
            .post(
                "cases/{ref}/steps/{step}/corrections",
                "Correct when or where a step happened; its deadlines are recomputed", body: Schemas.stepCorrection,
                response: .ok(JSONSchema.array(of: Schemas.deadline)), use: routes.correctStep),
            .post(
                "cases/{ref}/instrument-corrections",
                "Correct the instrument the case proceeds under; its deadlines are recomputed", body: Schemas.instrumentCorrection,
                response: .ok(JSONSchema.array(of: Schemas.deadline)), use: routes.correctInstrument),
            .post(
                "cases/{ref}/rules-applied", "Apply the instrument's current rules to the case's open deadlines",
                body: Schemas.rulesApplied, response: .ok(JSONSchema.array(of: Schemas.deadline)), use: routes.applyRules),
            .post(
                "cases/{ref}/extensions", "Record an extension the instrument allows (EAW Art. 17(4), UK s.6)",
                body: Schemas.newExtension, response: .ok(Schemas.deadline), use: routes.extendDeadline),
            .post(
                "cases/{ref}/lawful-detention", "Resolve open release tasks: why the person is still lawfully held",
                body: Schemas.lawfulDetention, response: .ok(JSONSchema.array(of: Schemas.releaseTask)), use: routes.lawfulDetention),
            .put(
                "cases/{ref}/custody", "Set custody or bail while the person is held", body: Schemas.setCustody,
                response: .noContent, use: routes.custody),
        ]
    }
}

/// The handlers behind the extradition routes.
struct ExtraditionRoutes: Sendable {
    let services: DossierServices
    let store: ExtraditionStore

    struct DocumentBody: Decodable {
        var kind: DocumentKind
        var title: String
        var fileName: String?
        var sha256: String
        var language: String?
        var receivedOn: CalendarDate?
    }
    struct AppearanceBody: Decodable { var appearedAt: Date? }
    struct NoteBody: Decodable { var note: String }
    struct ExtensionBody: Decodable { var timer: ExtraditionTimer; var grantedAt: Date?; var reason: String }
    struct CorrectionBody: Decodable { var occurredAt: Date; var zone: String?; var reason: String }
    struct ReasonBody: Decodable { var reason: String }
    struct InstrumentCorrectionBody: Decodable { var instrument: String; var reason: String }
    struct InstrumentBody: Decodable {
        var id: String
        var name: String
        var parties: String?
        var citation: String
        var hasExecutiveStage: Bool
        var hasAppeal: Bool?
        var timers: [InstrumentTimer]
        var extensions: [InstrumentExtension]?
        var territoryPeriods: [TerritoryPeriod]?
        var documentRequirements: [DocumentRequirement]?
    }
    struct CustodyBody: Decodable { var custody: CustodyStatus; var note: String }

    /// The extradition in the path, if the user may see it (404 otherwise); the access is logged.
    func extradition(_ context: AuthenticatedContext, action: String) async throws -> (Case, Actor) {
        try await services.moduleCase(in: context, module: Extradition.moduleID, action: action)
    }

    @Sendable func instruments(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        return try context.json(try await store.instruments())
    }

    @Sendable func instrument(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        return try context.json(try await store.instrument(id: try context.parameters.require("id")))
    }

    @Sendable func saveInstrument(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let actor = context.actor
        let body = try await request.decodeBody(as: InstrumentBody.self, context: context)
        let id: String = try context.parameters.require("id")
        guard body.id == id else {
            throw DossierError.invalidInput("the body's id '\(body.id)' differs from the path's '\(id)'")
        }
        // Legal data a body leaves out is kept, not erased: an edit of the timers must not
        // silently drop the periods set per territory or the extensions a court may grant.
        let stored = try? await store.instrument(id: id)
        let instrument = LegalInstrument(
            id: id, name: body.name, parties: body.parties ?? "", citation: body.citation,
            hasExecutiveStage: body.hasExecutiveStage, hasAppeal: body.hasAppeal ?? stored?.hasAppeal ?? true,
            timers: body.timers, extensions: body.extensions ?? stored?.extensions ?? [],
            territoryPeriods: body.territoryPeriods ?? stored?.territoryPeriods ?? [],
            documentRequirements: body.documentRequirements ?? [])
        return try context.json(try await store.saveInstrument(instrument, by: actor))
    }

    @Sendable func board(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let actor = context.actor
        let text = request.uri.queryParameters["limit"].map(String.init) ?? "100"
        guard let limit = Int(text), (1...500).contains(limit) else {
            throw DossierError.invalidInput("limit '\(text)' must be a whole number from 1 to 500")
        }
        return try context.json(BoardLineView.Board(try await store.board(visibleTo: actor, limit: limit), now: store.cases.clock.now()))
    }

    @Sendable func deadlines(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, _) = try await extradition(context, action: "read-deadlines")
        return try context.json(CaseDeadlinesView(
            reference: found.reference, state: found.state, deadlines: try await store.deadlines(caseID: found.id),
            releaseTasks: try await store.releaseTasks(caseID: found.id)))
    }

    @Sendable func steps(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, _) = try await extradition(context, action: "read-steps")
        return try context.json(try await store.steps(caseID: found.id))
    }

    @Sendable func documents(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, _) = try await extradition(context, action: "read-documents")
        return try context.json(try await store.documents(caseID: found.id))
    }

    @Sendable func registerDocument(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, actor) = try await extradition(context, action: "register-document")
        let body = try await request.decodeBody(as: DocumentBody.self, context: context)
        let document = try await store.registerDocument(
            caseID: found.id,
            NewExtraditionDocument(
                kind: body.kind, title: body.title, fileName: body.fileName ?? "", sha256: body.sha256,
                language: body.language ?? "", receivedOn: body.receivedOn),
            by: actor, options: try request.changeOptions())
        return try context.json(document, status: .created)
    }

    @Sendable func firstAppearance(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, actor) = try await extradition(context, action: "record-first-appearance")
        let body = try await request.decodeBody(as: AppearanceBody.self, context: context)
        return try context.json(try await store.recordFirstAppearance(caseID: found.id, at: body.appearedAt, by: actor))
    }

    @Sendable func correctStep(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, actor) = try await extradition(context, action: "correct-step")
        let text: String = try context.parameters.require("step")
        guard let stepID = UUID(uuidString: text) else {
            throw DossierError.invalidInput("step '\(text)' is not a step id (a UUID, from .../steps)")
        }
        let body = try await request.decodeBody(as: CorrectionBody.self, context: context)
        return try context.json(try await store.correctStep(
            caseID: found.id, step: stepID, occurredAt: body.occurredAt, zone: body.zone, reason: body.reason, by: actor))
    }

    @Sendable func correctInstrument(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, actor) = try await extradition(context, action: "correct-instrument")
        let body = try await request.decodeBody(as: InstrumentCorrectionBody.self, context: context)
        return try context.json(try await store.correctInstrument(
            caseID: found.id, to: body.instrument, reason: body.reason, by: actor))
    }

    @Sendable func applyRules(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, actor) = try await extradition(context, action: "apply-rules")
        let body = try await request.decodeBody(as: ReasonBody.self, context: context)
        return try context.json(try await store.applyInstrumentRules(caseID: found.id, reason: body.reason, by: actor))
    }

    @Sendable func extendDeadline(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, actor) = try await extradition(context, action: "extend-deadline")
        let body = try await request.decodeBody(as: ExtensionBody.self, context: context)
        return try context.json(try await store.extendDeadline(
            caseID: found.id, timer: body.timer, grantedAt: body.grantedAt, reason: body.reason, by: actor))
    }

    @Sendable func lawfulDetention(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, actor) = try await extradition(context, action: "record-lawful-detention")
        let body = try await request.decodeBody(as: NoteBody.self, context: context)
        return try context.json(try await store.recordLawfulDetention(caseID: found.id, note: body.note, by: actor))
    }

    @Sendable func custody(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, actor) = try await extradition(context, action: "set-custody")
        let body = try await request.decodeBody(as: CustodyBody.self, context: context)
        try await store.setCustody(caseID: found.id, to: body.custody, note: body.note, by: actor)
        return Response(status: .noContent)
    }
}
