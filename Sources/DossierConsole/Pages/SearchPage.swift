import DossierCore
import DossierPostgres
import DossierServer
import Foundation
import HTTPTypes

/// The search box on every page: a case reference (or id) the user may see goes straight
/// to the case, and a notice id (`2021/75051`) to the one person who carries it; anything
/// else lists the persons whose names resemble it and the cases whose title or summary
/// hold its words.
struct SearchPage {
    @Sendable func search(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        guard let text = request.query("q") else { return .redirect("/console/cases") }
        let store = request.services.store
        let actor = try request.user.actor
        if Self.looksLikeReference(text) || UUID(uuidString: text) != nil {
            if let found = try? await store.visibleCase(named: text, to: actor) {
                return .redirect("/console/cases/\(found.reference)")
            }
        }
        var noticed: [Person] = []
        if Self.looksLikeNoticeID(text) {
            noticed = try await store.persons(withNotice: text, visibleTo: actor)
            if noticed.count == 1 { return .redirect("/console/persons/\(noticed[0].id.uuidString.lowercased())") }
        }
        var data: [String: Any] = ["q": text]
        if text.count >= 2 {
            var persons = noticed.map { PersonMatch(person: $0, matchedName: "notice \(text)", score: 1) }
            persons += (try? await store.searchPersons(name: String(text.prefix(200)), limit: 20, visibleTo: actor)) ?? []
            data["persons"] = ["results": PersonPages.rows(persons)]
            data["hasPersons"] = !persons.isEmpty
        }
        let cases = try await store.listCases(CaseQuery(text: String(text.prefix(200)), limit: 20), visibleTo: actor)
        data["cases"] = CaseRows.rows(try await store.redactingHiddenCaseReferences(cases.cases, for: actor))
        data["hasCases"] = !cases.cases.isEmpty
        data["moreCases"] = cases.nextCursor != nil
        data["casesLink"] = "/console/cases?q=\(ConsoleSite.formEncoded(text))"
        try await request.services.accessLog.record(actor: actor.id, caseID: nil, action: "search", detail: String(text.prefix(100)), source: request.accessSource)
        return request.page("Search: \(text.prefix(80))", template: "search", data, section: "")
    }

    /// `2021/75051` or `2021-75051`: digits, then a slash or a dash, then digits.
    static func looksLikeNoticeID(_ text: String) -> Bool {
        let parts = text.trimmingCharacters(in: .whitespaces).split(whereSeparator: { $0 == "/" || $0 == "-" })
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    /// `EXT-2026-000042`: letters, a dash, then digits and dashes.
    static func looksLikeReference(_ text: String) -> Bool {
        let parts = text.uppercased().split(separator: "-")
        guard parts.count >= 2, let first = parts.first, first.allSatisfy({ $0.isLetter && $0.isASCII }) else { return false }
        return parts.dropFirst().allSatisfy { $0.allSatisfy(\.isNumber) }
    }
}
