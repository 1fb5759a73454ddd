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
        if trustedProxies.contains(context.peerAddress) {
            context.clientAddress = Self.forwardedClient(of: request) ?? context.peerAddress
            context.isSecure = Self.forwardedOverHTTPS(request)
        }
        return try await next(request, context)
    }

    /// The client the last proxy hop names, from `Forwarded: for=` or `X-Forwarded-For`.
    static func forwardedClient(of request: Request) -> String? {
        if let forwarded = request.headers[HTTPField.Name("Forwarded")!],
           let last = forwarded.split(separator: ",").last,
           let pair = last.split(separator: ";").first(where: { $0.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("for=") }) {
            return withoutPort(pair.trimmingCharacters(in: .whitespaces).dropFirst(4).trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        }
        if let forwardedFor = request.headers[HTTPField.Name("X-Forwarded-For")!],
           let last = forwardedFor.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty {
            return withoutPort(last)
        }
        return nil
    }

    /// The address alone, as lockouts count it: `[2001:db8::1]:4711` → `2001:db8::1`,
    /// `192.0.2.7:4711` → `192.0.2.7` (a port changes with every connection).
    static func withoutPort(_ value: String) -> String? {
        var address = Substring(value)
        if address.hasPrefix("["), let end = address.firstIndex(of: "]") {
            address = address[address.index(after: address.startIndex)..<end]
        } else if address.filter({ $0 == ":" }).count == 1, let colon = address.firstIndex(of: ":") {
            address = address[..<colon]
        }
        return address.isEmpty ? nil : String(address.prefix(100))
    }

    /// Whether the proxy says the client used HTTPS.
    static func forwardedOverHTTPS(_ request: Request) -> Bool {
        if let proto = request.headers[HTTPField.Name("X-Forwarded-Proto")!] { return proto.lowercased() == "https" }
        guard let forwarded = request.headers[HTTPField.Name("Forwarded")!]?.lowercased() else { return false }
        return forwarded.split(separator: ",").last?.split(separator: ";")
            .contains { $0.trimmingCharacters(in: .whitespaces) == "proto=https" } ?? false
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
