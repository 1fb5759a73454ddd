public import DossierCore
public import Foundation

/// How often an agency reviews its cold cases: data, one row per agency, with a default
/// (agency `*`) of a first review 28 days after the case went cold and then one every 24
/// months (ACPO MIRSAP 2000).
///
/// > Note: a changed policy applies to reviews timed after the change; running
/// > `review_due` timers keep the date they were started with.
public struct ReviewPolicy: Sendable, Hashable, Codable {
    /// The agency the default policy is stored under.
    public static let defaultAgency = "*"
    /// Units a review period may be counted in (hours make no sense for reviews).
    public static let allowedUnits: [DeadlineDuration.Unit] = [.calendarDays, .workingDays, .calendarMonths]

    public var agency: String
    /// From the day the case went cold (or went back to cold from `reopened`).
    public var firstReview: DeadlineDuration
    /// From the day a review keeping the case cold was approved.
    public var interval: DeadlineDuration
    public var legalBasis: String

    public init(agency: String, firstReview: DeadlineDuration, interval: DeadlineDuration, legalBasis: String = "") {
        self.agency = agency
        self.firstReview = firstReview
        self.interval = interval
        self.legalBasis = legalBasis
    }

    public func validate() throws(DossierError) {
        try FreeText.require(agency, field: "agency", max: 200)
        for (field, duration, minimum) in [("firstReview", firstReview, 0), ("interval", interval, 1)] {
            guard Self.allowedUnits.contains(duration.unit) else {
                throw .invalidInput(
                    "\(field).unit '\(duration.unit.rawValue)' is not allowed; use "
                        + Self.allowedUnits.map(\.rawValue).joined(separator: ", "))
            }
            guard (minimum...3650).contains(duration.value) else {
                throw .invalidInput("\(field).value must be between \(minimum) and 3650, not \(duration.value)")
            }
        }
    }

    /// When the first review is due for a case that went cold on `day`: the end of the
    /// period's last day, counted from the day after (GMT).
    public func firstReviewDue(wentColdOn day: CalendarDate) -> Date {
        Self.due(after: day, duration: firstReview)
    }

    /// When the next review is due after one approved at `date`.
    public func nextReviewDue(approvedAt date: Date) -> Date {
        Self.due(after: CalendarDate(date, in: .gmt), duration: interval)
    }

    static func due(after day: CalendarDate, duration: DeadlineDuration) -> Date {
        let calculator = DeadlineCalculator(calendar: .weekendsOnly)
        let lastDay = calculator.lastDay(from: day, duration: duration, counting: .dayAfterEvent)
        return lastDay.adding(days: 1).start(in: .gmt)
    }
}
