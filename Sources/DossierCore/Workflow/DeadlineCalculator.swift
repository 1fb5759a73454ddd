public import Foundation

/// Computes when a legal period ends.
///
/// Periods in hours end exactly that many hours after the event. Periods in days or months
/// end at the end of the last day, in the calendar's time zone: the `dueAt` instant is the
/// first moment of the following day, so a deadline is met by anything strictly before it.
///
/// ```swift
/// let calculator = DeadlineCalculator(calendar: .weekendsOnly)
/// let due = calculator.deadline(from: arrest, duration: .days(18), counting: .dayAfterEvent)
/// ```
public struct DeadlineCalculator: Sendable {
    public struct Deadline: Sendable, Hashable {
        /// The last day of the period, for day and month units.
        public var lastDay: CalendarDate?
        /// The instant the period has run out.
        public var dueAt: Date
    }

    public var calendar: WorkingDayCalendar

    public init(calendar: WorkingDayCalendar = .weekendsOnly) { self.calendar = calendar }

    public func deadline(from start: Date, duration: DeadlineDuration, counting: CountingRule) -> Deadline {
        if duration.unit == .hours {
            return Deadline(lastDay: nil, dueAt: start.addingTimeInterval(Double(duration.value) * 3600))
        }
        let lastDay = lastDay(from: CalendarDate(start, in: calendar.timeZone), duration: duration, counting: counting)
        return Deadline(lastDay: lastDay, dueAt: lastDay.adding(days: 1).start(in: calendar.timeZone))
    }

    /// The last day of a period of days or months that starts with an event on `eventDay`.
    public func lastDay(from eventDay: CalendarDate, duration: DeadlineDuration, counting: CountingRule) -> CalendarDate {
        let offset = counting == .startingWithTheDay ? -1 : 0
        switch duration.unit {
        case .hours, .calendarDays:
            return eventDay.adding(days: max(duration.value + offset, 0))
        case .calendarMonths:
            // Months end on the corresponding day, or the month's last day where it has none
            // (the corresponding date rule, Dodds v Walker [1981]). "Beginning with" the day
            // ends the day before the corresponding day: six months beginning with 1 March
            // end on 31 August; beginning with 31 August, on 28 February (no 31 February).
            let corresponding = eventDay.adding(months: duration.value)
            guard counting == .startingWithTheDay, corresponding.components.day == eventDay.components.day else {
                return corresponding
            }
            return corresponding.adding(days: -1)
        case .workingDays:
            guard duration.value > 0 else { return eventDay }
            var day = eventDay
            var counted = 0
            if counting == .startingWithTheDay, calendar.isWorkingDay(day) {
                counted = 1
            }
            while counted < duration.value {
                day = day.adding(days: 1)
                if calendar.isWorkingDay(day) { counted += 1 }
            }
            return day
        }
    }

    /// The first day of a period of `duration` that ends with `lastDay` (counting
    /// `lastDay` itself): "the 30 days ending with" a day start 29 days before it.
    public func firstDay(ofPeriodEndingWith lastDay: CalendarDate, duration: DeadlineDuration) -> CalendarDate {
        switch duration.unit {
        case .hours, .calendarDays:
            return lastDay.adding(days: -max(duration.value - 1, 0))
        case .calendarMonths:
            return lastDay.adding(days: 1).adding(months: -duration.value)
        case .workingDays:
            var day = lastDay
            var counted = calendar.isWorkingDay(day) ? 1 : 0
            while counted < duration.value {
                day = day.adding(days: -1)
                if calendar.isWorkingDay(day) { counted += 1 }
            }
            return day
        }
    }
}
