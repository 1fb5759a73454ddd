import DossierCore
public import DossierPostgres
import Foundation
public import Hummingbird
public import HTTPTypes
import NIOCore

extension DossierContext {
    /// A JSON response with the context's encoder (snake_case keys, ISO 8601 dates).
    public func json<Value: Encodable>(_ value: Value, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try responseEncoder.encode(value))))
    }
}

extension Request {
    /// A query parameter parsed by `parse`, with a precise 422 when it does not parse.
    func query<Value>(_ name: String, _ parse: (String) -> Value?, expected: String) throws -> Value? {
        guard let raw = uri.queryParameters[name[...]] else { return nil }
        guard let value = parse(String(raw)) else {
            throw Problem(.unprocessableContent, code: "invalid_input", detail: "query parameter \(name) '\(raw)' must be \(expected)")
        }
        return value
    }

    func query(_ name: String) -> String? { uri.queryParameters[name[...]].map(String.init) }

    var idempotencyKey: String? { headers[.idempotencyKey] }

    /// The version an `If-Match: "7"` header expects, if any. `*` matches any version;
    /// weak tags (`W/"7"`) never match, as RFC 9110 §13.1.1 requires.
    func expectedVersion() throws -> Int64? {
        guard let header = headers[.ifMatch]?.trimmingCharacters(in: .whitespaces), header != "*" else { return nil }
        if header.hasPrefix("W/") { return -1 }
        guard header.count >= 3, header.hasPrefix("\""), header.hasSuffix("\""), let version = Int64(header.dropFirst().dropLast()) else {
            throw Problem(.badRequest, code: "bad_request", detail: "If-Match must be a case ETag such as \"7\", or *")
        }
        return version
    }

    /// `If-Match` and `Idempotency-Key`, for a change to a case.
    public func changeOptions() throws -> ChangeOptions {
        ChangeOptions(expectedVersion: try expectedVersion(), idempotencyKey: idempotencyKey)
    }
}

extension Request {
    /// Decodes the JSON body; a 400 names the field at fault and what it must be.
    public func decodeBody<Value: Decodable>(as type: Value.Type, context: some DossierContext) async throws -> Value {
        guard let value = try await decodeIfPresent(as: type, context: context) else {
            throw Problem.badRequest("a JSON body is required")
        }
        return value
    }

    /// Decodes the JSON body, or returns nil when there is none (a transition without inputs).
    public func decodeIfPresent<Value: Decodable>(as type: Value.Type, context: some DossierContext) async throws -> Value? {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { return nil }
        let data = Data(buffer.readableBytesView)
        if let field = NULCharacters.path(in: data) {
            throw DossierError.invalidInput("\(field) must not contain NUL characters (U+0000)")
        }
        do {
            return try context.requestDecoder.decode(Value.self, from: data)
        } catch let error as DecodingError {
            throw Problem.badRequest("the body is not valid: \(error.fieldMessage)")
        } catch let error as DossierError {
            throw Problem.badRequest("the body is not valid: \(error.message)")
        }
    }
}

extension DecodingError {
    /// "inputs.reason: expected String" style text, naming the field in snake_case.
    var fieldMessage: String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch self {
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])) is required"
        case .typeMismatch(let type, let context): return "\(path(context.codingPath)) must be \(type)"
        case .valueNotFound(let type, let context): return "\(path(context.codingPath)) must be \(type), not null"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "it is not well-formed JSON" : "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "malformed"
        }
    }
}
