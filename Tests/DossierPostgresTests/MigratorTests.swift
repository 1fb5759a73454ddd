import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import PostgresNIO
import Testing

@Suite struct MigratorTests {
    let extra = [
        Migration(module: "extra", version: 1, name: "create_things", sql: "CREATE TABLE extra_things (id int PRIMARY KEY);"),
        Migration(module: "extra", version: 2, name: "add_label", sql: "ALTER TABLE extra_things ADD COLUMN label text;"),
    ]

    func ledger(_ db: TestDatabase) async throws -> [String] {
        let rows = try await db.client.query(
            "SELECT module || '/' || version || '_' || name FROM schema_migrations ORDER BY applied_at, module, version",
            logger: db.logger)
        return try await rows.decode(String.self).reduce(into: []) { $0.append($1) }
    }

    @Test func appliesInOrderAndOnlyOnce() async throws {
        try await TestDatabase.with { db async throws in
            let migrator = Migrator(client: db.client, migrations: CoreSchema.migrations + extra, logger: db.logger)
            let applied = try await migrator.migrate()
            #expect(applied.map(\.fileName) == ["0001_create_things.sql", "0002_add_label.sql"])
            #expect(try await ledger(db).suffix(2) == ["extra/1_create_things", "extra/2_add_label"])
            #expect(try await migrator.migrate().isEmpty)
            let status = try await migrator.status()
            #expect(status.allSatisfy { $0.appliedAt != nil && $0.driftedChecksum == nil })
        }
    }

    @Test func refusesAnAppliedFileWhoseChecksumChangedNamingTheFile() async throws {
        try await TestDatabase.with { db async throws in
            try await Migrator(client: db.client, migrations: CoreSchema.migrations + extra, logger: db.logger).migrate()
            var edited = extra
            edited[0] = Migration(module: "extra", version: 1, name: "create_things", sql: "CREATE TABLE extra_things (id bigint PRIMARY KEY);")
            edited.append(Migration(module: "extra", version: 3, name: "later", sql: "CREATE TABLE extra_later (id int);"))
            let migrator = Migrator(client: db.client, migrations: CoreSchema.migrations + edited, logger: db.logger)
            let error = await dossierError { try await migrator.migrate() }
            #expect(error?.code == .migrationFailed)
            #expect(error?.message.hasPrefix("migration extra/0001_create_things.sql has changed since it was applied") == true)
            #expect(try await db.count("SELECT count(*) FROM pg_tables WHERE tablename = 'extra_later'") == 0)
            #expect(try await migrator.status().first { $0.migration.version == 1 && $0.migration.module == "extra" }?.driftedChecksum != nil)
        }
    }

    @Test func aFailingFileRollsBackAloneAndNamesItself() async throws {
        try await TestDatabase.with { db async throws in
            let broken = extra + [Migration(module: "extra", version: 3, name: "broken", sql: "CREATE TABLE extra_half (id int); SELECT * FROM no_such_table;")]
            let error = await dossierError {
                try await Migrator(client: db.client, migrations: CoreSchema.migrations + broken, logger: db.logger).migrate()
            }
            #expect(error?.message.hasPrefix("migration extra/0003_broken.sql failed and was rolled back") == true)
            #expect(try await db.count("SELECT count(*) FROM pg_tables WHERE tablename = 'extra_half'") == 0)
            #expect(try await db.count("SELECT count(*) FROM schema_migrations WHERE module = 'extra'") == 2)
        }
    }

    @Test func concurrentMigratorsDoNotCollide() async throws {
        try await TestDatabase.with { db async throws in
            let migrations = CoreSchema.migrations + extra
            let applied = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 {
                    group.addTask { try await Migrator(client: db.client, migrations: migrations, logger: db.logger).migrate().count }
                }
                return try await group.reduce(0, +)
            }
            #expect(applied == 2)
            #expect(try await db.count("SELECT count(*) FROM schema_migrations WHERE module = 'extra'") == 2)
        }
    }

    @Test func coreMigrationsAreEmbeddedInTheBinary() {
        #expect(CoreSchema.migrations.map(\.fileName).first == "0001_create_core_tables.sql")
        #expect(CoreSchema.migrations.allSatisfy { $0.module == "core" && $0.checksum.count == 64 })
    }
}
