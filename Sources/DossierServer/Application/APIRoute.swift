public import DossierCore
public import Hummingbird
public import HTTPTypes

/// One route of the API, core or module: what the router serves and everything the
/// OpenAPI document says of it (query parameters, request body, response).
///
/// ```swift
/// .get("queue", "Cold cases awaiting review", query: [.limit(maximum: 500), .cursor],
///      response: .ok(ColdCaseSchemas.queuePage), use: routes.queue)
/// ```
public struct APIRoute: Sendable {
    public typealias Handler = @Sendable (Request, AuthenticatedContext) async throws -> Response

    public var method: HTTPRequest.Method
    /// Relative to the group it is mounted in, path parameters in braces: `cases/{ref}/documents`.
    public var path: String
    public var summary: String
    /// The query parameters the handler reads.
    public var query: [QueryParameter]
    /// The JSON Schema of the request body, for a route that takes one.
    public var body: JSONValue?
    /// Whether a request without a body is refused (a transition's inputs are optional).
    public var bodyRequired: Bool
    /// The body's media type: JSON unless the route reads another (a CSV import).
    public var bodyContentType = "application/json"
    /// What a successful request answers.
    public var response: RouteResponse
    public var handler: Handler

    /// A route whose handler answers with anything Hummingbird can turn into a response.
    public init<Output: ResponseGenerator>(
        _ method: HTTPRequest.Method, _ path: String, _ summary: String, query: [QueryParameter] = [],
        body: JSONValue? = nil, bodyRequired: Bool = true, response: RouteResponse,
        use handler: @escaping @Sendable (Request, AuthenticatedContext) async throws -> Output
    ) {
        self.method = method
        self.path = path
        self.summary = summary
        self.query = query
        self.body = body
        self.bodyRequired = bodyRequired
        self.response = response
        self.handler = { request, context in try await handler(request, context).response(from: request, context: context) }
    }

    /// The same route, reading a body of another media type, e.g. `text/csv`.
    public func accepting(_ contentType: String, _ schema: JSONValue = JSONSchema.string) -> Self {
        var route = self
        route.body = schema
        route.bodyContentType = contentType
        return route
    }

    public static func get<Output: ResponseGenerator>(
        _ path: String, _ summary: String, query: [QueryParameter] = [], response: RouteResponse,
        use handler: @escaping @Sendable (Request, AuthenticatedContext) async throws -> Output
    ) -> Self {
        Self(.get, path, summary, query: query, response: response, use: handler)
    }

    public static func post<Output: ResponseGenerator>(
        _ path: String, _ summary: String, query: [QueryParameter] = [], body: JSONValue? = nil, bodyRequired: Bool = true,
        response: RouteResponse, use handler: @escaping @Sendable (Request, AuthenticatedContext) async throws -> Output
    ) -> Self {
        Self(.post, path, summary, query: query, body: body, bodyRequired: bodyRequired, response: response, use: handler)
    }

    public static func put<Output: ResponseGenerator>(
        _ path: String, _ summary: String, body: JSONValue? = nil, response: RouteResponse,
        use handler: @escaping @Sendable (Request, AuthenticatedContext) async throws -> Output
    ) -> Self {
        Self(.put, path, summary, body: body, response: response, use: handler)
    }

    /// A partial change: the fields the body names change, the others stay.
    public static func patch<Output: ResponseGenerator>(
        _ path: String, _ summary: String, body: JSONValue? = nil, response: RouteResponse,
        use handler: @escaping @Sendable (Request, AuthenticatedContext) async throws -> Output
    ) -> Self {
        Self(.patch, path, summary, body: body, response: response, use: handler)
    }

    public static func delete<Output: ResponseGenerator>(
        _ path: String, _ summary: String, response: RouteResponse = .noContent,
        use handler: @escaping @Sendable (Request, AuthenticatedContext) async throws -> Output
    ) -> Self {
        Self(.delete, path, summary, response: response, use: handler)
    }
}

/// What a route answers when it succeeds: the status and the JSON Schema of the body.
public struct RouteResponse: Sendable {
    public var status: HTTPResponse.Status
    /// The schema of the `application/json` body; nil for a response without one.
    public var schema: JSONValue?
    /// Other representations the route offers (chosen by a query parameter), e.g. `text/plain`.
    public var alternativeContentTypes: [String] = []
    /// The route answers `304 Not Modified` to a matching `If-None-Match`.
    public var notModified = false
    /// Other statuses the route answers with a body of its own (not problem details).
    public var otherStatuses: [(status: HTTPResponse.Status, schema: JSONValue)] = []

    public init(status: HTTPResponse.Status, schema: JSONValue?) {
        self.status = status
        self.schema = schema
    }

    public static func ok(_ schema: JSONValue) -> Self { Self(status: .ok, schema: schema) }
    public static func created(_ schema: JSONValue) -> Self { Self(status: .created, schema: schema) }
    public static let noContent = Self(status: .noContent, schema: nil)

    /// The same response, also offered as `contentType` (documented as a string).
    public func or(_ contentType: String) -> Self {
        var response = self
        response.alternativeContentTypes.append(contentType)
        return response
    }

    /// The same response, also answering `status` with a body of `schema`.
    public func also(_ status: HTTPResponse.Status, _ schema: JSONValue) -> Self {
        var response = self
        response.otherStatuses.append((status, schema))
        return response
    }

    /// The schema of the body answered with `status`, if the route declares it.
    func declares(_ status: HTTPResponse.Status) -> (declared: Bool, schema: JSONValue?) {
        if status == self.status { return (true, schema) }
        if let other = otherStatuses.first(where: { $0.status == status }) { return (true, other.schema) }
        return (false, nil)
    }

    /// The same response, answering 304 to a matching `If-None-Match`.
    public var conditional: Self {
        var response = self
        response.notModified = true
        return response
    }
}

/// A query parameter a route reads, as the OpenAPI document describes it.
public struct QueryParameter: Sendable {
    public var name: String
    public var description: String
    public var schema: JSONValue
    /// A request without it is refused.
    public var required: Bool

    public init(_ name: String, _ description: String, schema: JSONValue = JSONSchema.string, required: Bool = false) {
        self.name = name
        self.description = description
        self.schema = schema
        self.required = required
    }

    /// `limit`: how many to answer, 1 to `maximum`.
    public static func limit(maximum: Int) -> Self {
        Self("limit", "How many to answer, 1 to \(maximum)", schema: JSONSchema.integer(1...maximum))
    }

    /// `cursor`: the `next_cursor` of the previous page.
    public static let cursor = Self("cursor", "The next_cursor of the previous page")
}

/// A group of routes mounted and documented together: the core's under `/api/v1/`, each
/// module's under `/api/v1/<module-id>/`.
struct RouteTable: Sendable {
    /// The OpenAPI tag.
    var tag: String
    /// The path segment the routes are mounted under, if any.
    var prefix: String?
    var routes: [APIRoute]

    /// A route's full path as the document names it.
    func documentedPath(of route: APIRoute) -> String {
        "/api/v1/" + (prefix.map { "\($0)/" } ?? "") + route.path
    }

    /// Serves each route; with `checkingResponses`, every answer is checked against its declaration.
    func mount(on api: RouterGroup<AuthenticatedContext>, checkingResponses: Bool) {
        let group = prefix.map { api.group(RouterPath($0)) } ?? api
        for route in routes {
            let handler = checkingResponses ? ResponseCheck(route: route, path: documentedPath(of: route)).handler : route.handler
            group.on(RouterPath(route.path), method: route.method, use: handler)
        }
    }
}
