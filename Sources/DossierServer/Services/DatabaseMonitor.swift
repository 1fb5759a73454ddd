import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// Whether PostgreSQL answers, as the ``DatabaseMonitor`` last found it.
///
/// Requests consult it before they wait for a pooled connection: while the database is
/// unreachable they answer 503 at once instead of queueing behind a pool that cannot
/// connect, and requests already waiting give up after the acquisition timeout.
public final class DatabaseAvailability: Sendable {
    private let state = Mutex<(reachable: Bool, since: ContinuousClock.Instant)>((true, .now))

    public init() {}

    /// Whether the last check reached the database.
    public var isReachable: Bool { state.withLock { $0.reachable } }

    /// Records a check's outcome; returns whether it changed.
    @discardableResult
    func record(reachable: Bool) -> Bool {
        state.withLock { current in
            guard current.reachable != reachable else { return false }
            current = (reachable, .now)
            return true
        }
    }

    /// Returns once the database is found unreachable and `deadline` has passed (checked
    /// every 100 ms), or throws `CancellationError` when the calling task is cancelled first.
    func waitUntilUnreachable(after deadline: ContinuousClock.Instant) async throws {
        while isReachable || ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}

/// Checks every `interval` that PostgreSQL answers `SELECT 1` within `timeout`, on a
/// connection of its own (so a busy pool never reads as an outage), and keeps
/// ``DatabaseAvailability`` up to date. Two failed checks in a row mark the database
/// unreachable; one answer marks it reachable again, so the server recovers by itself.
struct DatabaseMonitor: Service {
    let configuration: PostgresClient.Configuration
    let availability: DatabaseAvailability
    var interval: Duration = .seconds(1)
    var timeout: Duration = .seconds(1)
    let logger: Logger

    func run() async throws {
        var configuration = configuration
        configuration.options.maximumConnections = 1
        configuration.options.connectTimeout = timeout
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            var failures = 0
            while !Task.isCancelled, !Task.isShuttingDownGracefully {
                let answered = await Self.answers(client, within: timeout, logger: logger)
                failures = answered ? 0 : failures + 1
                if answered, availability.record(reachable: true) {
                    logger.notice("the database answers again; serving requests")
                } else if failures >= 2, availability.record(reachable: false) {
                    logger.error("the database does not answer; requests get 503 until it does")
                }
                try? await Task.sleep(for: interval)
            }
            group.cancelAll()
        }
    }

    /// Whether `SELECT 1` comes back within `timeout`.
    static func answers(_ client: PostgresClient, within timeout: Duration, logger: Logger) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                do {
                    _ = try await client.query("SELECT 1", logger: logger).collect()
                    return true
                } catch {
                    return false
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }
}
