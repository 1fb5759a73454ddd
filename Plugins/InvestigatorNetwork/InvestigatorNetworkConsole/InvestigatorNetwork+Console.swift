public import DossierConsole
public import DossierCore
public import DossierServer
public import InvestigatorNetwork

/// The directory's console pages, for everyone: search by country, language, specialty
/// and text with stale entries marked; an entry's page with its secure channels and the
/// clock where they work; a country's points of contact; a case's external contacts on
/// its page; and the operations with their tallies by country.
extension InvestigatorNetwork: ConsoleModule {
    public var consoleTemplates: [String: String] { Self.templates(in: EmbeddedConsoleFiles.files) }

    public var consoleNavigation: [ConsoleNavigationEntry] {
        [ConsoleNavigationEntry(title: "Directory", path: "network/directory")]
    }

    public func consoleRoutes(services: DossierServices) -> [ConsoleRoute] {
        let store = NetworkStore(cases: services.store, logger: services.logger)
        let directory = DirectoryPages(store: store)
        let operations = OperationsPage(store: store)
        return [
            .get("directory", "Search the directory: country, language, specialty, text", access: .signedIn, directory.search),
            .get("investigators/{id}", "A directory entry: secure channels, local time, verification", access: .signedIn, directory.entry),
            .post(
                "investigators/{id}/links", "Link the entry to a case as its external contact",
                access: .roles(CaseContactsPanel.linkers), directory.link),
            .get("operations", "Operations with their tallies by country", access: .signedIn, operations.show),
        ]
    }

    /// Every case the user may see has its external contacts on its page.
    public func casePanels(for case: Case, request: ConsoleRequest) async throws -> [CasePanel] {
        let store = NetworkStore(cases: request.services.store, logger: request.services.logger)
        return [try await CaseContactsPanel(store: store).panel(for: `case`, request: request)]
    }
}
