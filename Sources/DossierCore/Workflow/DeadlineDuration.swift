import Foundation

/// A legal period: a value and its unit, stored explicitly because a "10 day" rule means
/// something different in calendar and in working days.
public struct DeadlineDuration: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Unit: String, Sendable, Hashable, ChoiceCodable {
        case hours
        case calendarDays = "calendar_days"
        case workingDays = "working_days"
        case calendarMonths = "calendar_months"
    }

    public var value: Int
    public var unit: Unit

    public init(_ value: Int, _ unit: Unit) {
        self.value = value
        self.unit = unit
    }

    public static func hours(_ value: Int) -> Self { .init(value, .hours) }
    public static func days(_ value: Int) -> Self { .init(value, .calendarDays) }
    public static func workingDays(_ value: Int) -> Self { .init(value, .workingDays) }
    public static func months(_ value: Int) -> Self { .init(value, .calendarMonths) }

    public var description: String { "\(value) \(unit.rawValue.replacingOccurrences(of: "_", with: " "))" }
}

/// How the first day of a period is counted.
public enum CountingRule: String, Sendable, Hashable, ChoiceCodable {
    /// The day of the event is not counted; a 10-day period from 1 March ends at the end
    /// of 11 March. The common civil-law rule.
    case dayAfterEvent = "day_after_event"
    /// The day of the event is day one ("starting with the day", UK Extradition Act); a
    /// 10-day period from 1 March ends at the end of 10 March.
    case startingWithTheDay = "starting_with_the_day"
}
