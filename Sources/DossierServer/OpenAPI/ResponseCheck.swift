import DossierCore
import Foundation
import Hummingbird
import HTTPTypes
import Logging
import NIOCore

/// Wraps a route's handler so that every answer is held to the route's declaration: the
/// status and the body's schema. A mismatch answers 500 naming what disagreed, so a test
/// (or the API fuzzer) that reaches it fails.
/// Off in production (``ServerConfiguration/checksResponses``).
struct ResponseCheck: Sendable {
    let route: APIRoute
    let path: String

    var handler: APIRoute.Handler {
        { [route, path] request, context in
            let response = try await route.handler(request, context)
            if response.status == .notModified, route.response.notModified { return response }
            let (declared, schema) = route.response.declares(response.status)
            guard declared else {
                throw Self.mismatch(route, path, ["answered \(response.status.code), declared \(route.response.status.code)"], context)
            }
            let body = try await Self.collect(response.body)
            let contentType = response.headers[.contentType] ?? ""
            var checked = response
            checked.body = .init(byteBuffer: body)
            if route.response.alternativeContentTypes.contains(where: { contentType.hasPrefix($0) }) { return checked }
            guard let schema else {
                guard body.readableBytes == 0 else { throw Self.mismatch(route, path, ["declared no body, answered one"], context) }
                return checked
            }
            guard contentType.hasPrefix("application/json"),
                  let value = try? JSONDecoder().decode(JSONValue.self, from: Data(body.readableBytesView))
            else {
                throw Self.mismatch(route, path, ["answered \(contentType), not JSON"], context)
            }
            let violations = SchemaValidator.violations(of: value, against: schema)
            guard violations.isEmpty else { throw Self.mismatch(route, path, violations, context) }
            return checked
        }
    }

    static func mismatch(_ route: APIRoute, _ path: String, _ violations: [String], _ context: AuthenticatedContext) -> Problem {
        let detail = "\(route.method.rawValue) \(path) disagrees with its declaration: \(violations.prefix(10).joined(separator: "; "))"
        context.logger.error("response check failed", metadata: ["detail": .string(detail)])
        return Problem(.internalServerError, code: "response_mismatch", detail: detail)
    }

    /// The whole body, for a check before it is sent.
    static func collect(_ body: ResponseBody) async throws -> ByteBuffer {
        let collector = Collector()
        try await body.write(collector)
        return collector.buffer.value
    }

    /// A body writer that keeps what is written.
    struct Collector: ResponseBodyWriter {
        final class Box: @unchecked Sendable { var value = ByteBuffer() }
        let buffer = Box()

        mutating func write(_ buffer: ByteBuffer) async throws {
            var copy = buffer
            self.buffer.value.writeBuffer(&copy)
        }

        mutating func write(contentsOf buffers: some Sequence<ByteBuffer>) async throws {
            for buffer in buffers { try await write(buffer) }
        }

        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
