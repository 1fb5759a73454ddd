public import DossierCore
public import Foundation
public import PostgresNIO

/// A timer the scheduler fired, and the transition its expiry took, if any.
public struct FiredTimer: Sendable, Hashable {
    public var timer: CaseTimer
    public var transitionTaken: String?
    /// Why the expiry transition did not run (the case had moved on, a guard refused).
    public var transitionRefusal: String?
}

extension CaseStore {
    /// Inserts running timers for `definitions`, with due dates from the case type's calendar.
    func startTimers(
        _ definitions: [TimerDefinition], for value: Case, calendar: WorkingDayCalendar, at date: Date,
        on connection: PostgresConnection
    ) async throws -> [CaseTimer] {
        let calculator = DeadlineCalculator(calendar: calendar)
        var started: [CaseTimer] = []
        for definition in definitions {
            let deadline = calculator.deadline(from: date, duration: definition.duration, counting: definition.counting)
            started.append(try await CaseTimers.insert(
                definition, dueAt: deadline.dueAt, legalBasis: nil, caseID: value.id, at: date, on: connection, logger: logger))
        }
        if !started.isEmpty { try await CaseTimers.notifySchedulers(on: connection, logger: logger) }
        return started
    }

    /// Cancels the case's running timers with these names; returns the names cancelled.
    func cancelTimers(
        named names: [String], caseID: UUID, at date: Date, on connection: PostgresConnection
    ) async throws -> [String] {
        try await CaseTimers.cancel(named: names, caseID: caseID, at: date, on: connection, logger: logger)
    }

    /// The case's timers, running ones first by due date.
    public func timers(caseID: UUID) async throws -> [CaseTimer] {
        let rows = try await client.query(
            """
            SELECT \(unescaped: Self.timerColumns) FROM case_timers WHERE case_id = \(caseID)
            ORDER BY (fired_at IS NULL AND cancelled_at IS NULL) DESC, due_at, name
            """, logger: logger)
        var timers: [CaseTimer] = []
        for try await row in rows.decode(TimerRow.self) { timers.append(try Self.timer(from: row)) }
        return timers
    }

    /// Fires timers due at `now`, one transaction each, until none is left or `limit` fired.
    ///
    /// Each timer and its case are claimed together with `FOR UPDATE SKIP LOCKED`, so any
    /// number of schedulers on one database fire each timer exactly once, and a case busy in
    /// a transition is simply picked up on the next pass. Firing appends a `timer_fired`
    /// event, runs `timerFired` hooks, and takes the expiry transition as the system when
    /// the timer names one.
    public func fireDueTimers(now: Date? = nil, limit: Int = 100) async throws -> [FiredTimer] {
        let now = now ?? clock.now()
        var fired: [FiredTimer] = []
        while fired.count < limit, let next = try await fireNextDueTimer(now: now) {
            fired.append(next)
        }
        return fired
    }

    func fireNextDueTimer(now: Date) async throws -> FiredTimer? {
        try await client.transaction(logger: logger) { connection in
            let claimed = try await connection.query(
                """
                SELECT \(unescaped: Self.timerColumns.split(separator: ",").map { "t." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))
                FROM case_timers t JOIN cases c ON c.id = t.case_id
                WHERE t.fired_at IS NULL AND t.cancelled_at IS NULL AND t.due_at <= \(now)
                ORDER BY t.due_at
                LIMIT 1
                FOR UPDATE OF t, c SKIP LOCKED
                """, logger: logger)
            var timer: CaseTimer?
            for try await row in claimed.decode(TimerRow.self) { timer = try Self.timer(from: row) }
            guard var timer else { return nil }

            var locked = try await lockCase(timer.caseID, on: connection)
            // Each fire is dated when it happens (never before the instant asked about).
            let firedAt = max(now, clock.now())
            try await connection.query(
                "UPDATE case_timers SET fired_at = \(firedAt) WHERE id = \(timer.id)", logger: logger)
            timer.firedAt = firedAt
            try await appendEvent(
                .timerFired,
                payload: [
                    "timer": .string(timer.name), "due_at": .string(timer.dueAt.formatted(.iso8601)),
                    "legal_basis": .string(timer.legalBasis), "obligation": .string(timer.obligation.rawValue),
                ],
                actor: Actor.system.id, at: firedAt, to: &locked, on: connection)
            try await saveCase(&locked, on: connection)
            // Module code (hooks, the expiry transition) runs under a savepoint: whatever it
            // throws is recorded on the fired timer, and the timer is still marked fired, so one
            // failing module never stalls every timer behind it.
            var result = FiredTimer(timer: timer)
            let beforeExpiry = locked
            do {
                try await connection.query("SAVEPOINT timer_expiry", logger: logger)
                try await runHooks(
                    .timerFired(.init(case: locked.value, timerName: timer.name, now: firedAt)),
                    locked: &locked, on: connection)
                if case .takeTransition(let name) = timer.expiry {
                    _ = try await applyTransition(name, inputs: [:], actor: .system, at: firedAt, to: &locked, on: connection)
                    result.transitionTaken = name
                    // The expiry has been acted on: the timer is not left overdue.
                    try await connection.query(
                        "UPDATE case_timers SET settled_at = \(firedAt) WHERE id = \(timer.id) AND settled_at IS NULL",
                        logger: logger)
                }
                try await connection.query("RELEASE SAVEPOINT timer_expiry", logger: logger)
            } catch {
                try await connection.query("ROLLBACK TO SAVEPOINT timer_expiry", logger: logger)
                locked = beforeExpiry   // as the database is again
                result.transitionTaken = nil
                result.transitionRefusal = (error as? DossierError)?.message ?? "a module failed: \(error)"
                logger.notice(
                    "timer expiry refused or failed",
                    metadata: ["case": "\(locked.value.reference)", "timer": "\(timer.name)", "reason": "\(result.transitionRefusal ?? "")"])
            }
            return result
        }
    }

    /// The expiry comes as jsonb's text: most timers only raise an event, which is read
    /// without a JSON decoder (deadline lists read hundreds of timers a page).
    static let timerColumns =
        "id, case_id, name, due_at, legal_basis, obligation, expiry::text, started_at, fired_at, cancelled_at"

    typealias TimerRow = (UUID, UUID, String, Date, String, String, String, Date, Date?, Date?)

    static func timer(from row: TimerRow) throws -> CaseTimer {
        let (id, caseID, name, dueAt, legalBasis, obligation, expiry, startedAt, firedAt, cancelledAt) = row
        return CaseTimer(
            id: id, caseID: caseID, name: name, dueAt: dueAt, legalBasis: legalBasis,
            obligation: try TimerObligation.parse(obligation, field: "obligation"),
            expiry: try Self.expiry(jsonb: expiry), startedAt: startedAt, firedAt: firedAt,
            cancelledAt: cancelledAt)
    }

    /// A timer's expiry from jsonb's text form.
    static func expiry(jsonb text: String) throws -> TimerExpiry {
        if text == #"{"raiseEvent": {}}"# { return .raiseEvent }
        return try JSONDecoder().decode(TimerExpiry.self, from: Data(text.utf8))
    }

    static func timerJSON(_ timer: CaseTimer) -> JSONValue {
        [
            "name": .string(timer.name), "due_at": .string(timer.dueAt.formatted(.iso8601)),
            "legal_basis": .string(timer.legalBasis), "obligation": .string(timer.obligation.rawValue),
        ]
    }
}

extension FiredTimer {
    init(timer: CaseTimer) {
        self.init(timer: timer, transitionTaken: nil, transitionRefusal: nil)
    }
}

/// Timers a module starts itself, from a hook, when the due date comes from data (an
/// agency's review policy, a treaty's period) rather than from the workflow's definition.
public enum CaseTimers {
    /// Starts the workflow timer `definition` on the case, due at `dueAt`, replacing a
    /// running timer of the same name. Runs on the hook's connection, inside the core's
    /// transaction.
    /// - Parameter legalBasis: overrides the definition's legal basis when given.
    @discardableResult
    /// - Parameter now: when the timer starts: the hook event's ``HookEvent/now``.
    public static func start(
        _ definition: TimerDefinition, dueAt: Date, legalBasis: String? = nil, caseID: UUID, at now: Date,
        on connection: PostgresConnection, logger: Logger
    ) async throws -> CaseTimer {
        _ = try await cancel(named: [definition.name], caseID: caseID, at: now, on: connection, logger: logger)
        let timer = try await insert(
            definition, dueAt: dueAt, legalBasis: legalBasis, caseID: caseID, at: now, on: connection, logger: logger)
        try await notifySchedulers(on: connection, logger: logger)
        return timer
    }

    /// Cancels the case's running timers with these names, and settles its overdue ones of
    /// the same names (what would have stopped them running has now happened); returns the
    /// names cancelled.
    @discardableResult
    public static func cancel(
        named names: [String], caseID: UUID, at date: Date, on connection: PostgresConnection, logger: Logger
    ) async throws -> [String] {
        guard !names.isEmpty else { return [] }
        let rows = try await connection.query(
            """
            WITH settled AS (
                UPDATE case_timers SET settled_at = greatest(\(date), fired_at)
                WHERE case_id = \(caseID) AND name = ANY(\(names)) AND fired_at IS NOT NULL AND settled_at IS NULL
            )
            UPDATE case_timers SET cancelled_at = \(date)
            WHERE case_id = \(caseID) AND name = ANY(\(names)) AND fired_at IS NULL AND cancelled_at IS NULL
            RETURNING name
            """, logger: logger)
        var cancelled: [String] = []
        for try await name in rows.decode(String.self) { cancelled.append(name) }
        return cancelled
    }

    /// Settles every overdue timer of the case: it has closed.
    public static func settleAll(caseID: UUID, at date: Date, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            UPDATE case_timers SET settled_at = greatest(\(date), fired_at)
            WHERE case_id = \(caseID) AND fired_at IS NOT NULL AND settled_at IS NULL
            """, logger: logger)
    }

    static func insert(
        _ definition: TimerDefinition, dueAt: Date, legalBasis: String?, caseID: UUID, at date: Date,
        on connection: PostgresConnection, logger: Logger
    ) async throws -> CaseTimer {
        let timer = CaseTimer(
            id: UUID.v7(at: date), caseID: caseID, name: definition.name, dueAt: dueAt,
            legalBasis: legalBasis ?? definition.legalBasis, obligation: definition.obligation, expiry: definition.expiry,
            startedAt: date, firedAt: nil, cancelledAt: nil)
        try await connection.query(
            """
            INSERT INTO case_timers (id, case_id, name, due_at, legal_basis, obligation, expiry, started_at)
            VALUES (\(timer.id), \(timer.caseID), \(timer.name), \(timer.dueAt), \(timer.legalBasis),
                    \(timer.obligation.rawValue), \(try JSONValue(encoding: timer.expiry)), \(timer.startedAt))
            """, logger: logger)
        return timer
    }

    /// Wakes schedulers listening on `dossier_timers` (delivered at commit).
    static func notifySchedulers(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SELECT pg_notify('dossier_timers', '')", logger: logger)
    }
}
