public import DossierCore
public import Hummingbird
public import HTTPTypes

/// A module that adds HTTP routes, mounted under `/api/v1/<module-id>/` behind the core's
/// authentication. Each route is declared once, as a ``ModuleRoute``: the router serves it
/// and the OpenAPI document describes it from that one declaration, so the two cannot
/// disagree. Handlers resolve cases through ``DossierServices/moduleCase(in:module:action:)``,
/// which answers 404 for a case the user may not see.
///
/// ```swift
/// extension ColdCases: HTTPModule {
///     public func routes(services: DossierServices) -> [ModuleRoute] {
///         let routes = ColdCaseRoutes(services: services)
///         return [.get("queue", "The review queue", use: routes.queue)]
///     }
/// }
/// ```
public protocol HTTPModule: CaseModule {
    /// The module's routes, relative to `/api/v1/<module-id>/`.
    func routes(services: DossierServices) -> [ModuleRoute]
}

/// One route of a module: what the router serves and what the OpenAPI document says of it.
public struct ModuleRoute: Sendable {
    public typealias Handler = @Sendable (Request, AuthenticatedContext) async throws -> Response

    public var method: HTTPRequest.Method
    /// Relative to the module's group, path parameters in braces: `cases/{ref}/documents`.
    public var path: String
    public var summary: String
    /// The JSON Schema of the request body, for a route that takes one.
    public var body: JSONValue?
    public var handler: Handler

    /// A route whose handler answers with anything Hummingbird can turn into a response.
    public init<Output: ResponseGenerator>(
        _ method: HTTPRequest.Method, _ path: String, _ summary: String, body: JSONValue? = nil,
        use handler: @escaping @Sendable (Request, AuthenticatedContext) async throws -> Output
    ) {
        self.method = method
        self.path = path
        self.summary = summary
        self.body = body
        self.handler = { request, context in try await handler(request, context).response(from: request, context: context) }
    }

    public static func get<Output: ResponseGenerator>(
        _ path: String, _ summary: String,
        use handler: @escaping @Sendable (Request, AuthenticatedContext) async throws -> Output
    ) -> Self {
        Self(.get, path, summary, use: handler)
    }

    public static func post<Output: ResponseGenerator>(
        _ path: String, _ summary: String, body: JSONValue? = nil,
        use handler: @escaping @Sendable (Request, AuthenticatedContext) async throws -> Output
    ) -> Self {
        Self(.post, path, summary, body: body, use: handler)
    }

    public static func put<Output: ResponseGenerator>(
        _ path: String, _ summary: String, body: JSONValue? = nil,
        use handler: @escaping @Sendable (Request, AuthenticatedContext) async throws -> Output
    ) -> Self {
        Self(.put, path, summary, body: body, use: handler)
    }

    public static func delete<Output: ResponseGenerator>(
        _ path: String, _ summary: String,
        use handler: @escaping @Sendable (Request, AuthenticatedContext) async throws -> Output
    ) -> Self {
        Self(.delete, path, summary, use: handler)
    }
}

/// A module's routes, declared for the server to mount and document.
struct MountedModule: Sendable {
    var id: String
    var routes: [ModuleRoute]

    /// Serves each route under the module's group.
    func mount(on api: RouterGroup<AuthenticatedContext>) {
        let group = api.group(RouterPath(id))
        for route in routes {
            group.on(RouterPath(route.path), method: route.method, use: route.handler)
        }
    }
}
