public import Foundation

/// A day in the proleptic Gregorian calendar, with exact arithmetic (no time zones, no
/// daylight saving), for deadline computation.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let daysSinceEpoch: Int

    public init(daysSinceEpoch: Int) { self.daysSinceEpoch = daysSinceEpoch }

    public init(year: Int, month: Int, day: Int) {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = (month + 9) % 12
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        self.daysSinceEpoch = era * 146_097 + dayOfEra - 719_468
    }

    /// The years a parsed date may fall in: four-digit years, as ISO 8601 writes them, so no
    /// client-sent date reaches arithmetic that could overflow.
    public static let parsableYears = 1...9999

    /// Parses `YYYY-MM-DD`, a year from 1 to 9999.
    public init(parsing text: String) throws(DossierError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 3, let year = parts[0], let month = parts[1], let day = parts[2],
            Self.parsableYears.contains(year), (1...12).contains(month),
            (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
        else { throw .invalidInput("date '\(text)' is not a valid YYYY-MM-DD date") }
        self.init(year: year, month: month, day: day)
    }

    /// The calendar date of `instant` in `timeZone`.
    public init(_ instant: Date, in timeZone: TimeZone) {
        let local = instant.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: instant))
        self.init(daysSinceEpoch: Int((local / 86_400).rounded(.down)))
    }

    public var components: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// ISO weekday: 1 Monday ... 7 Sunday.
    public var isoWeekday: Int {
        let weekday = (daysSinceEpoch + 3) % 7  // 1970-01-01 was a Thursday (ISO 4).
        return (weekday < 0 ? weekday + 7 : weekday) + 1
    }

    public func adding(days: Int) -> CalendarDate { CalendarDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// The same day `months` later; a day past the target month's end clamps to its last
    /// day (31 January + 1 month = 28 or 29 February).
    public func adding(months: Int) -> CalendarDate {
        let (year, month, day) = components
        let monthIndex = year * 12 + (month - 1) + months
        let targetYear = monthIndex >= 0 ? monthIndex / 12 : (monthIndex - 11) / 12
        let targetMonth = monthIndex - targetYear * 12 + 1
        return CalendarDate(
            year: targetYear, month: targetMonth, day: min(day, CalendarDate.daysIn(month: targetMonth, year: targetYear)))
    }

    /// The instant this day starts in `timeZone`.
    public func start(in timeZone: TimeZone) -> Date {
        let utcMidnight = Date(timeIntervalSince1970: Double(daysSinceEpoch) * 86_400)
        let offset = timeZone.secondsFromGMT(for: utcMidnight)
        let guess = utcMidnight.addingTimeInterval(-Double(offset))
        // Correct once if the offset differs at the local midnight itself (a DST change).
        return utcMidnight.addingTimeInterval(-Double(timeZone.secondsFromGMT(for: guess)))
    }

    public static func isLeapYear(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public var description: String {
        let (year, month, day) = components
        return "\(year.zeroPadded(4))-\(month.zeroPadded(2))-\(day.zeroPadded(2))"
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    public init(from decoder: any Decoder) throws {
        try self.init(parsing: decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
