public import DossierConsole
public import DossierCore
public import DossierServer
public import Extradition
public import Foundation

/// The extradition module's console pages: the deadline board with its calendar feed, and
/// on each extradition's case page its legal steps, deadlines and release tasks.
extension Extradition: ConsoleModule {
    public var consoleTemplates: [String: String] { Self.templates(in: EmbeddedConsoleFiles.files) }

    public var consoleNavigation: [ConsoleNavigationEntry] {
        [ConsoleNavigationEntry(title: "Deadlines", path: "extradition/board", roles: DeadlineBoardPage.navigationRoles)]
    }

    public func consoleRoutes(services: DossierServices) -> [ConsoleRoute] {
        let store = ExtraditionStore(cases: services.store, logger: services.logger)
        let board = DeadlineBoardPage(store: store)
        let feed = CalendarFeedPage(store: store, users: services.users)
        let steps = LegalStepsPanel(store: store)
        let documents = DocumentsPanel(store: store)
        return [
            .get("board", "The deadline board: open legal deadlines, overdue first", access: .signedIn, board.show),
            .post("calendar", "Make, replace or stop the user's calendar feed address", access: .signedIn, board.changeFeed),
            .get("calendar/{file}", "A user's calendar feed (iCalendar), by the token in its address", access: .anyone, feed.show),
            .post(
                "cases/{ref}/step-corrections", "Correct when or where a step happened; its deadlines are recomputed",
                access: .roles(LegalStepsPanel.correctors), steps.correct),
            .post(
                "cases/{ref}/documents", "Register a document with the SHA-256 of its file",
                access: .roles(DocumentsPanel.keepers), documents.register),
        ]
    }

    public func casePanels(for case: Case, request: ConsoleRequest) async throws -> [CasePanel] {
        guard `case`.module == id else { return [] }
        let store = ExtraditionStore(cases: request.services.store, logger: request.services.logger)
        async let steps = LegalStepsPanel(store: store).panel(for: `case`, request: request)
        async let documents = DocumentsPanel(store: store).panel(for: `case`, request: request)
        return [try await steps, try await documents]
    }

    /// A step's time is read in the zone its form names, else where the step is counted:
    /// the requested state's default zone (the requesting state's for the final discharge).
    public func localTimeZone(for case: Case, transition: String, request: ConsoleRequest) async throws -> TimeZone? {
        guard `case`.module == id else { return nil }
        if let named = request.form["input.zone"], let zone = TimeZone(identifier: named) { return zone }
        let store = ExtraditionStore(cases: request.services.store, logger: request.services.logger)
        return try await store.defaultZone(for: `case`, transition: transition)
    }
}
