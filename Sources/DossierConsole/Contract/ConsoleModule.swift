public import DossierCore
public import DossierServer
public import Foundation

/// What a module adds to the console, from a console target of its own
/// (`ExtraditionConsole`, …): navigation entries, pages under `/console/<module-id>/`, and
/// panels on the core case page. The console knows no module by name; it asks each
/// registered module that conforms.
///
/// ```swift
/// extension Extradition: ConsoleModule {
///     var consoleTemplates: [String: String] { ["board": boardTemplate] }
///     var consoleNavigation: [ConsoleNavigationEntry] { [.init(title: "Deadlines", path: "extradition/board", roles: [.legal])] }
///     func consoleRoutes(services: DossierServices) -> [ConsoleRoute] {
///         [.get("board", "The deadline board", access: .roles([.legal, .supervisor])) { request in … }]
///     }
/// }
/// ```
public protocol ConsoleModule: CaseModule {
    /// Mustache templates the module's pages render, by name; registered as
    /// `<module-id>/<name>`, so a page renders `request.render("extradition/board", …)`.
    var consoleTemplates: [String: String] { get }
    /// Entries the module adds to the navigation bar.
    var consoleNavigation: [ConsoleNavigationEntry] { get }
    /// The module's pages; their paths are taken below `/console/<module-id>/`.
    func consoleRoutes(services: DossierServices) -> [ConsoleRoute]
    /// Panels on the case page of `case` (any module's case: a module may add a panel to
    /// cases it links to). Only called for a case the user may see, after the read is logged.
    func casePanels(for case: Case, request: ConsoleRequest) async throws -> [CasePanel]
    /// Panels on the user's My work page (a legal officer's deadline board, a reviewer's
    /// queue), cut to what the user may see.
    func myWorkPanels(request: ConsoleRequest) async throws -> [CasePanel]
    /// The zone a date and time typed without an offset (a `timestamp` input's
    /// `datetime-local` field) is read in on the step `transition` of `case`, given the
    /// request's posted form (empty while the page is drawn); nil reads it as UTC. An
    /// extradition answers the zone of the place the step happened.
    func localTimeZone(for case: Case, transition: String, request: ConsoleRequest) async throws -> TimeZone?
    /// Steps of the module's cases that its own panel runs (a review it starts with a new
    /// id, an approval of the review awaiting one), by transition name, with the anchor of
    /// that panel on the case page (`#cold-cases-reviews`): "What you can do next" links
    /// there instead of drawing the step's bare inputs.
    var panelTransitions: [String: String] { get }
}

extension ConsoleModule {
    public var consoleTemplates: [String: String] { [:] }
    public var consoleNavigation: [ConsoleNavigationEntry] { [] }
    public func consoleRoutes(services: DossierServices) -> [ConsoleRoute] { [] }
    public func casePanels(for case: Case, request: ConsoleRequest) async throws -> [CasePanel] { [] }
    public func myWorkPanels(request: ConsoleRequest) async throws -> [CasePanel] { [] }
    public func localTimeZone(for case: Case, transition: String, request: ConsoleRequest) async throws -> TimeZone? { nil }
    public var panelTransitions: [String: String] { [:] }
}

/// A link in the console's navigation bar.
public struct ConsoleNavigationEntry: Sendable, Hashable {
    public var title: String
    /// Below `/console/`, e.g. `extradition/board`.
    public var path: String
    /// Who sees the entry; nil for every signed-in user. It only hides the link: the
    /// route's own ``ConsoleAccess`` decides who may open the page.
    public var roles: Set<Role>?

    public init(title: String, path: String, roles: Set<Role>? = nil) {
        self.title = title
        self.path = path
        self.roles = roles
    }
}

/// A panel on the case page or My work: a title and what the module's template drew
/// (`request.render("inquiry/summary", …)`, every value escaped as on any page).
public struct CasePanel: Sendable {
    public var title: String
    public var html: RenderedHTML

    public init(title: String, html: RenderedHTML) {
        self.title = title
        self.html = html
    }
}

extension ConsoleModule {
    /// The Mustache templates among a console target's embedded `Files/`
    /// (`templates/board.mustache` → `board`), for ``consoleTemplates``:
    /// `Self.templates(in: EmbeddedConsoleFiles.files)`.
    public static func templates(in files: [String: Data]) -> [String: String] {
        var templates: [String: String] = [:]
        for (path, data) in files where path.hasPrefix("templates/") && path.hasSuffix(".mustache") {
            templates[String(path.dropFirst("templates/".count).dropLast(".mustache".count))] = String(decoding: data, as: UTF8.self)
        }
        return templates
    }
}
