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
    /// Who ran the step, for the release tasks it resolves.
    let actor: String
    let connection: PostgresConnection
    let logger: Logger

    /// Ends the case's open deadlines for `timers`, with `status`, and closes the release
    /// tasks they opened: a deadline met late, replaced or postponed no longer asks for the
    /// person's release.
    func end(
        _ timers: [ExtraditionTimer], status: LegalDeadline.Status, at date: Date, by transition: String, reason: String = ""
    ) async throws {
        guard !timers.isEmpty else { return }
        let names = timers.map(\.rawValue)
        try await CaseTimers.cancel(named: names, caseID: caseID, at: date, on: connection, logger: logger)
        // A postponed period is replaced when a date is agreed; it is not met or expired.
        let ending = status == .superseded ? ["running", "expired", "postponed"] : ["running", "expired"]
        let resolution: ReleaseResolution = switch status {
        case .met: .deadlineMet
        case .postponed: .deadlinePostponed
        default: .deadlineSuperseded
        }
        try await connection.query(
            """
            WITH ended AS (
                UPDATE extradition_deadlines SET status = \(status.rawValue), ended_at = \(date), ended_by = \(transition),
                    reason = CASE WHEN \(reason) = '' THEN reason ELSE \(reason) END
                WHERE case_id = \(caseID) AND timer = ANY(\(names)) AND status = ANY(\(ending))
                RETURNING id
            )
            UPDATE extradition_release_tasks SET resolved_at = \(date), resolved_by = \(actor),
                resolution = \(resolution.rawValue), note = 'the deadline was ' || \(status.rawValue) || ' by ' || \(transition)
            WHERE case_id = \(caseID) AND resolved_at IS NULL AND deadline_id IN (SELECT id FROM ended)
            """, logger: logger)
    }

    /// Closes every open deadline of a case that has ended (the core has already stopped
    /// its timers).
    func closeAll(at date: Date, by transition: String) async throws {
        try await connection.query(
            """
            UPDATE extradition_deadlines SET status = 'closed', ended_at = \(date), ended_by = \(transition)
            WHERE case_id = \(caseID) AND status IN ('running', 'expired', 'postponed')
            """, logger: logger)
    }

    /// How a deadline's period came to be: the step it counts from (a correction of that
    /// step recomputes it), and the extensions granted to it.
    struct Origin {
        var transition: String
        var step: UUID?
        var reason: String
        var extensions = 0
        /// The extension granted, in the period's unit, already in its duration.
        var extendedBy = 0
    }

    /// Starts `rule` as a deadline running from `runsFrom` in `place`, replacing an open one
    /// of the same timer, and starts its core timer. `rule`'s duration includes any
    /// extension `origin` records. A deadline whose end has already passed (a step entered
    /// late, a correction, an extension entered after its end) is expired at once, with its
    /// release task, whether or not a server's scheduler runs.
    @discardableResult
    func start(
        _ rule: InstrumentTimer, instrument: String, runsFrom: Date, place: Place, origin: Origin, at now: Date
    ) async throws -> DeadlineCalculator.Deadline {
        try await end([rule.timer], status: .superseded, at: now, by: origin.transition, reason: origin.reason)
        let deadline = try await insert(rule, instrument: instrument, runsFrom: runsFrom, place: place, origin: origin, at: now)
        var definition = rule.timer.definition
        definition.obligation = rule.obligation
        try await CaseTimers.start(
            definition, dueAt: deadline.dueAt, legalBasis: rule.legalBasis, caseID: caseID, at: now, on: connection,
            logger: logger)
        if deadline.dueAt <= now { try await expire(rule.timer, at: now) }
        return deadline
    }

    /// Writes the deadline row of `rule` from `runsFrom` in `place`, with `status` (a
    /// recomputed deadline that was met stays met, at `ended`), and no core timer.
    @discardableResult
    func insert(
        _ rule: InstrumentTimer, instrument: String, runsFrom: Date, place: Place, origin: Origin, at now: Date,
        status: LegalDeadline.Status = .running, ended: (at: Date, by: String)? = nil
    ) async throws -> DeadlineCalculator.Deadline {
        let deadline = DeadlineCalculator(calendar: place.calendar)
            .deadline(from: runsFrom, duration: rule.duration, counting: rule.counting)
        try await connection.query(
            """
            INSERT INTO extradition_deadlines (id, case_id, timer, instrument_id, value, unit, counting, legal_basis,
                obligation, calendar, country, time_zone, started_by, runs_from, last_day, due_at, status, ended_at, ended_by,
                reason, extensions, extended_by, step_id)
            VALUES (\(UUID.v7(at: now)), \(caseID), \(rule.timer.rawValue), \(instrument), \(rule.duration.value),
                    \(rule.duration.unit.rawValue), \(rule.counting.rawValue), \(rule.legalBasis), \(rule.obligation.rawValue),
                    \(place.calendarDescription), \(place.country), \(place.timeZone.identifier), \(origin.transition),
                    \(runsFrom), \(deadline.lastDay), \(deadline.dueAt), \(status.rawValue), \(ended?.at), \(ended?.by),
                    \(origin.reason), \(origin.extensions), \(origin.extendedBy), \(origin.step))
            """, logger: logger)
        return deadline
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
