import DossierCore
public import Foundation

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
    var lastDay: CalendarDate?
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

    package static let headers = ["DUE", "LEFT", "REFERENCE", "STATE", "FROM→TO", "CUSTODY", "TIMER", "MAY/MUST", "LEGAL BASIS"]

    package var row: [String] {
        [
            dueAt.formatted(.iso8601),
            overdue ? "OVERDUE" + (releaseTaskOpen ? " (release task)" : "") : "\(daysLeft)d",
            reference, state, "\(requestingState)→\(requestedState)", custody.rawValue, timer.rawValue,
            obligation.rawValue, String(legalBasis.prefix(70)),
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
