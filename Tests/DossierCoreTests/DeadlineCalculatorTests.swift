import DossierCore
import Foundation
import Testing

@Suite struct DeadlineCalculatorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var eventDay: String
        var duration: DeadlineDuration
        var counting: CountingRule
        var holidays: [String] = []
        var expectedLastDay: String
        var testDescription: String { label }
    }

    /// Hand-computed: 1 March 2026 is a Sunday, 6 March a Friday.
    static let cases: [Case] = [
        .init(label: "calendar days, day after event", eventDay: "2026-03-01", duration: .days(18), counting: .dayAfterEvent, expectedLastDay: "2026-03-19"),
        .init(label: "calendar days, starting with the day", eventDay: "2026-03-01", duration: .days(10), counting: .startingWithTheDay, expectedLastDay: "2026-03-10"),
        .init(label: "31 January + 1 month", eventDay: "2026-01-31", duration: .months(1), counting: .dayAfterEvent, expectedLastDay: "2026-02-28"),
        .init(label: "31 January + 1 month in a leap year", eventDay: "2024-01-31", duration: .months(1), counting: .dayAfterEvent, expectedLastDay: "2024-02-29"),
        .init(label: "29 February + 12 months", eventDay: "2024-02-29", duration: .months(12), counting: .dayAfterEvent, expectedLastDay: "2025-02-28"),
        .init(label: "months across a year end", eventDay: "2026-11-30", duration: .months(2), counting: .dayAfterEvent, expectedLastDay: "2027-01-30"),
        .init(label: "months, starting with the day", eventDay: "2026-03-15", duration: .months(2), counting: .startingWithTheDay, expectedLastDay: "2026-05-14"),
        .init(label: "months beginning with a month's last day end on the corresponding day after the day before", eventDay: "2026-08-31", duration: .months(6), counting: .startingWithTheDay, expectedLastDay: "2027-02-28"),
        .init(label: "months beginning with the 1st end on the last day of the month before", eventDay: "2026-03-01", duration: .months(6), counting: .startingWithTheDay, expectedLastDay: "2026-08-31"),
        .init(label: "working days across a weekend", eventDay: "2026-03-06", duration: .workingDays(3), counting: .dayAfterEvent, expectedLastDay: "2026-03-11"),
        .init(label: "working days across a weekend and a holiday", eventDay: "2026-03-06", duration: .workingDays(3), counting: .dayAfterEvent, holidays: ["2026-03-09"], expectedLastDay: "2026-03-12"),
        .init(label: "working days, starting with a working day", eventDay: "2026-03-06", duration: .workingDays(3), counting: .startingWithTheDay, expectedLastDay: "2026-03-10"),
        .init(label: "working days, starting with a Saturday", eventDay: "2026-03-07", duration: .workingDays(3), counting: .startingWithTheDay, expectedLastDay: "2026-03-11"),
        .init(label: "leap day counted in calendar days", eventDay: "2024-02-20", duration: .days(10), counting: .dayAfterEvent, expectedLastDay: "2024-03-01"),
        .init(label: "no leap day in 2100", eventDay: "2100-02-20", duration: .days(10), counting: .dayAfterEvent, expectedLastDay: "2100-03-02"),
    ]

    @Test(arguments: cases)
    func computesTheLastDayOfAPeriod(_ example: Case) throws {
        let holidays = Set(try example.holidays.map { text throws(DossierError) in try CalendarDate(parsing: text) })
        let calculator = DeadlineCalculator(calendar: WorkingDayCalendar(holidays: holidays))
        let lastDay = calculator.lastDay(
            from: try CalendarDate(parsing: example.eventDay), duration: example.duration, counting: example.counting)
        #expect(lastDay.description == example.expectedLastDay)
    }

    @Test func hoursRunFromTheExactInstant() throws {
        let arrest = try Date("2026-03-01T10:15:00Z", strategy: .iso8601)
        let deadline = DeadlineCalculator().deadline(from: arrest, duration: .hours(48), counting: .dayAfterEvent)
        #expect(deadline.dueAt == (try Date("2026-03-03T10:15:00Z", strategy: .iso8601)))
        #expect(deadline.lastDay == nil)
    }

    @Test func dayPeriodsEndAtMidnightInTheCalendarsTimeZone() throws {
        // 20:00 UTC on 1 March is 01:30 on 2 March in Kolkata (UTC+05:30).
        let event = try Date("2026-03-01T20:00:00Z", strategy: .iso8601)
        let calendar = WorkingDayCalendar(timeZone: TimeZone(identifier: "Asia/Kolkata")!)
        let deadline = DeadlineCalculator(calendar: calendar).deadline(from: event, duration: .days(1), counting: .dayAfterEvent)
        #expect(deadline.lastDay?.description == "2026-03-03")
        #expect(deadline.dueAt == (try Date("2026-03-03T18:30:00Z", strategy: .iso8601)))
    }

    @Test func calendarDatesRoundTripAndKnowTheirWeekday() throws {
        #expect(CalendarDate(daysSinceEpoch: 0).description == "1970-01-01")
        #expect(CalendarDate(daysSinceEpoch: 0).isoWeekday == 4)
        #expect(try CalendarDate(parsing: "2026-03-01").isoWeekday == 7)
        for text in ["1900-02-28", "2000-02-29", "2024-12-31", "1969-12-31"] {
            #expect(try CalendarDate(parsing: text).description == text)
        }
        #expect(throws: DossierError.invalidInput("date '2026-02-29' is not a valid YYYY-MM-DD date")) {
            try CalendarDate(parsing: "2026-02-29")
        }
    }
}
