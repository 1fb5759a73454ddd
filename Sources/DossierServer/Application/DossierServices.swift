public import DossierCore
public import DossierPostgres
public import Logging
public import PostgresNIO

/// What route handlers work with; module routes get it too.
public struct DossierServices: Sendable {
    public let client: PostgresClient
    public let registry: ModuleRegistry
    public let store: CaseStore
    public let users: UserStore
    public let accessLog: AccessLog
    /// Whether PostgreSQL answers, kept by the server's database monitor.
    public let databaseAvailability: DatabaseAvailability
    /// The signing key and signed chain checkpoints, when configured.
    public let checkpoints: CheckpointDirectory?
    public let logger: Logger

    /// - Parameters:
    ///   - clock: where the stores read the time; the system clock unless a test fixes it.
    ///   - checkpoints: signs checkpoints and disclosure manifests; nil signs nothing.
    public init(
        client: PostgresClient, registry: ModuleRegistry, clock: WallClock = .system, checkpoints: CheckpointDirectory? = nil,
        logger: Logger
    ) {
        self.client = client
        self.registry = registry
        self.checkpoints = checkpoints
        self.store = CaseStore(client: client, registry: registry, clock: clock, signingKey: checkpoints?.key, logger: logger)
        self.users = UserStore(client: client, clock: clock, logger: logger)
        self.accessLog = AccessLog(client: client, logger: logger)
        self.databaseAvailability = DatabaseAvailability()
        self.logger = logger
    }
}
