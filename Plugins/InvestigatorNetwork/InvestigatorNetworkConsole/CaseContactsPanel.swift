import DossierConsole
import DossierCore
import DossierPostgres
import Foundation
import InvestigatorNetwork

/// On every case page: the directory entries linked to the case as external contacts that
/// the user may see, each with its channels, local time and freshness.
struct CaseContactsPanel {
    let store: NetworkStore

    /// Who may link a contact (the store holds the same rule).
    static let linkers: Set<Role> = [.investigator, .supervisor, .legal]

    func panel(for found: Case, request: ConsoleRequest) async throws -> CasePanel {
        let now = store.cases.clock.now()
        let contacts = try await store.caseContacts(caseID: found.id, visibleTo: try request.user.actor)
        let data: [String: Any] = [
            "reference": found.reference, "country": found.country,
            "contacts": contacts.map { contact in
                DirectoryFormat.entry(contact.investigator, stale: contact.stale, now: now).merging([
                    "linkedAt": ConsoleFormat.date(contact.linkedAt), "linkedBy": contact.linkedBy,
                ]) { $1 }
            },
            "hasContacts": !contacts.isEmpty,
        ]
        return CasePanel(title: "External contacts", html: request.render("network/contacts-panel", data))
    }
}
