public import DossierCore
public import Hummingbird
import HTTPTypes

/// A module that adds HTTP routes, mounted under `/api/v1/<module-id>/` behind the core's
/// authentication; handlers check case access through `services.store.visibleCase`.
///
/// ```swift
/// extension ColdCases: HTTPModule {
///     func addRoutes(to group: RouterGroup<DossierRequestContext>, services: DossierServices) {
///         group.get("queue") { request, context in ... }
///     }
/// }
/// ```
public protocol HTTPModule: CaseModule {
    func addRoutes(to group: RouterGroup<DossierRequestContext>, services: DossierServices)
    /// The module's paths (relative to its group, e.g. `GET /queue`) for the OpenAPI document.
    var documentedRoutes: [DocumentedRoute] { get }
}

/// A route as the OpenAPI document describes it.
public struct DocumentedRoute: Sendable, Hashable {
    public var method: String
    public var path: String
    public var summary: String
    public var tag: String

    public init(_ method: String, _ path: String, _ summary: String, tag: String = "modules") {
        self.method = method
        self.path = path
        self.summary = summary
        self.tag = tag
    }
}
