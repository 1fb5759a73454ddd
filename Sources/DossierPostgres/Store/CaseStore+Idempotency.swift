import Crypto
import DossierCore
import Foundation
import PostgresNIO

extension CaseStore {
    /// Runs `body` at most once per (actor, key): a retry with the same key and request gets
    /// the first result back and writes nothing; the same key with a different request is
    /// refused. Must be called first thing inside the transaction.
    ///
    /// A concurrent retry waits on the key's unique index until the first request commits
    /// (then replays its answer) or rolls back (then runs itself).
    func idempotent<Result: Codable & Sendable>(
        key: String?, actor: Actor, operation: String, request: JSONValue, on connection: PostgresConnection,
        _ body: () async throws -> Result
    ) async throws -> Result {
        guard let key else { return try await body() }
        guard (1...200).contains(key.count) else {
            throw DossierError.invalidInput("idempotency key must be 1 to 200 characters, not \(key.count)")
        }
        let fingerprint: JSONValue = ["operation": .string(operation), "request": request]
        let requestHash = Array(SHA256.hash(data: fingerprint.canonicalBytes)).hexString
        let inserted = try await connection.query(
            """
            INSERT INTO idempotency_keys (actor, key, request_hash, response, created_at)
            VALUES (\(actor.id), \(key), \(requestHash), 'null'::jsonb, \(clock.now()))
            ON CONFLICT (actor, key) DO NOTHING
            RETURNING 1
            """, logger: logger)
        var isFirst = false
        for try await _ in inserted { isFirst = true }

        if !isFirst {
            let rows = try await connection.query(
                "SELECT request_hash, response FROM idempotency_keys WHERE actor = \(actor.id) AND key = \(key)",
                logger: logger)
            for try await (storedHash, response) in rows.decode((String, JSONValue).self) {
                guard storedHash == requestHash else {
                    throw DossierError(
                        .idempotencyConflict,
                        "idempotency key '\(key)' was already used for a different request; use a new key for a new request")
                }
                return try response.decode(as: Result.self)
            }
        }
        let result = try await body()
        try await connection.query(
            """
            UPDATE idempotency_keys SET response = \(try JSONValue(encoding: result))
            WHERE actor = \(actor.id) AND key = \(key)
            """, logger: logger)
        return result
    }
}
