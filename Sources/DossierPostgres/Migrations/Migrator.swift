public import DossierCore
public import Foundation
public import Logging
public import PostgresNIO

/// Applies the core's and the modules' migrations, in order, exactly once.
///
/// - The whole run holds a PostgreSQL advisory lock, so servers starting together take
///   turns and the second finds nothing left to do.
/// - Each file runs in its own transaction together with its `schema_migrations` row.
/// - A file applied before whose checksum has changed stops the run, naming the file:
///   released migrations are never edited; write a new one.
public struct Migrator: Sendable {
    /// Core migrations first, then each module's in registry (dependency) order.
    public let migrations: [Migration]
    let client: PostgresClient
    let logger: Logger

    /// The key of the advisory lock the migrator holds while it runs.
    static let advisoryLockKey: Int64 = 0x646F_7373_6965_72  // "dossier"

    public init(client: PostgresClient, registry: ModuleRegistry, logger: Logger) {
        self.init(client: client, migrations: CoreSchema.migrations + registry.modules.flatMap(\.migrations), logger: logger)
    }

    public init(client: PostgresClient, migrations: [Migration], logger: Logger) {
        self.client = client
        self.migrations = migrations
        self.logger = logger
    }

    /// A migration and whether it has been applied.
    public struct Status: Sendable, Hashable {
        public var migration: Migration
        public var appliedAt: Date?
        /// The checksum recorded when it was applied, if it differs from the file's.
        public var driftedChecksum: String?
    }

    /// Applies every pending migration.
    /// - Returns: the migrations applied by this call.
    @discardableResult
    public func migrate() async throws -> [Migration] {
        try await client.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(\(Self.advisoryLockKey))", logger: logger)
            do {
                let applied = try await applyPending(on: connection)
                try await connection.query("SELECT pg_advisory_unlock(\(Self.advisoryLockKey))", logger: logger)
                return applied
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.advisoryLockKey))", logger: logger)
                throw error
            }
        }
    }

    /// Every known migration with its state, without changing anything.
    public func status() async throws -> [Status] {
        try await client.withConnection { connection in
            let applied = try await appliedChecksums(on: connection)
            return migrations.map { migration in
                let record = applied[Key(migration)]
                return Status(
                    migration: migration, appliedAt: record?.appliedAt,
                    driftedChecksum: record.flatMap { $0.checksum == migration.checksum ? nil : $0.checksum })
            }
        }
    }

    struct Key: Hashable {
        var module: String
        var version: Int
        init(_ migration: Migration) { (module, version) = (migration.module, migration.version) }
        init(module: String, version: Int) { (self.module, self.version) = (module, version) }
    }

    private func applyPending(on connection: PostgresConnection) async throws -> [Migration] {
        try await Self.createLedger(on: connection, logger: logger)
        let applied = try await appliedChecksums(on: connection)
        for migration in migrations {
            if let record = applied[Key(migration)], record.checksum != migration.checksum {
                throw DossierError(
                    .migrationFailed,
                    "migration \(migration.module)/\(migration.fileName) has changed since it was applied "
                        + "(checksum \(record.checksum.prefix(12))… then, \(migration.checksum.prefix(12))… now); "
                        + "released migrations must not be edited: restore the file and add a new migration")
            }
        }
        var newlyApplied: [Migration] = []
        for migration in migrations where applied[Key(migration)] == nil {
            logger.info("applying migration", metadata: ["module": "\(migration.module)", "file": "\(migration.fileName)"])
            try await connection.query("BEGIN", logger: logger)
            do {
                for statement in SQLScript.statements(in: migration.sql) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    """
                    INSERT INTO schema_migrations (module, version, name, checksum, applied_at)
                    VALUES (\(migration.module), \(migration.version), \(migration.name), \(migration.checksum), now())
                    """, logger: logger)
                try await connection.query("COMMIT", logger: logger)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                let reason = (error as? PSQLError)?.serverInfo?[.message] ?? "\(error)"
                throw DossierError(
                    .migrationFailed, "migration \(migration.module)/\(migration.fileName) failed and was rolled back: \(reason)")
            }
            newlyApplied.append(migration)
        }
        return newlyApplied
    }

    private static func createLedger(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                module      text        NOT NULL,
                version     int         NOT NULL,
                name        text        NOT NULL,
                checksum    text        NOT NULL,
                applied_at  timestamptz NOT NULL,
                PRIMARY KEY (module, version)
            )
            """, logger: logger)
    }

    private func appliedChecksums(on connection: PostgresConnection) async throws -> [Key: (checksum: String, appliedAt: Date)] {
        var result: [Key: (checksum: String, appliedAt: Date)] = [:]
        let ledger = try await connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL", logger: logger)
        for try await exists in ledger.decode(Bool.self) where !exists { return result }
        let rows = try await connection.query(
            "SELECT module, version, checksum, applied_at FROM schema_migrations", logger: logger)
        for try await (module, version, checksum, appliedAt) in rows.decode((String, Int, String, Date).self) {
            result[Key(module: module, version: version)] = (checksum, appliedAt)
        }
        return result
    }
}

/// The core's own migrations, embedded from `migrations/core/`.
public enum CoreSchema {
    public static let migrations: [Migration] = EmbeddedMigrations.migrations(for: "core")
}
