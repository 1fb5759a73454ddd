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
