import DossierCore
import DossierPostgres
import DossierServer
import Foundation
import HTTPTypes

/// Saving the case list's filters under a name, and deleting a saved view. The views are
/// the user's own: nobody else sees, opens or deletes them.
struct SavedViewPages {
    @Sendable func save(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let filters = Self.cleanFilters(request.form.raw("filters") ?? "")
        let name = request.form["name"] ?? ""
        do {
            try await Self.store(request).save(name: name, filters: filters, for: try request.user.id)
        } catch let error as DossierError where error.code == .invalidInput {
            return .refusal("/console/cases" + (filters.isEmpty ? "" : "?\(filters)"), problem: "Not saved: \(error.message).")
        }
        return .redirect("/console/cases" + (filters.isEmpty ? "" : "?\(filters)"), flash: "Saved the view “\(name)”.")
    }

    @Sendable func delete(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        guard let id = UUID(uuidString: try request.parameter("id")) else { throw DossierError.notFound("view") }
        try await Self.store(request).delete(id: id, of: try request.user.id)
        return .redirect("/console/cases", flash: "Deleted the view.")
    }

    static func store(_ request: ConsoleRequest) -> SavedViews {
        SavedViews(client: request.services.client, clock: request.services.store.clock, logger: request.services.logger)
    }

    /// Only the case list's own filters, re-encoded: a saved view cannot carry anything else.
    static func cleanFilters(_ query: String) -> String {
        let form = FormValues(encoded: query)
        return CaseListPage.filterNames.compactMap { name in form[name].map { "\(name)=\(ConsoleSite.formEncoded($0))" } }
            .joined(separator: "&")
    }
}
