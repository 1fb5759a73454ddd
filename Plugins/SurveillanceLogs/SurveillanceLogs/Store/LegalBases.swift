import DossierCore
import Foundation
import Logging
import PostgresNIO

/// Reads the legal bases table on a given connection.
enum LegalBases {
    static func all(on connection: PostgresConnection, logger: Logger) async throws -> [LegalBasis] {
        let rows = try await connection.query(
            """
            SELECT id, name, citation, max_value, max_unit, counting, counting_text, urgent_max_value, urgent_max_unit,
                   urgent_counting, urgent_counting_text, review_value, review_unit, methods, time_zone, calendar_id,
                   renewal_window_value, renewal_window_unit, renewal_window_text
            FROM surveillance_legal_bases ORDER BY id
            """, logger: logger)
        var bases: [LegalBasis] = []
        for try await row in rows.decode(
            (String, String, String, Int, String, String, String, Int?, String?, String, String, Int?, String?, [String],
             String, String?, Int?, String?, String).self)
        {
            func duration(_ value: Int?, _ unit: String?) throws -> DeadlineDuration? {
                guard let value, let unit else { return nil }
                return DeadlineDuration(value, try DeadlineDuration.Unit.parse(unit, field: "unit"))
            }
            bases.append(LegalBasis(
                id: row.0, name: row.1, citation: row.2, maximum: try duration(row.3, row.4)!,
                counting: try CountingRule.parse(row.5, field: "counting"), countingText: row.6,
                urgentMaximum: try duration(row.7, row.8), urgentCounting: try CountingRule.parse(row.9, field: "urgent_counting"),
                urgentCountingText: row.10, reviewInterval: try duration(row.11, row.12),
                methods: try row.13.map { text throws(DossierError) in try SurveillanceMethod.parse(text, field: "methods") },
                timeZone: row.14, calendar: row.15, renewalWindow: try duration(row.16, row.17), renewalWindowText: row.18))
        }
        return bases
    }

    /// The working days of `basis` on the clock of `zone`: its calendar's weekend days and
    /// holidays, or Saturday and Sunday only where it names none.
    static func workingDays(
        of basis: LegalBasis, in zone: String, on connection: PostgresConnection, logger: Logger
    ) async throws -> WorkingDayCalendar {
        guard let timeZone = TimeZone(identifier: zone) else {
            throw DossierError.invalidInput("time_zone '\(zone)' is not an IANA time zone, e.g. Europe/London")
        }
        guard let id = basis.calendar else { return WorkingDayCalendar(timeZone: timeZone) }
        let rows = try await connection.query(
            """
            SELECT weekend_days,
                   ARRAY(SELECT to_char(day, 'YYYY-MM-DD') FROM surveillance_holidays h WHERE h.calendar_id = c.id)
            FROM surveillance_calendars c WHERE id = \(id)
            """, logger: logger)
        for try await (weekendDays, holidays) in rows.decode(([Int], [String]).self) {
            return WorkingDayCalendar(
                weekendDays: Set(weekendDays),
                holidays: Set(try holidays.map { text throws(DossierError) in try CalendarDate(parsing: text) }),
                timeZone: timeZone)
        }
        throw DossierError(.hookRefused, "the working-day calendar '\(id)' of \(basis.name) does not exist")
    }

    static func basis(_ id: String, on connection: PostgresConnection, logger: Logger) async throws -> LegalBasis {
        let bases = try await all(on: connection, logger: logger)
        guard let basis = bases.first(where: { $0.id == id }) else {
            throw DossierError.invalidInput(
                "legal_basis '\(id)' is not known; use \(bases.map(\.id).joined(separator: ", "))")
        }
        return basis
    }
}
