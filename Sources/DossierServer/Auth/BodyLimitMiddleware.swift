import Hummingbird
import HTTPTypes

/// Applies the configured body limit: refuses a declared `Content-Length` over it at once
/// (413), and caps what a handler may collect from a streamed body.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = DossierRequestContext
    let limit: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.maximumBodySize = limit
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw Problem(.contentTooLarge, code: "body_too_large", detail: "the body is larger than the \(limit) bytes allowed")
        }
        return try await next(request, context)
    }
}
