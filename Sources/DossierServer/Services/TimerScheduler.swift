import DossierCore
public import DossierPostgres
import Foundation
public import Logging
import Metrics
public import PostgresNIO
public import ServiceLifecycle

/// Fires due timers: woken at once by `NOTIFY dossier_timers` (sent when a timer starts)
/// and by a periodic sweep. Any number of servers can run one on the same database: each
/// timer is claimed with `FOR UPDATE SKIP LOCKED` and fired exactly once.
public struct TimerScheduler: Service {
    let store: CaseStore
    let client: PostgresClient
    let sweepInterval: Duration
    let logger: Logger
    let fired = Counter(label: "dossier_timers_fired")

    public init(store: CaseStore, client: PostgresClient, sweepInterval: Duration = .seconds(30), logger: Logger) {
        self.store = store
        self.client = client
        self.sweepInterval = sweepInterval
        self.logger = logger
    }

    public func run() async throws {
        await waitForSchema()
        let (wakeups, wake) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await listen(wake: wake) }
            group.addTask {
                while !Task.isCancelled && !Task.isShuttingDownGracefully {
                    try? await cancelWhenGracefulShutdown { try await Task.sleep(for: sweepInterval) }
                    wake.yield()
                }
                wake.finish()
            }
            wake.yield()
            for await _ in wakeups.cancelOnGracefulShutdown() {
                await fireDue()
                await purgeExpiredKeys()
            }
            group.cancelAll()
        }
    }

    /// Drops idempotency keys, old failed sign-ins and long-ended console sessions past
    /// their retention, at most once an hour; any server may do it, and doing it twice is
    /// harmless.
    func purgeExpiredKeys() async {
        guard Self.purgeClock.claim(interval: 3600) else { return }
        do {
            try await store.purgeIdempotencyKeys()
        } catch {
            logger.warning("purging idempotency keys failed", metadata: ["error": "\(error)"])
        }
        do {
            try await store.purgeConsoleRecords()
        } catch {
            logger.warning("purging old sign-in records failed", metadata: ["error": "\(error)"])
        }
    }

    static let purgeClock = PurgeClock()

    /// Waits until the schema is migrated: a timer must not fire before the tables its hooks write exist.
    func waitForSchema() async {
        await SchemaGate(client: client, registry: store.registry, logger: logger).waitUntilMigrated()
    }

    /// Fires every timer due now; errors are logged and retried on the next wake-up. One
    /// line says how many fired, by timer name (at start-up that may be dozens); each timer
    /// has a line of its own at debug level.
    func fireDue() async {
        var firedByName: [String: Int] = [:]
        defer {
            if !firedByName.isEmpty {
                let names = firedByName.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: ", ")
                logger.info("timers fired", metadata: ["count": "\(firedByName.values.reduce(0, +))", "timers": "\(names)"])
            }
        }
        do {
            while true {
                let batch = try await store.fireDueTimers(limit: 100)
                fired.increment(by: batch.count)
                for timer in batch {
                    firedByName[timer.timer.name, default: 0] += 1
                    logger.debug(
                        "timer fired",
                        metadata: ["case": "\(timer.timer.caseID)", "timer": "\(timer.timer.name)", "transition": "\(timer.transitionTaken ?? "-")"])
                }
                if batch.count < 100 { return }
            }
        } catch {
            logger.error("firing due timers failed", metadata: ["error": "\(String(reflecting: error))"])
        }
    }

    /// Keeps a LISTEN open, reconnecting after failures, until shutdown.
    func listen(wake: AsyncStream<Void>.Continuation) async {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: "dossier_timers") { notifications in
                        for try await _ in notifications.cancelOnGracefulShutdown() { wake.yield() }
                    }
                }
            } catch {
                if Task.isCancelled || Task.isShuttingDownGracefully { return }
                logger.warning("LISTEN dossier_timers failed; retrying", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }
}

/// Remembers when the last purge ran, so a busy scheduler purges at most once an interval.
final class PurgeClock: @unchecked Sendable {
    private let lock = NSLock()
    private var last: Date = .distantPast

    /// Whether a purge is due now; if so, records it as done.
    func claim(interval: TimeInterval, now: Date = Date()) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard now.timeIntervalSince(last) >= interval else { return false }
        last = now
        return true
    }
}
