public import DossierCore
public import Foundation

/// How the console writes times, durations and values: UTC, to the minute, with the zone
/// said, so a deadline reads the same on every screen and on paper. Modules' pages use it
/// too, so theirs read like the core's.
public enum ConsoleFormat {
    public static func time(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d UTC", c.year!, c.month!, c.day!, c.hour!, c.minute!)
    }

    public static func date(_ date: Date) -> String { String(time(date).prefix(10)) }

    /// `3 d 4 h left`, `overdue by 2 h 10 min`.
    public static func timeLeft(until due: Date, now: Date) -> String {
        let seconds = Int(due.timeIntervalSince(now))
        let span = abs(seconds)
        let days = span / 86_400, hours = (span % 86_400) / 3600, minutes = (span % 3600) / 60
        let text = days > 0 ? "\(days) d \(hours) h" : hours > 0 ? "\(hours) h \(minutes) min" : "\(minutes) min"
        return seconds >= 0 ? "\(text) left" : "overdue by \(text)"
    }

    /// `12,345`: digits grouped by threes, the same on every server whatever its locale.
    public static func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        let grouped = digits.enumerated().map { index, digit in
            (index > 0 && (digits.count - index) % 3 == 0 ? "," : "") + String(digit)
        }.joined()
        return (value < 0 ? "-" : "") + grouped
    }

    /// An attribute or input value as a person reads it.
    public static func value(_ value: JSONValue) -> String {
        switch value {
        case .null: "—"
        case .bool(let flag): flag ? "yes" : "no"
        case .int(let number): String(number)
        case .double(let number): String(number)
        case .string(let text): text
        case .array(let items): items.map { Self.value($0) }.joined(separator: ", ")
        case .object(let fields): fields.sorted { $0.key < $1.key }.map { "\($0.key): \(Self.value($0.value))" }.joined(separator: "; ")
        }
    }

    /// `2026-03-21 00:00 Europe/Paris`: the clock at a place, with the place's zone said.
    public static func time(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d ", c.year!, c.month!, c.day!, c.hour!, c.minute!) + zone.identifier
    }

    /// `date_of_arrest` → `Date of arrest`.
    public static func label(_ name: String) -> String {
        let spaced = name.replacingOccurrences(of: "_", with: " ")
        return spaced.prefix(1).uppercased() + spaced.dropFirst()
    }
}
