import Foundation
import Hummingbird
import HTTPTypes

/// Works out where a request came from, for the access log.
///
/// A `Forwarded` (RFC 7239) or `X-Forwarded-For` header is believed only when the TCP peer
/// is one of the configured proxies (``ServerConfiguration/trustedProxies``): anyone else
/// could write any address there. Otherwise the peer's own address is recorded, and a
/// forwarding header it sent is ignored.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = DossierRequestContext
    let trustedProxies: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.accessSource = Self.source(of: request, peer: context.peerAddress, trustedProxies: trustedProxies)
        return try await next(request, context)
    }

    static func source(of request: Request, peer: String, trustedProxies: Set<String>) -> String {
        let agent = request.headers[.userAgent].map { "; agent: \($0.prefix(200))" } ?? ""
        guard trustedProxies.contains(peer),
            let forwarded = request.headers[HTTPField.Name("Forwarded")!] ?? request.headers[HTTPField.Name("X-Forwarded-For")!]
        else { return "peer \(peer)\(agent)" }
        // The last hop is the one the trusted proxy added; the ones before it came from the client.
        let client = forwarded.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return "forwarded \(client.prefix(100)) via \(peer)\(agent)"
    }
}
