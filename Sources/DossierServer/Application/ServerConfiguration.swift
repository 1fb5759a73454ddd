public import DossierCore
public import Foundation
public import PostgresNIO
public import Prometheus

/// How `dossier serve` and the tests run the server. Every field has a working default
/// except the database.
public struct ServerConfiguration: Sendable {
    /// Where to listen; loopback by default.
    public var host = "127.0.0.1"
    public var port = 8080
    /// The role the server runs as; see ``migrationDatabase``.
    public var database: PostgresClient.Configuration
    /// The schema owner's connection, for migrations: after migrating, the server's role
    /// (``database``'s user) is granted what it needs and no more (``ApplicationRole``).
    /// Nil migrates over ``database`` itself.
    public var migrationDatabase: PostgresClient.Configuration?
    /// Whether to serve even when ``database``'s role is a superuser or may update or
    /// delete the append-only tables. Off: the server refuses to start, naming why. Tests
    /// on a throwaway cluster's superuser turn it on.
    public var allowsPrivilegedDatabaseRole = false
    /// Request bodies above this many bytes get 413.
    public var maximumBodySize = 1 << 20
    /// How often the timer scheduler sweeps besides being woken by NOTIFY.
    public var timerSweepInterval: Duration = .seconds(30)
    /// Whether to run the timer scheduler in this process.
    public var runsTimerScheduler = true
    /// Whether modules' background jobs (``BackgroundJobModule``) run in this server.
    public var runsBackgroundJobs = true
    /// Connections in the PostgreSQL pool.
    public var maximumDatabaseConnections = 20
    /// How long a request may wait on a database that stopped answering before it answers
    /// 503 (counted from its start); new requests get 503 at once while it is unreachable.
    public var databaseAcquisitionTimeout: Duration = .seconds(5)
    /// How often the database monitor checks that PostgreSQL answers.
    public var databaseCheckInterval: Duration = .seconds(1)
    /// How long a check waits for PostgreSQL's answer; two late answers in a row mark the
    /// database unreachable. Tests on a loaded machine that are not about outages raise it.
    public var databaseCheckTimeout: Duration = .seconds(1)
    /// Addresses of the reverse proxies in front of the server, whose `Forwarded` or
    /// `X-Forwarded-For` header the access log believes; from any other peer the header is
    /// ignored and the peer's address recorded. None by default.
    public var trustedProxies: [String] = []
    /// Holds every answer to its route's declaration (status and body schema) and answers
    /// 500 naming what disagreed. For tests and the API fuzzer: it reads each body twice.
    public var checksResponses = false
    /// The registry `/metrics` serves. The process decides what records into it
    /// (``PrometheusMetrics/bootstrap()`` from the executable); by default it is empty.
    public var metrics = PrometheusCollectorRegistry()
    /// The directory outside the database holding the signing key and the signed checkpoints
    /// of every chain head (``CheckpointDirectory``); nil takes none and signs no exports.
    public var checkpointDirectory: URL?
    /// How often a checkpoint is taken (and once as the server starts).
    public var checkpointInterval: Duration = .seconds(3600)
    /// Where the stores, hooks and the timer scheduler read the time; tests fix it.
    public var clock: WallClock = .system
    /// Called once when start-up fails before the server listens (migrations, the database
    /// role check), with the error the server ends with. `dossier serve` arms a watchdog
    /// with it, so a process that will never listen does not outlive its failure.
    public var onStartupFailure: (@Sendable (any Error) -> Void)?

    public init(database: PostgresClient.Configuration) {
        self.database = database
    }
}
