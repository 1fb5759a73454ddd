public import DossierCore
public import DossierPostgres
import Foundation
public import Logging
public import PostgresNIO

/// What a command works with: the store on a connected, migrated database, the modules,
/// the acting user and the output format.
public struct Session: Sendable {
    public let client: PostgresClient
    public let registry: ModuleRegistry
    public let store: CaseStore
    public private(set) var actor: Actor
    public let output: Output
    /// The signing key and signed chain checkpoints, when a checkpoint directory is set.
    public private(set) var checkpoints: CheckpointDirectory? = nil

    /// Whom lists are filtered for: a registered user (`--as`) sees what they may see; the
    /// local operator, who has the database itself, sees every case.
    public var viewer: Actor { actor.agency != nil ? actor : .system }
    public let logger: Logger

    static func with<Result: Sendable>(
        options: DossierOptions, migrate: Bool, _ body: (Session) async throws -> Result
    ) async throws -> Result {
        let database = try DatabaseLocation(options: options)
        let lease = try database.lease()
        defer { lease.release() }
        return try await with(
            options: options, lease: lease, describedAs: "\(database)", checkpointDirectory: database.checkpointDirectory(options: options),
            migrate: migrate, body)
    }

    /// A session on a database already leased (by `serve`, which keeps the lease).
    static func with<Result: Sendable>(
        options: DossierOptions, lease: DatabaseLocation.Lease, describedAs database: String, checkpointDirectory: URL?,
        migrate: Bool, _ body: (Session) async throws -> Result
    ) async throws -> Result {
        let checkpoints = try checkpointDirectory.map { try CheckpointDirectory($0) }
        let registry = try ModuleRegistry(DossierCommand.modules)
        var logger = Logger(label: "dossier.cli")
        logger.logLevel = ProcessInfo.processInfo.environment["DOSSIER_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .error
        let client = PostgresClient(configuration: lease.configuration, backgroundLogger: logger)
        var session = Session(
            client: client, registry: registry,
            store: CaseStore(client: client, registry: registry, signingKey: checkpoints?.key, logger: logger),
            actor: options.actor, output: Output(json: options.json), checkpoints: checkpoints, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            do {
                try await client.query("SELECT 1", logger: logger)
            } catch {
                throw DossierError(
                    .invalidInput, "cannot connect to \(database): \(error.databaseMessage); check that it runs and is reachable")
            }
            if migrate {
                try await Migrator(client: client, registry: registry, logger: logger).migrate()
                session.actor = try await Self.actor(for: options, client: client, logger: logger)
            }
            return try await body(session)
        }
    }
}

extension Session {
    /// `--as` a registered user acts with that user's roles, agency and clearance (narrowed
    /// by any `--role`); any other name acts as the local operator under that name.
    static func actor(for options: DossierOptions, client: PostgresClient, logger: Logger) async throws -> Actor {
        guard let name = options.user else { return options.actor }
        let user: User
        do {
            user = try await UserStore(client: client, logger: logger).user(id: name)
        } catch let error as DossierError where error.code == .notFound {
            return options.actor
        }
        guard !user.isDisabled else { throw DossierError.invalidInput("user '\(name)' is disabled") }
        var actor = user.actor
        if !options.roles.isEmpty { actor.roles.formIntersection(options.roles) }
        return actor
    }
}
