package import Foundation

/// An instant as the clock reads at a place, for people and for JSON.
package enum LocalTime {
    /// "2026-03-02 09:00 Europe/Paris".
    package static func describe(_ instant: Date, in zone: TimeZone) -> String {
        var style = Date.VerbatimFormatStyle(
            format: """
                \(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits) \
                \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)
                """,
            timeZone: zone, calendar: Calendar(identifier: .gregorian))
        style.locale = Locale(identifier: "en_US_POSIX")
        return "\(instant.formatted(style)) \(zone.identifier)"
    }

    package static func describe(_ instant: Date, in zoneID: String) -> String {
        describe(instant, in: TimeZone(identifier: zoneID) ?? .gmt)
    }

    /// ISO 8601 with the place's offset: "2026-03-21T00:00:00+01:00".
    package static func iso(_ instant: Date, in zoneID: String) -> String {
        instant.formatted(Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: TimeZone(identifier: zoneID) ?? .gmt))
    }
}
