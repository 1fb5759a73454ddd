public import DossierCore
import Foundation
public import Hummingbird
import HTTPTypes

/// The request context of the router: the request id, where the request came from, and,
/// once the authentication middleware has run, the signed-in user. Signed-in routes see
/// the ``AuthenticatedContext`` made from it, where the user is not optional.
public struct DossierRequestContext: DossierContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by the authentication middleware on `/api/v1` routes, for ``AuthenticatedContext``.
    public var user: User?
    /// `X-Request-ID` as sent, or one made up for the request; echoed in the response.
    public var requestID: String
    /// The server's body limit, set per request by its configuration.
    public var maximumBodySize: Int
    /// The address of the TCP peer: the client itself, or a proxy in front of the server.
    public var peerAddress: String
    /// Where the request came from, as the access log records it: the peer, or the
    /// `Forwarded` client when the peer is a configured proxy (``ClientAddressMiddleware``).
    public var accessSource: String
    /// The client's address: the peer, or the `Forwarded` client when the peer is a
    /// configured proxy. What sign-in lockouts count by.
    public var clientAddress: String
    /// Whether the client reached the server over HTTPS: a trusted proxy said so
    /// (`X-Forwarded-Proto: https` or `Forwarded: proto=https`). Cookies are then `Secure`.
    public var isSecure: Bool

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        user = nil
        requestID = ""
        maximumBodySize = 1 << 20
        peerAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
        accessSource = "peer \(peerAddress)"
        clientAddress = peerAddress
        isSecure = false
    }

}
