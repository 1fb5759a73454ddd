public import DossierCore

/// A module that adds HTTP routes, mounted under `/api/v1/<module-id>/` behind the core's
/// authentication. Each route is declared once, as an ``APIRoute``: the router serves it
/// and the OpenAPI document describes it (parameters, body, response) from that one
/// declaration, so the two cannot disagree. Handlers resolve cases through
/// ``DossierServices/moduleCase(in:module:action:)``, which answers 404 for a case the
/// user may not see.
///
/// ```swift
/// extension ColdCases: HTTPModule {
///     public func routes(services: DossierServices) -> [APIRoute] {
///         let routes = ColdCaseRoutes(services: services)
///         return [.get("queue", "The review queue", response: .ok(ColdCaseSchemas.queuePage), use: routes.queue)]
///     }
/// }
/// ```
public protocol HTTPModule: CaseModule {
    /// The module's routes, relative to `/api/v1/<module-id>/`.
    func routes(services: DossierServices) -> [APIRoute]
}
