import DossierCore
public import Foundation
import PostgresNIO

extension CaseStore {
    /// How long a request's idempotency key is kept: retries come within minutes; a day
    /// covers a client that was offline overnight.
    public static let idempotencyKeyRetention: TimeInterval = 24 * 3600

    /// Deletes idempotency keys older than `retention`; returns how many went.
    @discardableResult
    public func purgeIdempotencyKeys(olderThan retention: TimeInterval = CaseStore.idempotencyKeyRetention, now: Date? = nil) async throws -> Int {
        let now = now ?? clock.now()
        let cutoff = now.addingTimeInterval(-retention)
        let rows = try await client.query(
            "DELETE FROM idempotency_keys WHERE created_at < \(cutoff) RETURNING 1", logger: logger)
        var deleted = 0
        for try await _ in rows { deleted += 1 }
        return deleted
    }
}
