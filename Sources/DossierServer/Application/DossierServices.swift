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
    public let logger: Logger

    /// - Parameter clock: where the stores read the time; the system clock unless a test fixes it.
    public init(client: PostgresClient, registry: ModuleRegistry, clock: WallClock = .system, logger: Logger) {
        self.client = client
        self.registry = registry
        self.store = CaseStore(client: client, registry: registry, clock: clock, logger: logger)
        self.users = UserStore(client: client, clock: clock, logger: logger)
        self.accessLog = AccessLog(client: client, logger: logger)
        self.databaseAvailability = DatabaseAvailability()
        self.logger = logger
    }
}
