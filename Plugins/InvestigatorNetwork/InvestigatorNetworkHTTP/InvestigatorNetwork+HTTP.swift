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
    public func routes(services: DossierServices) -> [APIRoute] {
        let routes = NetworkRoutes(services: services, store: NetworkStore(cases: services.store, logger: services.logger))
        typealias Schemas = NetworkSchemas
        let flag = JSONSchema.enumeration(["true", "false", "1", "0"])
        return [
            .get("agencies", "Agencies on the network", response: .ok(JSONSchema.array(of: Schemas.agency)), use: routes.agencies),
            .post("agencies", "Register an agency", body: Schemas.newAgency, response: .created(Schemas.agency), use: routes.createAgency),
            .post(
                "investigators", "Register an investigator", body: Schemas.newInvestigator,
                response: .created(Schemas.investigator), use: routes.createInvestigator),
            .get("investigators/{id}", "One directory entry", response: .ok(Schemas.investigator), use: routes.investigator),
            .get(
                "search", "Search by country, language, specialty and text; stale entries marked",
                query: [
                    .init("country", "ISO 3166-1 alpha-2"), .init("language", "A language code (ISO 639)"),
                    .init("specialty", "One specialty", schema: JSONSchema.enumeration(Specialty.allCases.map(\.rawValue))),
                    .init("q", "Words in the name, role or agency"), .limit(maximum: 200),
                ],
                response: .ok(Schemas.hits), use: routes.search),
            .get(
                "contacts/{country}", "A country's points of contact for fugitive matters",
                response: .ok(Schemas.countryContacts), use: routes.contacts),
            .post(
                "import", "Import CSV (the body, text/csv) with a report of rejected rows; 422 when no row could be imported",
                query: [
                    .init("dry_run", "Check without importing", schema: flag),
                    .init("skip_invalid", "Import the valid rows, report the rest", schema: flag),
                ],
                response: .ok(Schemas.importReport).also(.unprocessableContent, Schemas.importReport), use: routes.importCSV
            ).accepting("text/csv"),
            .get(
                "export", "Export what you may see",
                query: [.init("format", "json (the default) or csv", schema: JSONSchema.enumeration(["json", "csv"]))],
                response: .ok(JSONSchema.array(of: Schemas.investigator)).or("text/csv"), use: routes.export),
            .get(
                "cases/{ref}/contacts", "A case's external contacts with their freshness", response: .ok(Schemas.caseContacts),
                use: routes.caseContacts),
            .post(
                "cases/{ref}/contacts", "Link a directory entry to a case as an external contact", body: Schemas.newContact,
                response: .created(Schemas.caseContacts), use: routes.linkContact),
            .get("operations", "Infra-style operations", response: .ok(JSONSchema.array(of: Schemas.operation)), use: routes.operations),
            .post(
                "operations", "Register an operation", body: Schemas.newOperation, response: .created(Schemas.operation),
                use: routes.createOperation),
            .post(
                "operations/{id}/targets", "Add a target (person, case) to an operation", body: Schemas.newTarget,
                response: .created(Schemas.target), use: routes.addTarget),
            .put(
                "targets/{id}/outcome", "Record a target's outcome", body: Schemas.newOutcome, response: .ok(Schemas.target),
                use: routes.recordOutcome),
            .get("operations/{id}/tally", "Outcome totals by country", response: .ok(Schemas.tally), use: routes.tally),
        ]
    }
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
