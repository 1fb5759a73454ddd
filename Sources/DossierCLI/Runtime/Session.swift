public import DossierCore
public import DossierPostgres
public import Foundation
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
    /// The checkpoint directory (``DatabaseLocation/checkpointDirectory(options:environment:)``),
    /// opened by the commands that need it: reading commands never create a key.
    public private(set) var checkpointDirectoryURL: URL? = nil

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
        // An existing key signs exports; a directory that cannot be read leaves them unsigned
        // (and refused) rather than failing every command.
        let signingKey = (try? checkpointDirectory.flatMap(CheckpointDirectory.existing))??.key
        let registry = try ModuleRegistry(DossierCommand.modules)
        var logger = Logger(label: "dossier.cli")
        logger.logLevel = ProcessInfo.processInfo.environment["DOSSIER_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .error
        let client = PostgresClient(configuration: lease.configuration, backgroundLogger: logger)
        var session = Session(
            client: client, registry: registry,
            store: CaseStore(client: client, registry: registry, signingKey: signingKey, logger: logger),
            actor: options.actor, output: Output(json: options.json), checkpointDirectoryURL: checkpointDirectory, logger: logger)
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
    /// The checkpoint directory, created with its signing key if need be, for the commands
    /// that sign (`audit checkpoint`, exports).
    public func openCheckpoints() throws -> CheckpointDirectory {
        guard let checkpointDirectoryURL else { throw Self.noCheckpointDirectory }
        return try CheckpointDirectory(checkpointDirectoryURL)
    }

    /// The refusal when no checkpoint directory is known.
    static let noCheckpointDirectory = DossierError.invalidInput(
        "no checkpoint directory: with DATABASE_URL, name one with --checkpoint-dir or DOSSIER_CHECKPOINT_DIR")

    /// The checkpoint directory if it holds a signing key, creating nothing.
    public func existingCheckpoints() throws -> CheckpointDirectory? {
        try checkpointDirectoryURL.flatMap(CheckpointDirectory.existing)
    }

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
