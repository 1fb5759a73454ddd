import DossierCore
import DossierPostgres
import Foundation
public import Hummingbird
import HTTPTypes
import Logging
import PostgresNIO
import NIOCore

/// An RFC 9457 problem details response with a stable machine `code`.
///
/// Never carries SQL text or a stack trace: unexpected errors become a bare 500 whose
/// detail is only the request id, and are logged server-side.
public struct Problem: HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var detail: String
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, code: String, detail: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.detail = detail
        self.headers = headers
    }

    static func unauthorized(_ detail: String) -> Problem {
        Problem(.unauthorized, code: "unauthorized", detail: detail, headers: [.wwwAuthenticate: "Bearer"])
    }

    static func forbidden(_ detail: String) -> Problem { Problem(.forbidden, code: "forbidden", detail: detail) }

    static func badRequest(_ detail: String) -> Problem { Problem(.badRequest, code: "bad_request", detail: detail) }

    /// The HTTP form of a domain error.
    init(_ error: DossierError) {
        let status: HTTPResponse.Status = switch error.code {
        case .invalidInput, .idempotencyConflict: .unprocessableContent
        case .notFound: .notFound
        case .wrongState, .guardRefused, .hookRefused, .alreadyExists: .conflict
        case .roleNotAllowed: .forbidden
        case .staleVersion: .preconditionFailed
        case .notConfigured: .serviceUnavailable
        default: .internalServerError
        }
        self.init(status, code: error.code.rawValue, detail: error.message)
    }

    struct Body: Encodable {
        var type: String
        var title: String
        var status: Int
        var detail: String
        var code: String
        var instance: String
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(
            type: "https://dossier.invalid/problems/\(code)", title: status.reasonPhrase, status: status.code, detail: detail,
            code: code, instance: request.uri.path)
        var headers = self.headers
        headers[.contentType] = "application/problem+json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder().encode(body))))
    }
}

/// Turns every error into problem details: domain errors by their code, Hummingbird's
/// own (400 bad JSON, 413 too large, 404 no route) by their status, anything else 500.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = DossierRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            throw problem
        } catch let error as DossierError {
            throw Problem(error)
        } catch let error as HTTPError {
            let code = error.status == .notFound ? "not_found" : (error.status == .contentTooLarge ? "body_too_large" : "bad_request")
            throw Problem(error.status, code: code, detail: error.body.map(Self.message(from:)) ?? error.status.reasonPhrase)
        } catch let error as any HTTPResponseError {
            let code = error.status == .contentTooLarge ? "body_too_large" : "http_\(error.status.code)"
            let detail = error.status == .contentTooLarge
                ? "the body is larger than the \(context.maximumBodySize) bytes allowed" : error.status.reasonPhrase
            throw Problem(error.status, code: code, detail: detail)
        } catch {
            if let mapped = error.mappedToDossierError as? DossierError { throw Problem(mapped) }
            if Self.isDatabaseOutage(error) { throw DatabaseAvailabilityMiddleware.unavailable }
            context.logger.error("unexpected error", metadata: ["error": "\(String(reflecting: error))"])
            throw Problem(.internalServerError, code: "internal_error", detail: "request \(context.requestID) failed; see the server log")
        }
    }

    /// Whether `error` says PostgreSQL went away (a lost connection, a server shutting
    /// down or starting up): a 503 the client may retry, not a server fault.
    static func isDatabaseOutage(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return error is CancellationError }
        switch error.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed:
            return true
        case .server:
            // 57P01-57P03: admin or crash shutdown, cannot connect now; class 08: connection exceptions.
            let state = error.serverInfo?[.sqlState] ?? ""
            return state.hasPrefix("57P") || state.hasPrefix("08")
        default:
            return false
        }
    }

    /// Hummingbird's decode errors come as `{"error":{"message":"..."}}`; keep the message.
    static func message(from body: String) -> String {
        struct Wrapper: Decodable { struct Inner: Decodable { var message: String }; var error: Inner }
        return (try? JSONDecoder().decode(Wrapper.self, from: Data(body.utf8)))?.error.message ?? body
    }
}
