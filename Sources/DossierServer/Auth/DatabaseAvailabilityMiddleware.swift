import Hummingbird
import HTTPTypes

/// Answers 503 with `Retry-After` while the database is unreachable, for every route
/// that needs it (all of `/api/`), instead of letting requests queue behind a pool that
/// cannot connect.
///
/// A request running when the database goes away answers 503 too, once it has run for
/// `acquisitionTimeout`: it is cancelled. A change whose commit had not come back is
/// rolled back or was applied; a retry with the same `Idempotency-Key` settles which.
struct DatabaseAvailabilityMiddleware: RouterMiddleware {
    typealias Context = DossierRequestContext
    let availability: DatabaseAvailability
    let acquisitionTimeout: Duration

    static let retryAfterSeconds = 5

    static var unavailable: Problem {
        Problem(
            .serviceUnavailable, code: "database_unavailable",
            detail: "the database is not answering; retry in a few seconds (a change sent with an Idempotency-Key is applied at most once)",
            headers: [.retryAfter: "\(retryAfterSeconds)"])
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/api/") else { return try await next(request, context) }
        guard availability.isReachable else { throw Self.unavailable }
        let deadline = ContinuousClock.now + acquisitionTimeout
        return try await withoutActuallyEscaping(next) { next in
            let handler = UncheckedSendable(next)
            return try await withThrowingTaskGroup(of: Response?.self) { group in
                group.addTask { try await handler.value(request, context) }
                group.addTask { [availability] in
                    try await availability.waitUntilUnreachable(after: deadline)
                    return nil
                }
                defer { group.cancelAll() }
                guard let response = try await group.next() ?? nil else { throw Self.unavailable }
                return response
            }
        }
    }
}

/// The middleware chain's `next`, carried into the task that runs it. The closure is only
/// called from that one task, inside the scope that lends it (`withoutActuallyEscaping`).
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
