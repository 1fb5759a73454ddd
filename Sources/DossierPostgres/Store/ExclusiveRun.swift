public import Logging
public import PostgresNIO

/// Long work that must not run twice at once on one database, whichever server starts it
/// (a full chain verification takes minutes at a million cases and both cores).
///
/// The run holds a session-level advisory lock on a connection of its own; if the server
/// dies, PostgreSQL drops the connection and the lock with it.
public enum ExclusiveRun {
    /// Runs `body` while holding the lock named `name`, or returns nil at once when
    /// another run holds it.
    public static func run<Answer: Sendable>(
        _ name: String, client: PostgresClient, logger: Logger, _ body: () async throws -> Answer
    ) async throws -> Answer? {
        try await client.withConnection { connection -> Answer? in
            let key = "dossier.exclusive:\(name)"
            var locked = false
            for try await taken in try await connection.query("SELECT pg_try_advisory_lock(hashtextextended(\(key), 0))", logger: logger)
                .decode(Bool.self)
            {
                locked = taken
            }
            guard locked else { return nil }
            let result: Result<Answer, any Error>
            do { result = .success(try await body()) } catch { result = .failure(error) }
            // The work's own answer stands whatever the unlock meets; an unlock that fails
            // means the connection failed, and PostgreSQL drops its locks with it.
            do {
                try await connection.query("SELECT pg_advisory_unlock(hashtextextended(\(key), 0))", logger: logger)
            } catch {
                logger.warning("advisory unlock failed", metadata: ["lock": "\(key)", "error": "\(String(reflecting: error))"])
            }
            return try result.get()
        }
    }
}
