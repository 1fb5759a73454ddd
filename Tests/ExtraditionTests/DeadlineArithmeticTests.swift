import DossierCore
import DossierTesting
@testable import Extradition
import Foundation
import PostgresNIO
import Testing

/// Deadline arithmetic against hand-computed dates, with the seeded holiday calendars.
@Suite struct DeadlineArithmeticTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var event: String
        var duration: DeadlineDuration
        var counting: CountingRule
        var country: String
        var lastDay: String?
        var dueAt: String
        var why: String

        var testDescription: String { why }
    }

    static let rows: [Row] = [
        Row(event: "2026-03-01T10:00:00Z", duration: .hours(48), counting: .dayAfterEvent, country: "GB", lastDay: nil,
            dueAt: "2026-03-03T10:00:00Z", why: "hours run from the instant, ignoring days"),
        Row(event: "2026-03-01T10:00:00Z", duration: .days(18), counting: .dayAfterEvent, country: "IS",
            lastDay: "2026-03-19", dueAt: "2026-03-20T00:00:00Z", why: "ECE 18 days: the arrest day is not counted"),
        Row(event: "2026-03-01T10:00:00Z", duration: .days(45), counting: .startingWithTheDay, country: "GB",
            lastDay: "2026-04-14", dueAt: "2026-04-14T23:00:00Z",
            why: "UK 45 days starting with the day of arrest; ends at midnight BST"),
        Row(event: "2026-01-31T09:00:00Z", duration: .months(1), counting: .dayAfterEvent, country: "IS",
            lastDay: "2026-02-28", dueAt: "2026-03-01T00:00:00Z", why: "31 January + 1 month is 28 February"),
        Row(event: "2028-01-31T09:00:00Z", duration: .months(1), counting: .dayAfterEvent, country: "IS",
            lastDay: "2028-02-29", dueAt: "2028-03-01T00:00:00Z", why: "in a leap year, 29 February"),
        Row(event: "2026-12-31T09:00:00Z", duration: .months(2), counting: .dayAfterEvent, country: "US",
            lastDay: "2027-02-28", dueAt: "2027-03-01T05:00:00Z", why: "18 U.S.C. §3188: 2 calendar months across a year end, New York time"),
        Row(event: "2026-03-15T09:00:00Z", duration: .months(1), counting: .startingWithTheDay, country: "IS",
            lastDay: "2026-04-14", dueAt: "2026-04-15T00:00:00Z", why: "a month starting with the day ends the day before"),
        Row(event: "2028-02-28T12:00:00Z", duration: .days(1), counting: .dayAfterEvent, country: "IS",
            lastDay: "2028-02-29", dueAt: "2028-03-01T00:00:00Z", why: "a leap day is a calendar day"),
        Row(event: "2026-04-02T12:00:00Z", duration: .workingDays(5), counting: .dayAfterEvent, country: "GB",
            lastDay: "2026-04-13", dueAt: "2026-04-13T23:00:00Z",
            why: "5 working days from Maundy Thursday skip Good Friday, the weekend and Easter Monday"),
        Row(event: "2026-04-02T12:00:00Z", duration: .workingDays(5), counting: .dayAfterEvent, country: "IS",
            lastDay: "2026-04-09", dueAt: "2026-04-10T00:00:00Z", why: "without a holiday calendar only weekends are skipped"),
        Row(event: "2026-04-10T12:00:00Z", duration: .workingDays(3), counting: .startingWithTheDay, country: "GB",
            lastDay: "2026-04-14", dueAt: "2026-04-14T23:00:00Z", why: "starting with a working day counts it as day one"),
        Row(event: "2026-04-11T12:00:00Z", duration: .workingDays(2), counting: .startingWithTheDay, country: "GB",
            lastDay: "2026-04-14", dueAt: "2026-04-14T23:00:00Z", why: "starting with a Saturday counts from Monday"),
        Row(event: "2026-12-24T12:00:00Z", duration: .workingDays(2), counting: .dayAfterEvent, country: "DE",
            lastDay: "2026-12-29", dueAt: "2026-12-29T23:00:00Z", why: "German Christmas holidays and the weekend are skipped"),
        Row(event: "2026-03-01T23:30:00Z", duration: .days(10), counting: .dayAfterEvent, country: "FR",
            lastDay: "2026-03-12", dueAt: "2026-03-12T23:00:00Z",
            why: "an arrest at 00:30 Paris time on 2 March counts from 2 March, not 1 March"),
        Row(event: "2026-03-02T10:00:00Z", duration: .days(28), counting: .startingWithTheDay, country: "GB",
            lastDay: "2026-03-29", dueAt: "2026-03-29T23:00:00Z",
            why: "a last day on which summer time starts ends at the next local midnight"),
    ]

    @Test(arguments: rows)
    func deadlinesFallOnTheHandComputedDate(_ row: Row) async throws {
        try await TestDatabase.withExtradition { db in
            let place = try await db.client.withConnection { connection in
                try await Places.place(country: row.country, zone: nil, on: connection, logger: db.logger)
            }
            let event = try Date(row.event, strategy: .iso8601)
            let deadline = DeadlineCalculator(calendar: place.calendar)
                .deadline(from: event, duration: row.duration, counting: row.counting)
            #expect(deadline.lastDay?.description == row.lastDay, "\(row.why)")
            #expect(deadline.dueAt == (try Date(row.dueAt, strategy: .iso8601)), "\(row.why): \(deadline.dueAt)")
        }
    }

    @Test func aPlaceSaysWhatWasCountedAndInWhichZone() async throws {
        try await TestDatabase.withExtradition { db in
            let (gb, india, kingston) = try await db.client.withConnection { connection in
                (try await Places.place(country: "GB", zone: nil, on: connection, logger: db.logger),
                 try await Places.place(country: "IN", zone: nil, on: connection, logger: db.logger),
                 try await Places.place(country: "JM", zone: nil, on: connection, logger: db.logger))
            }
            #expect(gb.calendarDescription == "GB (16 holidays listed)")
            #expect(gb.timeZone.identifier == "Europe/London")
            #expect(india.calendarDescription == "IN (no holiday calendar: weekends only)")
            // A country with no calendar row still counts its own local days, not UTC's.
            #expect(india.timeZone.identifier == "Asia/Kolkata")
            #expect(kingston.timeZone.identifier == "America/Jamaica")
        }
    }

    /// Every zone the migration seeds is one this server's Foundation knows; a zone it did
    /// not know would refuse every step in that country.
    @Test func everySeededZoneIsKnown() async throws {
        try await TestDatabase.withExtradition { db in
            var unknown: [String] = []
            var countries = 0
            for try await (zone, isDefault) in try await db.client.query(
                "SELECT time_zone, is_default FROM extradition_country_zones", logger: db.logger
            ).decode((String, Bool).self) {
                if TimeZone(identifier: zone) == nil { unknown.append(zone) }
                if isDefault { countries += 1 }
            }
            #expect(unknown.isEmpty, "unknown zones: \(unknown)")
            #expect(countries == 247)
        }
    }

    @Test func aZoneOutsideTheCountryOrUnknownIsRefusedWithTheChoices() async throws {
        try await TestDatabase.withExtradition { db in
            let outside = await dossierError {
                _ = try await db.client.withConnection { connection in
                    try await Places.place(country: "ES", zone: "Europe/Paris", on: connection, logger: db.logger)
                }
            }
            #expect(outside?.message == "inputs.zone 'Europe/Paris' is not a time zone of ES; use Europe/Madrid, Africa/Ceuta, Atlantic/Canary")
            let unknown = await dossierError {
                _ = try await db.client.withConnection { connection in
                    try await Places.place(country: "ES", zone: "Mars/Olympus_Mons", on: connection, logger: db.logger)
                }
            }
            #expect(unknown?.message == "inputs.zone 'Mars/Olympus_Mons' is not an IANA time zone, e.g. Europe/London")
            let noZone = await dossierError {
                _ = try await db.client.withConnection { connection in
                    try await Places.place(country: "XK", zone: nil, on: connection, logger: db.logger)
                }
            }
            #expect(noZone?.message.hasPrefix("XK has no time zone on record; give inputs.zone") == true)
        }
    }
}
