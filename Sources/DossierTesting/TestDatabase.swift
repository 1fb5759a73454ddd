public import DossierCore
public import DossierPostgres
public import Foundation
public import Logging
public import PostgresNIO

/// A database of its own for one test, cloned from a template that was migrated once.
///
/// ```swift
/// @Test func opensACase() async throws {
///     try await TestDatabase.with(modules: [MyModule()]) { db in
///         let opened = try await db.store.openCase(..., by: db.actor(.investigator))
///         #expect(opened.state == "new")
///     }
/// }
/// ```
///
/// The server is a throwaway PostgreSQL cluster started once per test process (initdb +
/// pg_ctl on a unix socket in a 0700 temporary directory, as the `postgres` user when run
/// as root) and removed when the process exits, or the server `DATABASE_URL` points at.
/// Tests run in parallel, each in its own database, dropped when the test ends.
public struct TestDatabase: Sendable {
    /// A pool connected to this test's database, running for the duration of the test.
    public let client: PostgresClient
    public let registry: ModuleRegistry
    /// The store, on the ``TestClock`` (``clock``).
    public let store: CaseStore
    /// The clock the store and hooks read: it starts at ``TestClock/instant`` with the test.
    public let clock: WallClock
    /// The database's name, e.g. `dossier_test_3f2a…`.
    public let name: String
    /// A `DATABASE_URL` for this database, to run programs (the `dossier` binary) against it.
    public let url: String
    public let logger: Logger

    /// Runs `body` against a fresh, migrated database of its own.
    /// - Parameters:
    ///   - modules: the modules to register; their migrations are in the template.
    ///   - clock: what the store and hooks read as now; the test clock by default, a fixed
    ///     instant for tables of dates computed by hand.
    ///   - body: the test.
    public static func with<Result: Sendable>(
        modules: [any CaseModule] = [], clock: WallClock = .test,
        _ body: (TestDatabase) async throws -> Result
    ) async throws -> Result {
        let registry = try ModuleRegistry(modules)
        let server = try await TestServer.shared.endpoint()
        let migrations = CoreSchema.migrations + registry.modules.flatMap(\.migrations)
        let template = try await TestServer.shared.template(for: migrations)
        let name = "dossier_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        do {
            try await TestServer.shared.admin { connection, logger in
                try await connection.query("CREATE DATABASE \(unescaped: name) TEMPLATE \(unescaped: template)", logger: logger)
            }
        } catch let error as PSQLError {
            throw DatabaseFailure(error)
        }
        var logger = Logger(label: "dossier.test")
        logger.logLevel = .warning
        var configuration = server.configuration(database: name)
        configuration.options.maximumConnections = 8
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let database = TestDatabase(
            client: client, registry: registry,
            store: CaseStore(client: client, registry: registry, clock: clock, signingKey: SigningKey(), logger: logger), clock: clock,
            name: name, url: server.url(database: name), logger: logger)

        let outcome: Swift.Result<Result, any Error>
        do {
            outcome = .success(try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await client.run() }
                defer { group.cancelAll() }
                return try await body(database)
            })
        } catch let error as PSQLError {
            // PSQLError's description hides the server's message; a failing test needs it.
            outcome = .failure(DatabaseFailure(error))
        } catch {
            outcome = .failure(error)
        }
        _ = try? await TestServer.shared.admin { connection, logger in
            try await connection.query("DROP DATABASE IF EXISTS \(unescaped: name) WITH (FORCE)", logger: logger)
        }
        return try outcome.get()
    }

    /// The current instant by ``clock``: a moment after ``TestClock/instant``.
    public var now: Date { clock.now() }

    /// An actor with these roles, for tests: `db.actor(.investigator)`.
    public func actor(_ roles: Role..., id: String = "test.user", agency: String = "TEST", clearance: Classification = .secret)
        -> Actor
    {
        Actor(id: id, roles: Set(roles), agency: agency, clearance: clearance)
    }

    /// Runs SQL as the server's superuser on this test's database: for tests that must do
    /// what the application never does (tamper with an append-only table, say).
    public func asSuperuser(_ sql: String) async throws {
        try await client.withConnection { connection in
            for statement in SQLScript.statements(in: sql) {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
        }
    }
}

/// A PostgreSQL error with the server's message, SQLSTATE and query in its description.
struct DatabaseFailure: Error, CustomStringConvertible {
    let description: String

    init(_ error: PSQLError) {
        description = String(reflecting: error)
    }
}
