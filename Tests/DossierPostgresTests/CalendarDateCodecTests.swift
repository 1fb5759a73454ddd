import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import PostgresNIO
import Testing

/// `CalendarDate` travels as a PostgreSQL `date`, both ways, over the whole range a
/// parsed date may take.
@Suite struct CalendarDateCodecTests {
    @Test func datesRoundTripAndPostgreSQLReadsTheDayTheyName() async throws {
        let dates = ["0001-01-01", "1582-10-15", "1969-12-31", "1970-01-01", "1999-12-31", "2000-01-01", "2000-02-29",
                     "2024-02-29", "2026-03-11", "9999-12-31"]
        try await TestDatabase.withTested { db async throws in
            for text in dates {
                let date = try CalendarDate(parsing: text)
                let rows = try await db.client.query("SELECT \(date), \(date)::text, \(Optional<CalendarDate>.none)::date", logger: db.logger)
                for try await (back, written, none) in rows.decode((CalendarDate, String, CalendarDate?).self) {
                    #expect(back == date, "\(text)")
                    #expect(written == text, "PostgreSQL reads \(text) as \(written)")
                    #expect(none == nil)
                }
            }
            let infinite = try await db.client.query("SELECT 'infinity'::date", logger: db.logger)
            await #expect(throws: (any Error).self, "infinity is no calendar date") {
                for try await _ in infinite.decode(CalendarDate.self) {}
            }
        }
    }
}
