import DossierCore
import DossierPostgres
import DossierServer
import Foundation
import HTTPTypes

/// Persons: fuzzy search over every name a person is known by (aliases, original script,
/// transliterations) with the name that matched, and a person's page with the other
/// cases they appear in — only cases the user may see.
struct PersonPages {
    @Sendable func search(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        var data: [String: Any] = ["q": request.query("q") ?? ""]
        if let name = request.query("q") {
            do {
                let matches = try await request.services.store.searchPersons(name: name, limit: 50, visibleTo: try request.user.actor)
                data["results"] = Self.rows(matches)
                data["hasResults"] = !matches.isEmpty
                data["searched"] = true
                try await request.services.accessLog.record(
                    actor: try request.user.id, caseID: nil, action: "search-persons", detail: "\(matches.count) persons",
                    source: request.accessSource)
            } catch let error as DossierError where error.code == .invalidInput {
                data["error"] = error.message
            }
        }
        return request.page("Persons", template: "persons", data, status: data["error"] == nil ? .ok : .unprocessableContent)
    }

    @Sendable func show(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        guard let id = UUID(uuidString: try request.parameter("id")) else { throw DossierError.notFound("person") }
        let actor = try request.user.actor
        let person = try await request.services.store.getPerson(id: id, visibleTo: actor)
        let cases = try await request.services.store.cases(ofPerson: id, visibleTo: actor)
        try await request.services.accessLog.record(
            actor: actor.id, caseID: nil, action: "read-person", detail: id.uuidString.lowercased(), source: request.accessSource)
        let data: [String: Any] = [
            "name": person.latinName, "original": person.originalScriptName as Any,
            "aliases": person.aliases.map {
                ["name": $0.name, "kind": ConsoleFormat.label($0.kind.rawValue), "source": $0.source, "hasSource": !$0.source.isEmpty] as [String: Any]
            },
            "hasAliases": !person.aliases.isEmpty, "born": person.dateOfBirth?.description ?? "—",
            "sex": person.sex?.rawValue ?? "—", "nationalities": person.nationalities.joined(separator: ", "),
            "documents": person.identityDocuments.map { document in
                ["text": "\(ConsoleFormat.label(document.kind)) \(document.number), \(document.issuingCountry)"
                    + (document.expiresOn.map { ", expires \($0)" } ?? "")] as [String: Any]
            },
            "hasDocuments": !person.identityDocuments.isEmpty,
            "cases": cases.map { found, role in CaseRows.rows([found])[0].merging(["role": ConsoleFormat.label(role.rawValue)]) { $1 } },
            "hasCases": !cases.isEmpty,
        ]
        return request.page(person.latinName, template: "person", data, section: "persons")
    }

    static func rows(_ matches: [PersonMatch]) -> [[String: Any]] {
        matches.map { match in
            [
                "id": match.person.id.uuidString.lowercased(), "name": match.person.latinName, "matched": match.matchedName,
                "sameName": match.matchedName == match.person.latinName, "score": String(format: "%.0f%%", match.score * 100),
                "born": match.person.dateOfBirth?.description ?? "—", "nationalities": match.person.nationalities.joined(separator: ", "),
            ]
        }
    }
}
