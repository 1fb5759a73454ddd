public import DossierCore

/// A module that runs periodic work inside the server (a nightly recount, a reminder
/// sweep). Each job runs once the schema is migrated, then every `interval`; a failing run
/// is logged and tried again at the next interval. Every server instance runs its jobs, so
/// a job must be safe to run concurrently (take a row lock or an advisory lock).
///
/// ```swift
/// extension TraffickingCases: BackgroundJobModule {
///     var backgroundJobs: [BackgroundJob] {
///         [BackgroundJob("reflection-period-reminders", every: .seconds(3600)) { services in ... }]
///     }
/// }
/// ```
public protocol BackgroundJobModule: CaseModule {
    var backgroundJobs: [BackgroundJob] { get }
}

/// A named piece of periodic work.
public struct BackgroundJob: Sendable {
    public var name: String
    public var interval: Duration
    public var run: @Sendable (DossierServices) async throws -> Void

    public init(_ name: String, every interval: Duration, run: @escaping @Sendable (DossierServices) async throws -> Void) {
        self.name = name
        self.interval = interval
        self.run = run
    }
}
