public import DossierCore
public import Foundation
public import Hummingbird
import HTTPTypes

/// The request context of every Dossier route: the signed-in user and the request id,
/// with snake_case JSON and ISO 8601 dates in both directions.
public struct DossierRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by the authentication middleware on `/api/v1` routes.
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

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        user = nil
        requestID = ""
        maximumBodySize = 1 << 20
        peerAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
        accessSource = "peer \(peerAddress)"
    }

    /// Bodies larger than this are refused with 413.
    public var maxUploadSize: Int { maximumBodySize }

    public var requestDecoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    public var responseEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The signed-in user; 401 when there is none (the middleware normally ensures one).
    public func requireUser() throws -> User {
        guard let user else { throw Problem.unauthorized("sign in with an Authorization: Bearer token") }
        return user
    }

    /// The signed-in user as the actor of a change.
    public func actor() throws -> Actor { try requireUser().actor }
}
