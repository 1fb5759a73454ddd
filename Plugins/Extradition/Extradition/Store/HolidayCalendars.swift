import DossierCore
import Foundation
import Logging
import PostgresNIO

/// The working-day calendar of the country where the person is held, from the module's
/// calendar tables.
enum HolidayCalendars {
    struct Loaded: Sendable {
        var calendar: WorkingDayCalendar
        /// For the deadline record: "GB (Europe/London, 16 holidays listed)".
        var description: String
    }

    static func calendar(for country: String, on connection: PostgresConnection, logger: Logger) async throws -> Loaded {
        let rows = try await connection.query(
            """
            SELECT weekend_days, time_zone,
                   ARRAY(SELECT to_char(day, 'YYYY-MM-DD') FROM extradition_holidays h WHERE h.country = c.country)
            FROM extradition_calendars c WHERE country = \(country)
            """, logger: logger)
        for try await (weekendDays, timeZoneName, holidays) in rows.decode(([Int], String, [String]).self) {
            let timeZone = TimeZone(identifier: timeZoneName) ?? .gmt
            let days = Set(try holidays.map { text throws(DossierError) in try CalendarDate(parsing: text) })
            return Loaded(
                calendar: WorkingDayCalendar(weekendDays: Set(weekendDays), holidays: days, timeZone: timeZone),
                description: "\(country) (\(timeZone.identifier), \(days.count) holidays listed)")
        }
        return Loaded(calendar: .weekendsOnly, description: "\(country) (no holiday calendar: weekends only, UTC)")
    }
}
