public import DossierCore
import Synchronization
public import Foundation

/// The instant every test starts at, so no test depends on the hour or the day it runs.
///
/// It is `2026-03-11T10:00:00Z` unless `DOSSIER_TEST_NOW` names another instant in ISO 8601
/// (`2026-06-30T23:30:00+14:00`); CI runs the date-dependent suites at several such instants
/// (late evening in UTC+14 and UTC-12, a daylight-saving change) to prove they hold at any hour.
///
/// ```swift
/// let arrested = TestClock.instant.addingTimeInterval(-42 * 86_400)
/// ```
public enum TestClock {
    public static let instant: Date = {
        guard let text = ProcessInfo.processInfo.environment["DOSSIER_TEST_NOW"], !text.isEmpty else {
            return Date(timeIntervalSince1970: 1_773_223_200)   // 2026-03-11T10:00:00Z
        }
        guard let instant = try? Date(text, strategy: .iso8601) else {
            fatalError("DOSSIER_TEST_NOW must be an ISO 8601 instant such as 2026-06-30T23:30:00+14:00, not '\(text)'")
        }
        return instant
    }()
}

extension WallClock {
    /// A clock that starts at ``TestClock/instant`` when asked for and then runs at real
    /// speed, so a test's writes keep their order while its dates stay the same whatever
    /// the hour; ``TestDatabase`` gives each test a new one.
    public static var test: WallClock { running(from: TestClock.instant) }

    /// A clock that starts at `instant` when asked for and then runs at real speed: for a
    /// test checked against a table worked out by hand for that instant.
    public static func running(from instant: Date) -> WallClock {
        let started = ContinuousClock.now
        return WallClock {
            let elapsed = ContinuousClock.now - started
            return instant.addingTimeInterval(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
    }
}

/// A clock that starts at ``TestClock/instant`` and moves only when told, for tests of
/// what happens later: a session's idle timeout, a deadline that passes, a code's next
/// time step.
///
/// ```swift
/// let clock = MovableClock()
/// try await TestDatabase.with(modules: modules, clock: clock.clock) { db in
///     clock.advance(by: 8 * 86_400)
///     _ = try await db.store.fireDueTimers()
/// }
/// ```
public final class MovableClock: Sendable {
    private let offset = Mutex<TimeInterval>(0)
    private let base: WallClock

    /// - Parameter instant: where it starts; ``TestClock/instant`` unless given.
    public init(startingAt instant: Date = TestClock.instant) {
        base = .running(from: instant)
    }

    /// A clock that shows `instant` until advanced: for a test that asserts the minute a
    /// page prints (the time now in Madrid), which a running clock passes on a loaded
    /// machine.
    public init(stoppedAt instant: Date) {
        base = .fixed(instant)
    }

    /// The clock to give a store, a server or a test database.
    public var clock: WallClock { WallClock { [self] in base.now().addingTimeInterval(offset.withLock { $0 }) } }

    public func advance(by seconds: TimeInterval) { offset.withLock { $0 += seconds } }
}
