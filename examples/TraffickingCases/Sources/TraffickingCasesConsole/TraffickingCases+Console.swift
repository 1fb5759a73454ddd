public import DossierConsole
public import DossierCore
import DossierServer
public import TraffickingCases

/// The module's part of Dossier's console: on each trafficking case's page, what its action
/// day achieved. The template is the module's own (`Files/templates/tally-panel.mustache`,
/// embedded by Dossier's `EmbedConsoleFiles` plugin) and is registered as
/// `trafficking/tally-panel`; every value in it is escaped, as on every console page.
extension TraffickingCases: ConsoleModule {
    public var consoleTemplates: [String: String] { Self.templates(in: EmbeddedConsoleFiles.files) }

    /// Called only for a case the user may see, after the console has logged the read.
    public func casePanels(for case: Case, request: ConsoleRequest) async throws -> [CasePanel] {
        guard `case`.module == id else { return [] }
        let store = TraffickingStore(cases: request.services.store, logger: request.services.logger)
        let tally = try await store.tally(caseID: `case`.id)
        let data: [String: Any] = [
            "victims": tally.victimsIdentified, "referred": tally.victimsReferred, "suspects": tally.suspectsNamed,
            "arrested": tally.suspectsArrested,
            // Mustache takes 0 as present: no badge unless some referral is late.
            "overdue": tally.referralsOverdue > 0 ? tally.referralsOverdue : nil as Int?,
        ]
        return [CasePanel(title: "Action day", html: request.render("trafficking/tally-panel", data))]
    }
}
