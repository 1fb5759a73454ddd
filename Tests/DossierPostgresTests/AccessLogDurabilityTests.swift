import DossierCore
import DossierPostgres
import Foundation
import Logging
import PostgresNIO
import Testing

/// The access log's guarantee (``AccessLog``, README "Access log"): an entry is committed,
/// visible to every other session, before the read it records answers, without waiting for
/// a disk flush; a PostgreSQL crash can lose only the entries of its last 0.6 s (three
/// WAL-writer intervals).
@Suite struct AccessLogDurabilityTests {
    let logger = Logger(label: "dossier.test.access-log")

    @Test func entriesOlderThanTheLossWindowSurviveAPostgresCrash() async throws {
        // A cluster of its own with the durable defaults (fsync and synchronous_commit on);
        // the shared test cluster runs without fsync.
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appending(path: "dossier-crash-\(UUID().uuidString.prefix(8))")
        var cluster = PostgresCluster(directory: directory, binaries: try PostgresBinaries.locate())
        cluster.settings = ["wal_writer_delay": "200ms"]
        try cluster.initialize(password: nil)
        try cluster.start()
        defer {
            try? cluster.stop(mode: "immediate")
            try? FileManager.default.removeItem(at: directory)
        }
        try cluster.createDatabase("dossier")

        try await withClient(cluster) { client async throws in
            _ = try await Migrator(client: client, migrations: CoreSchema.migrations, logger: logger).migrate()
            let accessLog = AccessLog(client: client, logger: logger)
            for index in 0..<200 {
                try await accessLog.record(actor: "a.okafor", caseID: UUID(), action: "read", detail: "read \(index)")
            }
            // Committed before record returned: another session sees every entry at once.
            #expect(try await entryCount(client) == 200)
        }
        // Past the loss window, PostgreSQL dies without a shutdown checkpoint, as in a crash,
        // and recovers from its write-ahead log on the next start.
        try await Task.sleep(for: .seconds(1))
        try cluster.stop(mode: "immediate")
        try cluster.start()
        try await withClient(cluster) { client async throws in
            #expect(try await entryCount(client) == 200)
        }
    }

    func entryCount(_ client: PostgresClient) async throws -> Int {
        let rows = try await client.query("SELECT count(*) FROM access_log WHERE action = 'read'", logger: logger)
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }

    func withClient(_ cluster: PostgresCluster, _ body: (PostgresClient) async throws -> Void) async throws {
        let client = PostgresClient(configuration: cluster.clientConfiguration(database: "dossier"), backgroundLogger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await body(client)
        }
    }
}
