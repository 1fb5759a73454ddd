public import DossierCore
import DossierPostgres
public import Foundation
import PostgresNIO

extension ExtraditionStore {
    static let deadlineColumns = """
        d.id, d.case_id, d.timer, d.instrument_id, d.value, d.unit, d.counting, d.legal_basis, d.obligation, d.calendar,
        d.started_by, d.runs_from, d.last_day, d.due_at, d.status, d.ended_at, d.ended_by, d.reason
        """

    typealias DeadlineRow = (
        UUID, UUID, String, String, Int, String, String, String, String, String, String, Date, CalendarDate?, Date, String,
        Date?, String?, String
    )

    static func deadline(from row: DeadlineRow) throws -> LegalDeadline {
        let (id, caseID, timer, instrument, value, unit, counting, legalBasis, obligation, calendar, startedBy, runsFrom,
             lastDay, dueAt, status, endedAt, endedBy, reason) = row
        return LegalDeadline(
            id: id, caseID: caseID, timer: try ExtraditionTimer.parse(timer, field: "timer"), instrument: instrument,
            duration: DeadlineDuration(value, try DeadlineDuration.Unit.parse(unit, field: "unit")),
            counting: try CountingRule.parse(counting, field: "counting"), legalBasis: legalBasis,
            obligation: try TimerObligation.parse(obligation, field: "obligation"), calendar: calendar,
            startedBy: startedBy, runsFrom: runsFrom, lastDay: lastDay,
            dueAt: dueAt, status: try LegalDeadline.Status.parse(status, field: "status"), endedAt: endedAt,
            endedBy: endedBy, reason: reason)
    }

    /// Every deadline of the case: open ones first by due date, then the ended ones, newest first.
    public func deadlines(caseID: UUID) async throws -> [LegalDeadline] {
        let rows = try await client.query(
            """
            SELECT \(unescaped: Self.deadlineColumns) FROM extradition_deadlines d WHERE d.case_id = \(caseID)
            ORDER BY d.status IN ('running', 'expired') DESC,
                     CASE WHEN d.status IN ('running', 'expired') THEN d.due_at END, d.id DESC
            """, logger: logger)
        var deadlines: [LegalDeadline] = []
        for try await row in rows.decode(DeadlineRow.self) { deadlines.append(try Self.deadline(from: row)) }
        return deadlines
    }

    /// The deadline board: open deadlines of open extraditions `actor` may see, the nearest
    /// first, so overdue ones lead. Visibility is applied in the query, so however many
    /// deadlines of other agencies come first, the page holds the user's nearest ones.
    public func board(visibleTo actor: Actor, limit: Int = 100) async throws -> [BoardEntry] {
        try Self.checkLimit(limit)
        let rows = try await client.query(
            """
            SELECT \(unescaped: Self.deadlineColumns), c.reference, c.title, c.state, e.requesting_state, e.requested_state,
                   e.custody,
                   EXISTS (SELECT 1 FROM extradition_release_tasks r WHERE r.case_id = d.case_id AND r.resolved_at IS NULL)
            FROM extradition_deadlines d
            JOIN extraditions e ON e.case_id = d.case_id
            JOIN cases c ON c.id = d.case_id
            WHERE d.status IN ('running', 'expired') AND NOT e.closed AND \(casesVisibleTo: actor)
            ORDER BY d.due_at, d.id
            LIMIT \(limit)
            """, logger: logger)
        var entries: [BoardEntry] = []
        for try await row in rows.decode(
            (UUID, UUID, String, String, Int, String, String, String, String, String, String, Date, CalendarDate?, Date, String,
             Date?, String?, String, String, String, String, String, String, String, Bool).self)
        {
            let deadline = try Self.deadline(from: (
                row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8, row.9, row.10, row.11, row.12, row.13,
                row.14, row.15, row.16, row.17))
            entries.append(BoardEntry(
                caseID: deadline.caseID, reference: row.18, title: row.19, state: row.20, requestingState: row.21,
                requestedState: row.22, custody: try CustodyStatus.parse(row.23, field: "custody"), deadline: deadline,
                releaseTaskOpen: row.24))
        }
        return entries
    }

    /// The whole deadline board, for the local operator of the command line, who has the
    /// database itself.
    public func boardForOperator(limit: Int = 100) async throws -> [BoardEntry] {
        try await board(visibleTo: .system, limit: limit)
    }

    /// The case's steps, in the order they were recorded.
    public func steps(caseID: UUID) async throws -> [ExtraditionStep] {
        let rows = try await client.query(
            """
            SELECT transition, from_state, to_state, occurred_at, recorded_at, actor, note
            FROM extradition_steps WHERE case_id = \(caseID) ORDER BY recorded_at, id
            """, logger: logger)
        var steps: [ExtraditionStep] = []
        for try await (transition, from, to, occurredAt, recordedAt, actor, note)
            in rows.decode((String, String, String, Date, Date, String, String).self)
        {
            steps.append(ExtraditionStep(
                transition: transition, fromState: from, toState: to, occurredAt: occurredAt, recordedAt: recordedAt,
                actor: actor, note: note))
        }
        return steps
    }
}
