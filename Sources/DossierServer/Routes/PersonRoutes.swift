import DossierCore
import DossierPostgres
import Foundation
import Hummingbird
import HTTPTypes

/// `/api/v1/persons`: record, read and search persons; the cases a person appears in.
struct PersonRoutes {
    let services: DossierServices

    struct PersonBody: Decodable {
        var originalScriptName: String?
        var latinName: String
        var aliases: [PersonAlias]?
        var dateOfBirth: String?
        var sex: Sex?
        var nationalities: [String]?
        var identityDocuments: [IdentityDocument]?
        var notices: [Notice]?
    }

    struct PersonCase: Encodable { var `case`: Case; var role: CaseParty.Role }

    var routes: [APIRoute] {
        [
            .post(
                "persons", "Record a person (Idempotency-Key supported)", body: CoreSchemas.newPerson,
                response: .created(CoreSchemas.person), use: create),
            .get(
                "persons", "Search persons by any of their names, date of birth and nationality",
                query: [
                    .init("name", "Any of the person's names, 2 to 200 characters", required: true),
                    .init("born", "Year of birth", schema: JSONSchema.integer),
                    .init("nationality", "ISO 3166-1 alpha-2"), .limit(maximum: 100),
                ],
                response: .ok(CoreSchemas.personMatches), use: search),
            .get("persons/{id}", "Get a person", response: .ok(CoreSchemas.person), use: get),
            .get(
                "persons/{id}/cases", "The cases you may see in which this person appears", response: .ok(CoreSchemas.personCases),
                use: cases),
        ]
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let user = try context.require(.investigator, .supervisor, .legal, for: "recording a person")
        let body = try await request.decodeBody(as: PersonBody.self, context: context)
        let person = try await services.store.createPerson(
            NewPerson(
                originalScriptName: body.originalScriptName, latinName: body.latinName, aliases: body.aliases ?? [],
                dateOfBirth: try body.dateOfBirth.map { text throws(DossierError) in try PartialDate(parsing: text) },
                sex: body.sex, nationalities: body.nationalities ?? [], identityDocuments: body.identityDocuments ?? [],
                notices: body.notices ?? []),
            by: user.actor, idempotencyKey: request.idempotencyKey)
        return try context.json(person, status: .created, headers: [.location: "/api/v1/persons/\(person.id.uuidString.lowercased())"])
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let user = try context.require(.investigator, .supervisor, .legal, .analyst, for: "reading persons")
        return try context.json(
            try await services.store.getPerson(id: try context.parameters.require("id", as: UUID.self), visibleTo: user.actor))
    }

    @Sendable func search(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let user = try context.require(.investigator, .supervisor, .legal, .analyst, for: "searching persons")
        guard let name = request.query("name") else {
            throw Problem(.unprocessableContent, code: "invalid_input", detail: "query parameter name is required (2 to 200 characters)")
        }
        let born = try request.query("born", Int.init, expected: "a year, e.g. 1978")
        let limit = try request.query("limit", Int.init, expected: "a whole number from 1 to 100") ?? 20
        return try context.json(try await services.store.searchPersons(
            name: name, bornYear: born, nationality: request.query("nationality"), limit: limit, visibleTo: user.actor))
    }

    @Sendable func cases(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let actor = context.actor
        let found = try await services.store.cases(ofPerson: try context.parameters.require("id", as: UUID.self), visibleTo: actor)
        let cases = try await services.store.redactingHiddenCaseReferences(found.map(\.case), for: actor)
        return try context.json(zip(cases, found).map { PersonCase(case: $0, role: $1.role) })
    }
}
