public import DossierConsole
public import DossierCore
public import DossierServer
public import SurveillanceLogs

/// The surveillance module's console pages: the operations the user may see by end of
/// cover ("Surveillance" in the navigation); on an operation's case page its authorisations
/// (legal maximum, renewals, expiry, time left, cancel) and a summary of its log; the log
/// itself with the entry and correction forms, the chain's status and the disclosure
/// export as a download.
extension SurveillanceLogs: ConsoleModule {
    public var consoleTemplates: [String: String] { Self.templates(in: EmbeddedConsoleFiles.files) }

    public var consoleNavigation: [ConsoleNavigationEntry] {
        [ConsoleNavigationEntry(title: "Surveillance", path: "surveillance/operations", roles: OperationsPage.navigationRoles)]
    }

    public func consoleRoutes(services: DossierServices) -> [ConsoleRoute] {
        let store = SurveillanceStore(cases: services.store, logger: services.logger)
        let authorisations = AuthorisationsPanel(store: store)
        let log = OperationLogPage(store: store, module: self)
        let disclosure = DisclosureDownload(store: store)
        let operations = OperationsPage(store: store)
        return [
            .get("operations", "Operations the user may see, uncovered first, then the soonest end of cover", access: .signedIn, operations.show),
            .post(
                "cases/{ref}/authorisations", "Record an authorisation (refused beyond its legal basis)",
                access: .roles(AuthorisationsPanel.authorisers), authorisations.record),
            .post(
                "cases/{ref}/authorisations/{id}/renewal", "Renew an authorisation to a new end",
                access: .roles(AuthorisationsPanel.authorisers), authorisations.renew),
            .post(
                "cases/{ref}/authorisations/{id}/cancellation", "Cancel an authorisation from now on",
                access: .roles(AuthorisationsPanel.authorisers), authorisations.cancel),
            .get("cases/{ref}/log", "The operation's log: entries, chain status, entry and correction forms", access: .signedIn, log.show),
            .post("cases/{ref}/log", "Append an entry, or a correction of one", access: .roles(OperationLogPage.loggers), log.append),
            .post(
                "cases/{ref}/export", "The disclosure export as a download (recorded on the timeline)",
                access: .roles(DisclosureDownload.exporters), disclosure.download),
        ]
    }

    public func casePanels(for case: Case, request: ConsoleRequest) async throws -> [CasePanel] {
        guard `case`.module == id else { return [] }
        let store = SurveillanceStore(cases: request.services.store, logger: request.services.logger)
        return [try await AuthorisationsPanel(store: store).panel(for: `case`, request: request)]
    }
}
