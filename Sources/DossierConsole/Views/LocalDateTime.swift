public import Foundation

/// A date and time without an offset, as a `datetime-local` field posts it
/// (`2026-03-14T09:30` or `2026-03-14T09:30:15`): a wall-clock reading, made an instant
/// only once its zone is known.
public struct LocalDateTime: Sendable, Hashable {
    public var year, month, day, hour, minute, second: Int

    public init?(parsing text: String) {
        let parts = text.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let date = parts[0].split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        let time = parts[1].split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard date.count == 3, parts[0].count == 10, (2...3).contains(time.count), parts[1].count == time.count * 3 - 1,
              let year = date[0], let month = date[1], let day = date[2],
              let hour = time[0], let minute = time[1]
        else { return nil }
        let second = time.count == 3 ? time[2] : 0
        guard let second, (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
              (0...59).contains(second)
        else { return nil }
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
    }

    /// The instant the clock in `zone` showed this reading; nil for a day the calendar
    /// does not have (30 February). In the hour a clock goes back or skips, Foundation's
    /// choice (the earlier instant; the reading moved past the gap).
    public func instant(in zone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let instant = calendar.date(from: components) else { return nil }
        let back = calendar.dateComponents([.year, .month, .day], from: instant)
        guard back.year == year, back.month == month, back.day == day else { return nil }
        return instant
    }
}
