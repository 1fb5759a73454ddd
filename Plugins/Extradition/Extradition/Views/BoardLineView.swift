import DossierCore
package import Foundation

/// A line of the deadline board with stable JSON field names, as the CLI and the API show it.
package struct BoardLineView: Encodable {
    var caseID: UUID
    var reference: String
    var title: String
    var state: String
    var requestingState: String
    var requestedState: String
    var custody: CustodyStatus
    var timer: ExtraditionTimer
    var dueAt: Date
    /// The last day in the zone of the place the period is counted in (`timeZone`).
    var lastDay: CalendarDate?
    var timeZone: String
    /// The due instant as the clock reads there, and in the requesting state's own zone:
    /// "2026-03-21T00:00:00+01:00".
    var dueLocal: String
    var requestingTimeZone: String
    var dueInRequestingState: String
    /// Whole days until the due instant; negative when overdue.
    var daysLeft: Int
    var overdue: Bool
    var obligation: TimerObligation
    var legalBasis: String
    var releaseTaskOpen: Bool

    init(_ entry: BoardEntry, now: Date) {
        caseID = entry.caseID
        reference = entry.reference
        title = entry.title
        state = entry.state
        requestingState = entry.requestingState
        requestedState = entry.requestedState
        custody = entry.custody
        timer = entry.deadline.timer
        dueAt = entry.deadline.dueAt
        lastDay = entry.deadline.lastDay
        timeZone = entry.deadline.timeZone
        requestingTimeZone = entry.requestingTimeZone
        dueLocal = LocalTime.iso(entry.deadline.dueAt, in: entry.deadline.timeZone)
        dueInRequestingState = LocalTime.iso(entry.deadline.dueAt, in: entry.requestingTimeZone)
        daysLeft = Int((entry.deadline.dueAt.timeIntervalSince(now) / 86_400).rounded(.down))
        overdue = entry.isOverdue(at: now)
        obligation = entry.deadline.obligation
        legalBasis = entry.deadline.legalBasis
        releaseTaskOpen = entry.releaseTaskOpen
    }

    package struct Board: Encodable {
        var generatedAt: Date
        package var overdue: Int
        package var entries: [BoardLineView]

        package init(_ entries: [BoardEntry], now: Date) {
            generatedAt = now
            self.entries = entries.map { BoardLineView($0, now: now) }
            overdue = self.entries.filter(\.overdue).count
        }
    }

    package static let headers = [
        "LAST DAY (LOCAL)", "DUE (UTC)", "REQUESTING STATE'S CLOCK", "LEFT", "REFERENCE", "STATE", "FROM→TO", "CUSTODY",
        "TIMER", "MAY/MUST", "LEGAL BASIS",
    ]

    package var row: [String] {
        [
            lastDay.map { "\($0) \(timeZone)" } ?? LocalTime.describe(dueAt, in: timeZone),
            dueAt.formatted(.iso8601),
            LocalTime.describe(dueAt, in: requestingTimeZone),
            overdue ? "OVERDUE" + (releaseTaskOpen ? " (release task)" : "") : "\(daysLeft)d",
            reference, state, "\(requestingState)→\(requestedState)", custody.rawValue, timer.rawValue,
            obligation.rawValue, legalBasis,
        ]
    }
}

/// A case's deadlines and release tasks, for `deadlines CASE` and its route.
package struct CaseDeadlinesView: Encodable {
    var reference: String
    var state: String
    package var deadlines: [LegalDeadline]
    package var releaseTasks: [ReleaseTask]

    package init(reference: String, state: String, deadlines: [LegalDeadline], releaseTasks: [ReleaseTask]) {
        self.reference = reference
        self.state = state
        self.deadlines = deadlines
        self.releaseTasks = releaseTasks
    }
}
