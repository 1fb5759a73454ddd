public import Foundation

/// Where Dossier reads the current time.
///
/// Stores, hooks and the timer scheduler take the time from a clock they were given, never
/// from `Date()`: in production that is the system clock; in tests a fixed instant, so no
/// deadline, overdue flag or work list depends on the hour or the day a test runs.
///
/// ```swift
/// let store = CaseStore(client: client, registry: registry, clock: .fixed(instant), logger: logger)
/// store.clock.now()   // always `instant`
/// ```
public struct WallClock: Sendable {
    private let read: @Sendable () -> Date

    /// A clock that answers `read()` each time it is asked.
    public init(_ read: @escaping @Sendable () -> Date) {
        self.read = read
    }

    /// The current instant by this clock.
    public func now() -> Date { read() }

    /// The system's real time.
    public static let system = WallClock { Date() }

    /// A clock stopped at `instant`.
    public static func fixed(_ instant: Date) -> WallClock {
        WallClock { instant }
    }
}
