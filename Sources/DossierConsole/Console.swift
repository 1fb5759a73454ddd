import DossierCore
public import DossierPostgres
public import DossierServer
import Foundation
public import Hummingbird

/// The web console under `/console/`: server-rendered pages on the same stores, the same
/// visibility rule and the same access log as `/api/v1`. `dossier serve` mounts it.
///
/// ```swift
/// let app = try buildApplication(configuration: configuration, modules: modules, extensions: [Console()], logger: logger)
/// ```
public struct Console: RouterExtension {
    public var configuration: ConsoleConfiguration

    public init(configuration: ConsoleConfiguration = .init()) {
        self.configuration = configuration
    }

    public func mount(on router: Router<DossierRequestContext>, services: DossierServices, configuration server: ServerConfiguration) throws {
        let site = try Self.site(services: services, configuration: configuration, clock: server.clock)
        for route in try Self.routes(site: site, modules: site.modules) {
            router.on(RouterPath("console/\(route.path)"), method: route.method) { request, context in
                try await site.handle(route, request: request, context: context)
            }
        }
    }

    /// The console on these services: its templates parsed, its stores made.
    static func site(services: DossierServices, configuration: ConsoleConfiguration, clock: WallClock) throws -> ConsoleSite {
        let modules = services.registry.modules.compactMap { $0 as? any ConsoleModule }
        let sessions = ConsoleSessions(client: services.client, clock: clock, policy: configuration.sessions, logger: services.logger)
        return ConsoleSite(
            services: services, renderer: try ConsoleRenderer(files: EmbeddedConsoleFiles.files, modules: modules), sessions: sessions,
            signIn: ConsoleSignIn(users: services.users, sessions: sessions, policy: configuration.signIn),
            navigation: navigation(modules: modules), modules: modules)
    }

    /// The core's routes, then each module's below its id; the same method and path twice
    /// stops the server from starting.
    static func routes(site: ConsoleSite, modules: [any ConsoleModule]) throws -> [ConsoleRoute] {
        var routes = CoreConsoleRoutes(site: site).routes
        for module in modules {
            for var route in module.consoleRoutes(services: site.services) {
                route.path = route.path.isEmpty ? module.id : "\(module.id)/\(route.path)"
                routes.append(route)
            }
        }
        var seen = Set<String>()
        for route in routes where !seen.insert("\(route.method) \(route.path)").inserted {
            throw ConsoleSetupError(detail: "two console routes answer \(route.method) /console/\(route.path)")
        }
        return routes
    }

    /// Every entry of the navigation bar: the core's, then each module's.
    static func navigation(modules: [any ConsoleModule]) -> [ConsoleNavigationEntry] {
        [
            ConsoleNavigationEntry(title: "My work", path: ""),
            ConsoleNavigationEntry(title: "Cases", path: "cases"),
            ConsoleNavigationEntry(title: "Persons", path: "persons"),
            ConsoleNavigationEntry(title: "Workflows", path: "workflows"),
        ] + modules.flatMap(\.consoleNavigation) + [
            ConsoleNavigationEntry(title: "Audit", path: "audit", roles: AuditPages.roles),
            ConsoleNavigationEntry(title: "Users", path: "admin", roles: AdminPages.roles),
        ]
    }

    /// The console's routes for these modules, as `METHOD path` with their access rule,
    /// for tests that hold every navigation link to a route.
    public static func routeTable(services: DossierServices, configuration: ConsoleConfiguration = .init()) throws
        -> [(method: String, path: String, access: ConsoleAccess)]
    {
        let site = try site(services: services, configuration: configuration, clock: .system)
        return try routes(site: site, modules: site.modules).map { ("\($0.method)", $0.path, $0.access) }
    }

    /// The navigation bar's entries for these modules.
    public static func navigationEntries(registry modules: [any ConsoleModule]) -> [ConsoleNavigationEntry] {
        navigation(modules: modules)
    }
}

/// The console could not be set up: two routes on one path, or a template that does not parse.
public struct ConsoleSetupError: Error, CustomStringConvertible {
    public var detail: String
    public var description: String { "console: \(detail)" }
}

/// How the console's sessions and sign-ins behave.
public struct ConsoleConfiguration: Sendable {
    public var sessions = SessionPolicy()
    public var signIn = SignInPolicy()

    public init(sessions: SessionPolicy = .init(), signIn: SignInPolicy = .init()) {
        self.sessions = sessions
        self.signIn = signIn
    }
}
