public import Foundation

/// Which days count as working days in a jurisdiction: not a weekend day, not a listed
/// public holiday. Holiday lists are data a module loads (per country), not code.
public struct WorkingDayCalendar: Sendable, Hashable {
    /// ISO weekdays (1 Monday ... 7 Sunday) that are not working days.
    public var weekendDays: Set<Int>
    public var holidays: Set<CalendarDate>
    /// The time zone deadlines end in (the end of the due day there).
    public var timeZone: TimeZone

    public init(weekendDays: Set<Int> = [6, 7], holidays: Set<CalendarDate> = [], timeZone: TimeZone = .gmt) {
        self.weekendDays = weekendDays
        self.holidays = holidays
        self.timeZone = timeZone
    }

    /// Saturday and Sunday off, no holidays, UTC.
    public static let weekendsOnly = WorkingDayCalendar()

    public func isWorkingDay(_ date: CalendarDate) -> Bool {
        !weekendDays.contains(date.isoWeekday) && !holidays.contains(date)
    }
}
