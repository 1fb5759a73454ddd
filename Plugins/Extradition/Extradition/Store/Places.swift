public import DossierCore
public import Foundation
import Logging
import PostgresNIO

/// Where a step happened, as deadlines count it: the country whose law sets the periods,
/// the IANA zone of the place (a period in days ends at midnight there), and the country's
/// working days.
struct Place: Sendable {
    var country: String
    var timeZone: TimeZone
    /// The country's working days, in `timeZone`.
    var calendar: WorkingDayCalendar
    /// For the deadline record: "GB (16 holidays listed)".
    var calendarDescription: String
}

/// Reads places from the module's zone and calendar tables.
enum Places {
    /// The IANA zones of `country`, its default first; empty for a country with none on record.
    static func zones(of country: String, on connection: PostgresConnection, logger: Logger) async throws -> [String] {
        let rows = try await connection.query(
            """
            SELECT time_zone FROM extradition_country_zones WHERE country = \(country)
            ORDER BY is_default DESC, time_zone
            """, logger: logger)
        var zones: [String] = []
        for try await zone in rows.decode(String.self) { zones.append(zone) }
        return zones
    }

    /// The place of a step in `country`: in `zone` when given, which must be one of the
    /// country's zones, else in the country's default zone.
    static func place(
        country: String, zone: String?, field: String = "inputs.zone", on connection: PostgresConnection, logger: Logger
    ) async throws -> Place {
        try await place(country: country, zone: zone, field: field, checked: true, on: connection, logger: logger)
    }

    /// The place a stored deadline was counted in: its zone as recorded, not checked again
    /// against the country's zones.
    static func recorded(
        country: String, zone: String, on connection: PostgresConnection, logger: Logger
    ) async throws -> Place {
        try await place(country: country, zone: zone, field: "the deadline's zone", checked: false, on: connection, logger: logger)
    }

    private static func place(
        country: String, zone: String?, field: String, checked: Bool, on connection: PostgresConnection, logger: Logger
    ) async throws -> Place {
        let known = checked ? try await zones(of: country, on: connection, logger: logger) : []
        let chosen: String
        if let zone {
            guard TimeZone(identifier: zone) != nil else {
                throw DossierError.invalidInput("\(field) '\(zone)' is not an IANA time zone, e.g. Europe/London")
            }
            guard known.isEmpty || known.contains(zone) else {
                throw DossierError.invalidInput(
                    "\(field) '\(zone)' is not a time zone of \(country); use \(known.joined(separator: ", "))")
            }
            chosen = zone
        } else if let first = known.first {
            chosen = first
        } else {
            throw DossierError.invalidInput(
                "\(country) has no time zone on record; give \(field), the IANA zone of the place (e.g. Europe/Belgrade)")
        }
        guard let timeZone = TimeZone(identifier: chosen) else {
            throw DossierError(.hookRefused, "the time zone '\(chosen)' of \(country) is not known to this server")
        }
        var (calendar, description) = try await workingDays(of: country, on: connection, logger: logger)
        calendar.timeZone = timeZone
        return Place(country: country, timeZone: timeZone, calendar: calendar, calendarDescription: description)
    }

    /// The country's weekend days and listed holidays; a country without a calendar row
    /// counts Saturday and Sunday only.
    static func workingDays(
        of country: String, on connection: PostgresConnection, logger: Logger
    ) async throws -> (WorkingDayCalendar, String) {
        let rows = try await connection.query(
            """
            SELECT weekend_days,
                   ARRAY(SELECT to_char(day, 'YYYY-MM-DD') FROM extradition_holidays h WHERE h.country = c.country)
            FROM extradition_calendars c WHERE country = \(country)
            """, logger: logger)
        for try await (weekendDays, holidays) in rows.decode(([Int], [String]).self) {
            let days = Set(try holidays.map { text throws(DossierError) in try CalendarDate(parsing: text) })
            return (
                WorkingDayCalendar(weekendDays: Set(weekendDays), holidays: days),
                "\(country) (\(days.count) holidays listed)"
            )
        }
        return (WorkingDayCalendar(), "\(country) (no holiday calendar: weekends only)")
    }
}

extension ExtraditionStore {
    /// The zone a step of `found` counts in unless it names another: the country's default
    /// zone (the requested state's; the requesting state's for the final discharge there);
    /// nil when that country has no zone on record.
    public func defaultZone(for found: Case, transition: String) async throws -> TimeZone? {
        try Self.requireExtradition(found)
        let attributes = try found.attributes.decode(as: ExtraditionAttributes.self)
        let country = StepMoment.country(of: transition, attributes)
        let zones = try await client.withConnection { connection in
            try await Places.zones(of: country, on: connection, logger: logger)
        }
        return zones.first.flatMap(TimeZone.init(identifier:))
    }

    /// The IANA zones on record for `country`, its default first.
    public func timeZones(of country: String) async throws -> [String] {
        try await client.withConnection { connection in try await Places.zones(of: country, on: connection, logger: logger) }
    }
}
