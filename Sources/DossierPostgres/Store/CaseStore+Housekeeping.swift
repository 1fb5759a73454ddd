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

extension CaseStore {
    /// Failed sign-ins are kept this long: far past any window or lockout they count for.
    public static let signInFailureRetention: TimeInterval = 24 * 3600
    /// Ended or expired console sessions are kept this long, then deleted; the admin log
    /// keeps every sign-in and sign-out for good.
    public static let endedSessionRetention: TimeInterval = 30 * 24 * 3600

    /// Deletes failed sign-ins and console sessions past their retention; returns how many
    /// of each went. The timer scheduler runs it hourly with the idempotency-key purge.
    @discardableResult
    public func purgeConsoleRecords(now: Date? = nil) async throws -> (failures: Int, sessions: Int) {
        let now = now ?? clock.now()
        let failureCutoff = now.addingTimeInterval(-Self.signInFailureRetention)
        let sessionCutoff = now.addingTimeInterval(-Self.endedSessionRetention)
        var failures = 0, sessions = 0
        for try await _ in try await client.query("DELETE FROM sign_in_failures WHERE at < \(failureCutoff) RETURNING 1", logger: logger) {
            failures += 1
        }
        for try await _ in try await client.query(
            """
            DELETE FROM console_sessions
            WHERE coalesce(ended_at, expires_at) < \(sessionCutoff) RETURNING 1
            """, logger: logger)
        {
            sessions += 1
        }
        return (failures, sessions)
    }
}
