public import PostgresNIO

/// How `dossier serve` and the tests run the server. Every field has a working default
/// except the database.
public struct ServerConfiguration: Sendable {
    /// Where to listen; loopback by default.
    public var host = "127.0.0.1"
    public var port = 8080
    public var database: PostgresClient.Configuration
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

    public init(database: PostgresClient.Configuration) {
        self.database = database
    }
}
