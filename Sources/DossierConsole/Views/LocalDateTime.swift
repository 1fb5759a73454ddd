public import DossierCore
public import Foundation

/// A date and time without an offset, as a `datetime-local` field posts it
/// (`2026-03-14T09:30` or `2026-03-14T09:30:15`): a wall-clock reading, made an instant
/// only once its zone is known.
public struct LocalDateTime: Sendable, Hashable {
    public var year, month, day, hour, minute, second: Int

    public init?(parsing text: String) {
        // Exactly YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS, digits only.
        let characters = Array(text.utf8)
        guard characters.count == 16 || characters.count == 19 else { return nil }
        for (index, character) in characters.enumerated() {
            let expected: UInt8? = switch index {
            case 4, 7: UInt8(ascii: "-")
            case 10: UInt8(ascii: "T")
            case 13, 16: UInt8(ascii: ":")
            default: nil
            }
            if let expected { guard character == expected else { return nil } } else {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(character) else { return nil }
            }
        }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(characters[$1] - UInt8(ascii: "0")) } }
        let (year, month, day, hour, minute) = (number(0..<4), number(5..<7), number(8..<10), number(11..<13), number(14..<16))
        let second = characters.count == 19 ? number(17..<19) : 0
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
              (0...59).contains(second)
        else { return nil }
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
    }

    /// The instant the clock in `zone` showed this reading; nil for a day the calendar
    /// does not have (30 February) or a time the clock skipped (02:30 on the night it moves
    /// forward). In the hour a clock goes back, the earlier of the two instants.
    public func instant(in zone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let instant = calendar.date(from: components) else { return nil }
        let back = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        guard back.year == year, back.month == month, back.day == day, back.hour == hour, back.minute == minute,
              back.second == second
        else { return nil }
        return instant
    }
}

extension LocalDateTime {
    /// What a `datetime-local` field shows for `date` on the clock in `zone`: `2026-07-01T00:00`.
    public static func text(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!)
    }

    /// The instant a posted field names: an ISO 8601 timestamp with its offset, or a
    /// `datetime-local` value read on the clock in `zone`. The refusal names `field`
    /// ("when it started") and what is allowed.
    public static func instant(_ text: String?, in zone: TimeZone, field: String) throws(DossierError) -> Date {
        guard let text else { throw .invalidInput("give \(field)") }
        if let date = try? Date(text, strategy: .iso8601) { return date }
        guard let local = LocalDateTime(parsing: text) else {
            throw .invalidInput("\(field) '\(text)' is not a date and time: give YYYY-MM-DDTHH:MM")
        }
        guard let date = local.instant(in: zone) else {
            throw .invalidInput(
                "\(field) '\(text)' is not a time the clock showed in \(zone.identifier) (a day that does not exist, or an "
                    + "hour skipped when the clock went forward)")
        }
        return date
    }
}
