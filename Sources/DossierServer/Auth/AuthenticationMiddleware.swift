import DossierCore
import DossierPostgres
import Foundation
import Hummingbird
import HTTPTypes
import Logging

/// Signs the request in from its `Authorization: Bearer` token, or answers 401.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = DossierRequestContext
    let users: UserStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // The scheme is case-insensitive (RFC 9110 §11.1).
        guard let header = request.headers[.authorization], header.count > 7, header.prefix(7).lowercased() == "bearer " else {
            throw Problem.unauthorized("sign in with an Authorization: Bearer token")
        }
        let token = header.dropFirst(7).trimmingCharacters(in: .whitespaces)
        guard let user = try await users.authenticate(token: token) else {
            throw Problem.unauthorized("the bearer token is unknown, revoked or expired, or its user is disabled")
        }
        var context = context
        context.user = user
        context.logger[metadataKey: "user"] = .string(user.id)
        return try await next(request, context)
    }
}

/// Echoes `X-Request-ID` (or makes one) and puts it in the request's log metadata.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = DossierRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let given = request.headers[.requestID].flatMap { $0.count <= 200 ? $0 : nil }
        context.requestID = given ?? context.id
        context.logger[metadataKey: "request_id"] = .string(context.requestID)
        do {
            var response = try await next(request, context)
            response.headers[.requestID] = context.requestID
            return response
        } catch let error as any HTTPResponseError {
            var response = try error.response(from: request, context: context)
            response.headers[.requestID] = context.requestID
            return response
        }
    }
}

extension HTTPField.Name {
    static let requestID = Self("X-Request-ID")!
    static let idempotencyKey = Self("Idempotency-Key")!
}
