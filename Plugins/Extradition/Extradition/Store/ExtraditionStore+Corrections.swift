public import DossierCore
import DossierPostgres
public import Foundation
import Logging
import PostgresNIO

extension ExtraditionStore {
    /// Corrects when, and where, a step happened, as a chained `extradition.step_corrected`
    /// event with the old and new values and the reason. The deadlines the step started are
    /// recomputed from the corrected time (the ones they replace are kept, superseded, with
    /// the reason; release tasks follow), and the deadlines it met are met at the corrected
    /// time. The new time must still fall between the steps recorded before and after it.
    /// - Parameters:
    ///   - zone: the IANA zone of the place; nil keeps the step's.
    @discardableResult
    public func correctStep(
        caseID: UUID, step stepID: UUID, occurredAt: Date, zone: String? = nil, reason: String, by actor: Actor
    ) async throws -> [LegalDeadline] {
        try actor.require(oneOf: Roles.lawyers, to: "correcting a step")
        try FreeText.require(reason, field: "reason", max: 2000)
        let now = cases.clock.now()
        guard occurredAt <= now.addingTimeInterval(StepChecks.allowedClockSkew) else {
            throw DossierError.invalidInput("occurred_at \(occurredAt.formatted(.iso8601)) is in the future")
        }
        _ = try await cases.recordModuleEvent(EventKind("extradition.step_corrected"), caseID: caseID, actor: actor) {
            found, connection in
            try Self.requireExtradition(found)
            let attributes = try found.attributes.decode(as: ExtraditionAttributes.self)
            let steps = try await stepTimes(caseID: caseID, on: connection)
            guard let position = steps.firstIndex(where: { $0.id == stepID }) else {
                throw DossierError.notFound("step \(stepID.lowercased) is not a step of \(found.reference)")
            }
            let step = steps[position]
            let country = StepMoment.country(of: step.transition, attributes)
            let place = if let zone {
                try await Places.place(country: country, zone: zone, field: "zone", on: connection, logger: logger)
            } else {
                try await Places.recorded(country: country, zone: step.zone, on: connection, logger: logger)
            }
            guard occurredAt != step.occurredAt || place.timeZone.identifier != step.zone else {
                throw DossierError.invalidInput("nothing to correct: the step already happened at that time and place")
            }
            if position > 0, steps[position - 1].occurredAt > occurredAt {
                let before = steps[position - 1]
                throw DossierError.invalidInput(
                    "occurred_at \(LocalTime.describe(occurredAt, in: place.timeZone)) is before the step recorded before it, "
                        + "\(before.transition) at \(LocalTime.describe(before.occurredAt, in: before.zone))")
            }
            if position + 1 < steps.count, steps[position + 1].occurredAt < occurredAt {
                let after = steps[position + 1]
                throw DossierError.invalidInput(
                    "occurred_at \(LocalTime.describe(occurredAt, in: place.timeZone)) is after the step recorded after it, "
                        + "\(after.transition) at \(LocalTime.describe(after.occurredAt, in: after.zone))")
            }
            try await connection.query(
                """
                UPDATE extradition_steps SET occurred_at = \(occurredAt), time_zone = \(place.timeZone.identifier)
                WHERE id = \(stepID)
                """, logger: logger)
            try await connection.query(
                """
                INSERT INTO extradition_step_corrections (id, case_id, step_id, old_occurred_at, new_occurred_at, old_time_zone,
                    new_time_zone, reason, corrected_at, corrected_by)
                VALUES (\(UUID.v7(at: now)), \(caseID), \(stepID), \(step.occurredAt), \(occurredAt), \(step.zone),
                        \(place.timeZone.identifier), \(reason), \(now), \(actor.id))
                """, logger: logger)
            // The deadlines the step met are met at the corrected time.
            try await connection.query(
                """
                UPDATE extradition_deadlines SET ended_at = \(occurredAt)
                WHERE case_id = \(caseID) AND status = 'met' AND ended_by = \(step.transition) AND ended_at = \(step.occurredAt)
                """, logger: logger)
            var recomputed: [JSONValue] = []
            for deadline in try await deadlinesStarted(by: stepID, on: connection) {
                // A period counted from the step moves with it; one counted from an appointed
                // or agreed date keeps that date, on the corrected place's clock.
                let runsFrom = deadline.runsFrom == step.occurredAt
                    ? occurredAt
                    : CalendarDate(deadline.runsFrom, in: TimeZone(identifier: deadline.timeZone) ?? .gmt).start(in: place.timeZone)
                let next = try await recompute(
                    deadline, runsFrom: runsFrom, place: place, reason: "corrected: \(reason)", at: now, on: connection,
                    actor: actor)
                recomputed.append([
                    "timer": .string(deadline.timer.rawValue), "from_due_at": .string(deadline.dueAt.formatted(.iso8601)),
                    "to_due_at": .string(next.dueAt.formatted(.iso8601)),
                ])
            }
            let payload: JSONValue = [
                "step_id": .string(stepID.lowercased), "transition": .string(step.transition), "reason": .string(reason),
                "old": ["occurred_at": .string(step.occurredAt.formatted(.iso8601)), "zone": .string(step.zone)],
                "new": ["occurred_at": .string(occurredAt.formatted(.iso8601)), "zone": .string(place.timeZone.identifier)],
                "deadlines": .array(recomputed),
            ]
            return (payload: payload, result: true)
        }
        return try await deadlines(caseID: caseID)
    }

    /// Applies the instrument's current rules to a case's open deadlines, as a recorded
    /// decision (`extradition.rules_applied`): an edited instrument changes no running
    /// deadline until a legal officer applies it to the case. Each deadline whose rule
    /// changed is recomputed from the same event and place; the old one is kept, superseded.
    @discardableResult
    public func applyInstrumentRules(caseID: UUID, reason: String, by actor: Actor) async throws -> [LegalDeadline] {
        try actor.require(oneOf: Roles.lawyers, to: "applying an instrument's rules to a case")
        try FreeText.require(reason, field: "reason", max: 2000)
        let now = cases.clock.now()
        _ = try await cases.recordModuleEvent(EventKind("extradition.rules_applied"), caseID: caseID, actor: actor) {
            found, connection in
            try Self.requireExtradition(found)
            let attributes = try found.attributes.decode(as: ExtraditionAttributes.self)
            guard let instrument = try await Instruments.load(attributes.instrument, on: connection, logger: logger) else {
                throw DossierError(.hookRefused, "the case's instrument '\(attributes.instrument)' no longer exists")
            }
            var changed: [JSONValue] = []
            for deadline in try await openDeadlines(caseID: caseID, on: connection) {
                guard let base = instrument.timer(deadline.timer) else { continue }
                let rule = instrument.rule(for: base, requestingState: attributes.requestingState)
                // An extension already granted stays granted, whatever the instrument now says.
                let duration = DeadlineDuration(rule.duration.value + deadline.extendedBy, rule.duration.unit)
                guard duration != deadline.duration || rule.counting != deadline.counting
                    || rule.obligation != deadline.obligation || !deadline.legalBasis.hasPrefix(rule.legalBasis)
                else { continue }
                let place = try await Places.recorded(
                    country: deadline.country, zone: deadline.timeZone, on: connection, logger: logger)
                var current = rule
                current.duration = duration
                let next = try await recompute(
                    deadline, rule: current, runsFrom: deadline.runsFrom, place: place,
                    reason: "\(instrument.id) rules applied: \(reason)", at: now, on: connection, actor: actor)
                changed.append([
                    "timer": .string(deadline.timer.rawValue), "from_due_at": .string(deadline.dueAt.formatted(.iso8601)),
                    "to_due_at": .string(next.dueAt.formatted(.iso8601)), "legal_basis": .string(rule.legalBasis),
                ])
            }
            guard !changed.isEmpty else {
                throw DossierError(.wrongState, "the open deadlines of \(found.reference) already follow \(instrument.name)'s rules")
            }
            let payload: JSONValue = [
                "instrument": .string(instrument.id), "reason": .string(reason), "deadlines": .array(changed),
            ]
            return (payload: payload, result: true)
        }
        return try await deadlines(caseID: caseID)
    }

    /// Replaces `deadline` by one counted from `runsFrom` in `place` by `rule` (the
    /// deadline's own rule when nil): an open one is superseded and a running one started;
    /// a met one stays met, at the same time, and the old row is kept, superseded.
    func recompute(
        _ deadline: LegalDeadline, rule: InstrumentTimer? = nil, runsFrom: Date, place: Place, reason: String, at now: Date,
        on connection: PostgresConnection, actor: Actor
    ) async throws -> DeadlineCalculator.Deadline {
        let keeper = DeadlineKeeper(caseID: deadline.caseID, actor: actor.id, connection: connection, logger: logger)
        let rule = rule ?? InstrumentTimer(
            deadline.timer, deadline.duration, counting: deadline.counting, legalBasis: deadline.legalBasis,
            obligation: deadline.obligation)
        let origin = DeadlineKeeper.Origin(
            transition: deadline.startedBy, step: deadline.stepID, reason: reason, extensions: deadline.extensions,
            extendedBy: deadline.extendedBy)
        if deadline.status == .met, let endedAt = deadline.endedAt {
            // Only this row: another deadline of the timer (after a re-arrest) may be running.
            try await connection.query(
                "UPDATE extradition_deadlines SET status = 'superseded', reason = \(reason) WHERE id = \(deadline.id)",
                logger: logger)
            return try await keeper.insert(
                rule, instrument: deadline.instrument, runsFrom: runsFrom, place: place, origin: origin, at: now,
                status: .met, ended: (endedAt, deadline.endedBy ?? "correction"))
        }
        return try await keeper.start(
            rule, instrument: deadline.instrument, runsFrom: runsFrom, place: place, origin: origin, at: now)
    }

    /// The case's steps in the order they happened (steps are refused out of order, so it
    /// is the order they were recorded too): id, transition, effective time, zone.
    func stepTimes(
        caseID: UUID, on connection: PostgresConnection
    ) async throws -> [(id: UUID, transition: String, occurredAt: Date, zone: String)] {
        let rows = try await connection.query(
            """
            SELECT id, transition, occurred_at, time_zone FROM extradition_steps WHERE case_id = \(caseID)
            ORDER BY occurred_at, recorded_at, id
            """, logger: logger)
        var steps: [(id: UUID, transition: String, occurredAt: Date, zone: String)] = []
        for try await (id, transition, occurredAt, zone) in rows.decode((UUID, String, Date, String).self) {
            steps.append((id, transition, occurredAt, zone))
        }
        return steps
    }

    /// The latest deadline of each timer a step started that is still open or was met.
    private func deadlinesStarted(by stepID: UUID, on connection: PostgresConnection) async throws -> [LegalDeadline] {
        let rows = try await connection.query(
            """
            SELECT \(unescaped: Self.deadlineColumns) FROM extradition_deadlines d
            WHERE d.step_id = \(stepID) AND d.status IN ('running', 'expired', 'met') ORDER BY d.timer, d.id
            """, logger: logger)
        var deadlines: [LegalDeadline] = []
        for try await row in rows.decode(DeadlineRow.self) { deadlines.append(try Self.deadline(from: row)) }
        return deadlines
    }

    /// The timers whose period a postponement stopped (no new date agreed yet).
    func postponedTimers(caseID: UUID, on connection: PostgresConnection) async throws -> Set<ExtraditionTimer> {
        let rows = try await connection.query(
            "SELECT DISTINCT timer FROM extradition_deadlines WHERE case_id = \(caseID) AND status = 'postponed'",
            logger: logger)
        var timers: Set<ExtraditionTimer> = []
        for try await timer in rows.decode(String.self) { timers.insert(try ExtraditionTimer.parse(timer, field: "timer")) }
        return timers
    }

    func openDeadlines(caseID: UUID, on connection: PostgresConnection) async throws -> [LegalDeadline] {
        let rows = try await connection.query(
            """
            SELECT \(unescaped: Self.deadlineColumns) FROM extradition_deadlines d
            WHERE d.case_id = \(caseID) AND d.status IN ('running', 'expired') ORDER BY d.timer, d.id
            """, logger: logger)
        var deadlines: [LegalDeadline] = []
        for try await row in rows.decode(DeadlineRow.self) { deadlines.append(try Self.deadline(from: row)) }
        return deadlines
    }
}

extension ExtraditionStore {
    /// Corrects the instrument a case proceeds under, recorded wrongly when it opened, as a
    /// chained `extradition.instrument_corrected` event with the old and new instrument and
    /// the reason. Each open deadline is recomputed by the new instrument's rule from the
    /// same event and place, or ends, superseded, where the new instrument has no such
    /// timer; a timer only the new instrument has starts from the latest step that starts
    /// it, unless a later step met it. The replaced deadlines are kept with the reason.
    @discardableResult
    public func correctInstrument(
        caseID: UUID, to instrumentID: String, reason: String, by actor: Actor
    ) async throws -> [LegalDeadline] {
        try actor.require(oneOf: Roles.lawyers, to: "correcting a case's instrument")
        try FreeText.require(reason, field: "reason", max: 2000)
        let now = cases.clock.now()
        _ = try await cases.recordModuleEvent(
            EventKind("extradition.instrument_corrected"), correctingAttributesOf: caseID, actor: actor
        ) { found, connection in
            try Self.requireExtradition(found)
            guard found.closedAt == nil else {
                throw DossierError(.wrongState, "\(found.reference) is closed; its deadlines no longer run")
            }
            var attributes = try found.attributes.decode(as: ExtraditionAttributes.self)
            guard attributes.instrument != instrumentID else {
                throw DossierError.invalidInput("\(found.reference) already proceeds under '\(instrumentID)'")
            }
            guard let instrument = try await Instruments.load(instrumentID, on: connection, logger: logger) else {
                let known = try await Instruments.all(on: connection, logger: logger).map(\.id)
                throw DossierError.invalidInput(
                    "instrument '\(instrumentID)' is not a known instrument; use \(known.joined(separator: ", "))")
            }
            let old = attributes.instrument
            attributes.instrument = instrumentID
            try await connection.query(
                "UPDATE extraditions SET instrument_id = \(instrumentID) WHERE case_id = \(caseID)", logger: logger)
            let because = "instrument corrected from \(old) to \(instrumentID): \(reason)"
            let keeper = DeadlineKeeper(caseID: caseID, actor: actor.id, connection: connection, logger: logger)
            var changed: [JSONValue] = []
            let open = try await openDeadlines(caseID: caseID, on: connection)
            let postponed = try await postponedTimers(caseID: caseID, on: connection)
            for deadline in open {
                guard let base = instrument.timer(deadline.timer) else {
                    try await keeper.end([deadline.timer], status: .superseded, at: now, by: "correct_instrument", reason: because)
                    changed.append(["timer": .string(deadline.timer.rawValue), "ended": true])
                    continue
                }
                var rule = instrument.rule(for: base, requestingState: attributes.requestingState)
                // An extension granted under the old instrument stands only where the new one allows one.
                let keepsExtension = deadline.extendedBy > 0 && instrument.allowedExtension(of: deadline.timer) != nil
                if keepsExtension {
                    rule.duration = DeadlineDuration(rule.duration.value + deadline.extendedBy, rule.duration.unit)
                }
                let place = try await Places.recorded(
                    country: deadline.country, zone: deadline.timeZone, on: connection, logger: logger)
                var carried = deadline
                carried.extensions = keepsExtension ? deadline.extensions : 0
                carried.extendedBy = keepsExtension ? deadline.extendedBy : 0
                carried.instrument = instrumentID
                let next = try await recompute(
                    carried, rule: rule, runsFrom: deadline.runsFrom, place: place, reason: because, at: now, on: connection,
                    actor: actor)
                changed.append([
                    "timer": .string(deadline.timer.rawValue), "from_due_at": .string(deadline.dueAt.formatted(.iso8601)),
                    "to_due_at": .string(next.dueAt.formatted(.iso8601)),
                ])
            }
            // Timers only the new instrument has, for steps already taken.
            let steps = try await stepTimes(caseID: caseID, on: connection)
            // A postponed period waits for its agreed date under any instrument.
            let running = Set(open.map(\.timer)).union(postponed)
            for base in instrument.timers where !running.contains(base.timer) {
                guard let start = steps.last(where: { base.startedBy.contains($0.transition) }),
                    !steps.contains(where: { $0.occurredAt >= start.occurredAt && $0.id != start.id
                        && (base.timer.metBy.union(base.timer.supersededBy)).contains($0.transition) })
                else { continue }
                let rule = instrument.rule(for: base, requestingState: attributes.requestingState)
                let place = try await Places.recorded(
                    country: StepMoment.country(of: start.transition, attributes), zone: start.zone, on: connection,
                    logger: logger)
                let next = try await keeper.start(
                    rule, instrument: instrumentID, runsFrom: start.occurredAt, place: place,
                    origin: .init(transition: start.transition, step: start.id, reason: because), at: now)
                changed.append(["timer": .string(base.timer.rawValue), "to_due_at": .string(next.dueAt.formatted(.iso8601))])
            }
            let payload: JSONValue = [
                "old": .string(old), "new": .string(instrumentID), "reason": .string(reason), "deadlines": .array(changed),
            ]
            return (attributes: try JSONValue(encoding: attributes), payload: payload, result: ())
        }
        return try await deadlines(caseID: caseID)
    }
}
