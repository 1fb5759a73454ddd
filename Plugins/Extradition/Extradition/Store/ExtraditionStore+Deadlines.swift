public import DossierCore
import DossierPostgres
public import Foundation
import PostgresNIO

extension ExtraditionStore {
    static let deadlineColumns = """
        d.id, d.case_id, d.timer, d.instrument_id, d.value, d.unit, d.counting, d.legal_basis, d.obligation, d.calendar,
        d.country, d.time_zone, d.started_by, d.runs_from, d.last_day, d.due_at, d.status, d.ended_at, d.ended_by, d.reason,
        d.extensions, d.extended_by, d.step_id
        """

    typealias DeadlineRow = (
        UUID, UUID, String, String, Int, String, String, String, String, String, String, String, String, Date,
        CalendarDate?, Date, String, Date?, String?, String, Int, Int, UUID?
    )

    static func deadline(from row: DeadlineRow) throws -> LegalDeadline {
        let (id, caseID, timer, instrument, value, unit, counting, legalBasis, obligation, calendar, country, timeZone,
             startedBy, runsFrom, lastDay, dueAt, status, endedAt, endedBy, reason, extensions, extendedBy, stepID) = row
        let parsedStatus = try LegalDeadline.Status.parse(status, field: "status")
        let lateBy = parsedStatus == .met ? endedAt.flatMap {
            LegalDeadline.lateness(of: $0, dueAt: dueAt, lastDay: lastDay, in: TimeZone(identifier: timeZone) ?? .gmt)
        } : nil
        return LegalDeadline(
            id: id, caseID: caseID, timer: try ExtraditionTimer.parse(timer, field: "timer"), instrument: instrument,
            duration: DeadlineDuration(value, try DeadlineDuration.Unit.parse(unit, field: "unit")),
            counting: try CountingRule.parse(counting, field: "counting"), legalBasis: legalBasis,
            obligation: try TimerObligation.parse(obligation, field: "obligation"), calendar: calendar,
            country: country, timeZone: timeZone, startedBy: startedBy, runsFrom: runsFrom, lastDay: lastDay,
            dueAt: dueAt, status: parsedStatus, endedAt: endedAt, endedBy: endedBy, reason: reason,
            extensions: extensions, extendedBy: extendedBy, stepID: stepID, metLateByDays: lateBy)
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
    /// - Parameter days: when given, leaves out running deadlines due more than this many
    ///   days from now; overdue ones stay, however old.
    public func board(
        visibleTo actor: Actor, limit: Int = 100, withinDays days: Int? = nil, filter: BoardFilter = BoardFilter()
    ) async throws -> [BoardEntry] {
        try Self.checkLimit(limit)
        return try await boardEntries(visibleTo: actor, limit: limit, withinDays: days, filter: filter)
    }

    /// The board's query, with any limit (the calendar feed takes more than a page).
    func boardEntries(visibleTo actor: Actor, limit: Int, withinDays days: Int?, filter: BoardFilter) async throws -> [BoardEntry] {
        if let days, !(0...3650).contains(days) {
            throw DossierError.invalidInput("within must be a whole number of days from 0 to 3650, not \(days)")
        }
        try filter.validate()
        let until = days.map { cases.clock.now().addingTimeInterval(Double($0) * 86_400) }
        let rows = try await client.query(
            """
            SELECT \(unescaped: Self.deadlineColumns), c.reference, c.title, c.state, e.requesting_state, e.requested_state,
                   e.custody,
                   EXISTS (SELECT 1 FROM extradition_release_tasks r
                           WHERE r.case_id = d.case_id AND r.deadline_id = d.id AND r.resolved_at IS NULL),
                   coalesce(z.time_zone, 'UTC'), p.latin_name
            FROM extradition_deadlines d
            JOIN extraditions e ON e.case_id = d.case_id
            JOIN cases c ON c.id = d.case_id
            JOIN persons p ON p.id = e.person_id
            LEFT JOIN extradition_country_zones z ON z.country = e.requesting_state AND z.is_default
            WHERE d.status IN ('running', 'expired') AND NOT e.closed AND \(casesVisibleTo: actor)
              AND (\(until)::timestamptz IS NULL OR d.status = 'expired' OR d.due_at <= \(until))
              AND (\(filter.instrument)::text IS NULL OR d.instrument_id = \(filter.instrument))
              AND (\(filter.requestingState)::text IS NULL OR e.requesting_state = \(filter.requestingState))
              AND (\(filter.requestedState)::text IS NULL OR e.requested_state = \(filter.requestedState))
              AND (\(filter.custody?.rawValue)::text IS NULL OR e.custody = \(filter.custody?.rawValue))
            ORDER BY d.due_at, d.id
            LIMIT \(limit)
            """, logger: logger)
        var entries: [BoardEntry] = []
        for try await row in rows.decode(
            (UUID, UUID, String, String, Int, String, String, String, String, String, String, String, String, Date,
             CalendarDate?, Date, String, Date?, String?, String, Int, Int, UUID?,
             String, String, String, String, String, String, Bool, String, String).self)
        {
            let deadline = try Self.deadline(from: (
                row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8, row.9, row.10, row.11, row.12, row.13,
                row.14, row.15, row.16, row.17, row.18, row.19, row.20, row.21, row.22))
            let (reference, title, state, requestingState, requestedState, custody, releaseTaskOpen, requestingZone) =
                (row.23, row.24, row.25, row.26, row.27, row.28, row.29, row.30)
            entries.append(BoardEntry(
                caseID: deadline.caseID, reference: reference, title: title, state: state, personName: row.31,
                requestingState: requestingState, requestedState: requestedState, requestingTimeZone: requestingZone,
                custody: try CustodyStatus.parse(custody, field: "custody"), deadline: deadline,
                releaseTaskOpen: releaseTaskOpen))
        }
        return entries
    }

    /// The whole deadline board, for the local operator of the command line, who has the
    /// database itself.
    public func boardForOperator(limit: Int = 100, withinDays days: Int? = nil) async throws -> [BoardEntry] {
        try await board(visibleTo: .system, limit: limit, withinDays: days)
    }

    /// The case's steps in the order they happened (the order they were recorded, since a step
    /// dated before the last one is refused), each with its corrections.
    public func steps(caseID: UUID) async throws -> [ExtraditionStep] {
        let rows = try await client.query(
            """
            SELECT id, transition, from_state, to_state, occurred_at, time_zone, recorded_at, actor, note
            FROM extradition_steps WHERE case_id = \(caseID) ORDER BY occurred_at, recorded_at, id
            """, logger: logger)
        var steps: [ExtraditionStep] = []
        for try await (id, transition, from, to, occurredAt, timeZone, recordedAt, actor, note)
            in rows.decode((UUID, String, String, String, Date, String, Date, String, String).self)
        {
            steps.append(ExtraditionStep(
                id: id, transition: transition, fromState: from, toState: to, occurredAt: occurredAt, timeZone: timeZone,
                recordedAt: recordedAt, actor: actor, note: note, corrections: []))
        }
        let index = Dictionary(uniqueKeysWithValues: steps.enumerated().map { ($1.id, $0) })
        let corrections = try await client.query(
            """
            SELECT step_id, old_occurred_at, new_occurred_at, old_time_zone, new_time_zone, reason, corrected_at, corrected_by
            FROM extradition_step_corrections WHERE case_id = \(caseID) ORDER BY corrected_at, id
            """, logger: logger)
        for try await (stepID, oldAt, newAt, oldZone, newZone, reason, correctedAt, correctedBy)
            in corrections.decode((UUID, Date, Date, String, String, String, Date, String).self)
        {
            guard let position = index[stepID] else { continue }
            steps[position].corrections.append(StepCorrection(
                oldOccurredAt: oldAt, newOccurredAt: newAt, oldTimeZone: oldZone, newTimeZone: newZone, reason: reason,
                correctedAt: correctedAt, correctedBy: correctedBy))
        }
        return steps
    }
}
