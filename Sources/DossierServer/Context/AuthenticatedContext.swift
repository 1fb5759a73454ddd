public import DossierCore
public import Foundation
public import Hummingbird

/// The context of every signed-in route (all of `/api/v1/` but the OpenAPI document, core
/// and module alike): the user is always there, because the group's context is made from
/// the one the authentication middleware signed in.
///
/// ```swift
/// .get("queue", "The review queue") { request, context in
///     try context.json(try await store.reviewQueue(visibleTo: context.actor))
/// }
/// ```
public struct AuthenticatedContext: ChildRequestContext, DossierContext {
    public var coreContext: CoreRequestContextStorage
    /// Who signed in, from the bearer token.
    public let user: User
    public let requestID: String
    public let maximumBodySize: Int
    /// Where the request came from, as the access log records it.
    public let accessSource: String

    /// Takes the signed-in user from the parent context; without one (a route outside the
    /// authentication middleware's group, a programming error) the request answers 401.
    public init(context: DossierRequestContext) throws {
        guard let user = context.user else { throw Problem.unauthorized("sign in with an Authorization: Bearer token") }
        coreContext = context.coreContext
        self.user = user
        requestID = context.requestID
        maximumBodySize = context.maximumBodySize
        accessSource = context.accessSource
    }

    /// The signed-in user as the actor of a change.
    public var actor: Actor { user.actor }

    /// Refuses unless the user has one of `roles`.
    @discardableResult
    public func require(_ roles: Role..., for purpose: String) throws -> User {
        guard !user.roles.isDisjoint(with: roles) else {
            throw Problem.forbidden("\(purpose) needs the role \(roles.map(\.rawValue).joined(separator: " or "))")
        }
        return user
    }
}

/// What Dossier's two contexts share: snake_case JSON and ISO 8601 dates in both
/// directions, and the server's body limit.
public protocol DossierContext: RequestContext {
    var maximumBodySize: Int { get }
}

extension DossierContext {
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
}
