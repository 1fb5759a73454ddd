import DossierCore
import DossierPostgres
import Foundation
import Logging
import PostgresNIO

/// Keeps a case's legal deadlines: starts the instrument's timers when a step starts
/// them, marks them met, superseded or closed, and mirrors each running deadline as a core
/// timer so the scheduler fires it. Works on the hook's connection, inside the core's
/// transaction.
struct DeadlineKeeper {
    let caseID: UUID
    let connection: PostgresConnection
    let logger: Logger

    /// Ends the case's open deadlines for `timers`, with `status`.
    func end(
        _ timers: [ExtraditionTimer], status: String, at date: Date, by transition: String, reason: String = ""
    ) async throws {
        guard !timers.isEmpty else { return }
        let names = timers.map(\.rawValue)
        try await CaseTimers.cancel(named: names, caseID: caseID, at: date, on: connection, logger: logger)
        try await connection.query(
            """
            UPDATE extradition_deadlines SET status = \(status), ended_at = \(date), ended_by = \(transition),
                reason = CASE WHEN \(reason) = '' THEN reason ELSE \(reason) END
            WHERE case_id = \(caseID) AND timer = ANY(\(names)) AND status IN ('running', 'expired')
            """, logger: logger)
    }

    /// Closes every open deadline of a case that has ended (the core has already stopped
    /// its timers).
    func closeAll(at date: Date, by transition: String) async throws {
        try await connection.query(
            """
            UPDATE extradition_deadlines SET status = 'closed', ended_at = \(date), ended_by = \(transition)
            WHERE case_id = \(caseID) AND status IN ('running', 'expired')
            """, logger: logger)
    }

    /// Starts `rule` as a deadline running from `runsFrom`, replacing an open one of the
    /// same timer, and starts its core timer.
    func start(
        _ rule: InstrumentTimer, instrument: String, runsFrom: Date, calendar: HolidayCalendars.Loaded,
        by transition: String, reason: String, at now: Date
    ) async throws {
        try await end([rule.timer], status: "superseded", at: now, by: transition, reason: reason)
        let deadline = DeadlineCalculator(calendar: calendar.calendar)
            .deadline(from: runsFrom, duration: rule.duration, counting: rule.counting)
        try await connection.query(
            """
            INSERT INTO extradition_deadlines (id, case_id, timer, instrument_id, value, unit, counting, legal_basis,
                obligation, calendar, started_by, runs_from, last_day, due_at, status, reason)
            VALUES (\(UUID.v7(at: now)), \(caseID), \(rule.timer.rawValue), \(instrument), \(rule.duration.value),
                    \(rule.duration.unit.rawValue), \(rule.counting.rawValue), \(rule.legalBasis),
                    \(rule.obligation.rawValue), \(calendar.description), \(transition), \(runsFrom),
                    \(deadline.lastDay), \(deadline.dueAt), 'running', \(reason))
            """, logger: logger)
        var definition = rule.timer.definition
        definition.obligation = rule.obligation
        try await CaseTimers.start(
            definition, dueAt: deadline.dueAt, legalBasis: rule.legalBasis, caseID: caseID, at: now,
            on: connection, logger: logger)
    }

    /// Marks the running deadline of a fired timer expired, and opens a release task when
    /// its rule says the person must be released.
    func expire(_ timer: ExtraditionTimer, at date: Date) async throws {
        let rows = try await connection.query(
            """
            UPDATE extradition_deadlines SET status = 'expired'
            WHERE case_id = \(caseID) AND timer = \(timer.rawValue) AND status = 'running'
            RETURNING id, obligation, legal_basis
            """, logger: logger)
        for try await (deadlineID, obligation, legalBasis) in rows.decode((UUID, String, String).self)
        where obligation == TimerObligation.must.rawValue {
            try await connection.query(
                """
                INSERT INTO extradition_release_tasks (id, case_id, deadline_id, legal_basis, opened_at)
                VALUES (\(UUID.v7(at: date)), \(caseID), \(deadlineID), \(legalBasis), \(date))
                """, logger: logger)
        }
    }

    /// Resolves the case's open release tasks.
    func resolveReleaseTasks(as resolution: ReleaseResolution, note: String, by actor: String, at date: Date) async throws {
        try await connection.query(
            """
            UPDATE extradition_release_tasks SET resolved_at = \(date), resolved_by = \(actor),
                resolution = \(resolution.rawValue), note = \(note)
            WHERE case_id = \(caseID) AND resolved_at IS NULL
            """, logger: logger)
    }
}
