public import DossierCore
public import HTTPTypes

/// One console page or form target, with the rule for who may use it. Every route has one:
/// the console refuses to mount a route without it, and a test holds each navigation link
/// to a route.
public struct ConsoleRoute: Sendable {
    public var method: HTTPRequest.Method
    /// Below `/console/` (or `/console/<module-id>/` for a module), with `{name}` parameters.
    public var path: String
    public var summary: String
    public var access: ConsoleAccess
    public var handler: @Sendable (ConsoleRequest) async throws -> ConsoleResponse

    public init(
        _ method: HTTPRequest.Method, _ path: String, _ summary: String, access: ConsoleAccess,
        handler: @escaping @Sendable (ConsoleRequest) async throws -> ConsoleResponse
    ) {
        self.method = method
        self.path = path
        self.summary = summary
        self.access = access
        self.handler = handler
    }

    public static func get(
        _ path: String, _ summary: String, access: ConsoleAccess,
        _ handler: @escaping @Sendable (ConsoleRequest) async throws -> ConsoleResponse
    ) -> ConsoleRoute {
        ConsoleRoute(.get, path, summary, access: access, handler: handler)
    }

    /// A form target: the console checks the session's CSRF token and the request's origin
    /// before the handler runs, and answers 403 without running it when either is wrong.
    public static func post(
        _ path: String, _ summary: String, access: ConsoleAccess,
        _ handler: @escaping @Sendable (ConsoleRequest) async throws -> ConsoleResponse
    ) -> ConsoleRoute {
        ConsoleRoute(.post, path, summary, access: access, handler: handler)
    }
}

/// Who may use a console route.
public enum ConsoleAccess: Sendable, Hashable {
    /// Anyone, signed in or not: the sign-in page and the stylesheet.
    case anyone
    /// Any signed-in user. What they see on the page is still cut to what they may see.
    case signedIn
    /// Signed-in users with one of these roles; others get a 403 page naming them.
    case roles(Set<Role>)

    /// Whether `user` passes (nil: nobody is signed in).
    func admits(_ user: User?) -> Bool {
        switch self {
        case .anyone: true
        case .signedIn: user != nil
        case .roles(let roles): user.map { !$0.roles.isDisjoint(with: roles) } ?? false
        }
    }
}
