import Crypto
import DossierCore
import DossierPostgres
import Foundation
import Logging
import PostgresNIO

/// The PostgreSQL server tests use, started on first use and shared by the whole process.
actor TestServer {
    static let shared = TestServer()

    struct Endpoint: Sendable {
        var cluster: PostgresCluster?
        var url: DatabaseURL?

        /// A `DATABASE_URL` for `database`, for running the `dossier` binary against it.
        func url(database: String) -> String {
            if let cluster {
                return "postgresql://\(cluster.superuser)@/\(database)?host=\(cluster.socketDirectory.path)"
            }
            return url!.with(database: database).unmaskedString
        }

        func configuration(database: String) -> PostgresClient.Configuration {
            if let cluster { return cluster.clientConfiguration(database: database) }
            return url!.with(database: database).clientConfiguration
        }
    }

    private var started: Endpoint?
    private var adminClient: PostgresClient?
    private var templates: [String: Task<String, any Error>] = [:]
    private let logger: Logger = {
        var logger = Logger(label: "dossier.test-server")
        logger.logLevel = .warning
        return logger
    }()

    /// The server: `DATABASE_URL` when set, else a throwaway cluster.
    func endpoint() throws -> Endpoint {
        if let started { return started }
        let endpoint: Endpoint
        if let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty {
            endpoint = Endpoint(cluster: nil, url: try DatabaseURL(url))
        } else {
            let directory = URL(fileURLWithPath: NSTemporaryDirectory())
                .appending(path: "dossier-test-\(getpid())-\(UUID().uuidString.prefix(8))")
            var cluster = PostgresCluster(directory: directory, binaries: try PostgresBinaries.locate())
            cluster.settings = [
                "fsync": "off", "synchronous_commit": "off", "full_page_writes": "off", "max_connections": "600",
                "shared_buffers": "128MB",
            ]
            ThrowawayCluster.register(cluster)
            try cluster.initialize(password: nil)
            try cluster.start()
            endpoint = Endpoint(cluster: cluster, url: nil)
        }
        started = endpoint
        let admin = PostgresClient(configuration: endpoint.configuration(database: "postgres"), backgroundLogger: logger)
        Task.detached { await admin.run() }
        adminClient = admin
        return endpoint
    }

    /// Runs `body` on a connection to the server's `postgres` database.
    @discardableResult
    func admin<Result: Sendable>(_ body: (PostgresConnection, Logger) async throws -> Result) async throws -> Result {
        _ = try endpoint()
        return try await adminClient!.withConnection { connection in try await body(connection, logger) }
    }

    /// The name of a template database holding exactly these migrations, created and
    /// migrated on first use.
    func template(for migrations: [Migration]) async throws -> String {
        let key = Array(SHA256.hash(data: Array(migrations.map { "\($0.module)/\($0.version)/\($0.checksum)" }
            .joined(separator: "\n").utf8))).hexString.prefix(16)
        let name = "dossier_template_\(key)"
        if let existing = templates[name] { return try await existing.value }
        let endpoint = try endpoint()
        let logger = logger
        let task = Task<String, any Error> {
            try await self.createTemplate(name: name, migrations: migrations, endpoint: endpoint, logger: logger)
        }
        templates[name] = task
        return try await task.value
    }

    private func createTemplate(name: String, migrations: [Migration], endpoint: Endpoint, logger: Logger) async throws -> String {
        let exists = try await admin { connection, logger in
            let rows = try await connection.query("SELECT 1 FROM pg_database WHERE datname = \(name)", logger: logger)
            for try await _ in rows { return true }
            return false
        }
        if exists { return name }
        // Built under a scratch name and renamed, so a failed run never leaves a half-migrated template.
        let scratch = name + "_building_\(getpid())"
        try await admin { connection, logger in
            try await connection.query("DROP DATABASE IF EXISTS \(unescaped: scratch) WITH (FORCE)", logger: logger)
            try await connection.query("CREATE DATABASE \(unescaped: scratch)", logger: logger)
        }
        let client = PostgresClient(configuration: endpoint.configuration(database: scratch), backgroundLogger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            try await Migrator(client: client, migrations: migrations, logger: logger).migrate()
            group.cancelAll()
        }
        try await admin { connection, logger in
            // The migrator's connections close asynchronously after its client stops; a
            // database still in use can be neither renamed nor used as a template.
            try await Self.waitUntilUnused(scratch, on: connection, logger: logger)
            try await connection.query("ALTER DATABASE \(unescaped: scratch) RENAME TO \(unescaped: name)", logger: logger)
        }
        return name
    }

    /// Ends the sessions still on `database` and waits (up to 10 s) until they are gone.
    private static func waitUntilUnused(_ database: String, on connection: PostgresConnection, logger: Logger) async throws {
        for attempt in 0..<200 {
            let rows = try await connection.query(
                "SELECT count(*)::int FROM pg_stat_activity WHERE datname = \(database) AND pid <> pg_backend_pid()",
                logger: logger)
            var sessions = 0
            for try await count in rows.decode(Int.self) { sessions = count }
            if sessions == 0 { return }
            if attempt == 20 {
                try await connection.query(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = \(database) AND pid <> pg_backend_pid()",
                    logger: logger)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}

/// Stops and removes the throwaway cluster when the test process exits.
enum ThrowawayCluster {
    nonisolated(unsafe) private static var cluster: PostgresCluster?

    static func register(_ cluster: PostgresCluster) {
        Self.cluster = cluster
        atexit {
            guard let cluster = ThrowawayCluster.cluster else { return }
            try? cluster.stop(mode: "immediate")
            try? FileManager.default.removeItem(at: cluster.directory)
        }
    }
}
