public import DossierCore
import DossierPostgres
public import Foundation
import PostgresNIO

extension ExtraditionStore {
    /// Records an extension granted to a deadline (EAW Art. 17(4)'s 30 days, UK s.6's 48
    /// hours), as a chained event on the case: the deadline is superseded by one counted
    /// from the same event, in the same place, for the period plus the instrument's
    /// extension. An extension granted in time may be recorded after the first period ran
    /// out; its release task then closes.
    /// - Parameter grantedAt: when the court or authority granted it (default: now).
    @discardableResult
    public func extendDeadline(
        caseID: UUID, timer: ExtraditionTimer, grantedAt: Date? = nil, reason: String, by actor: Actor
    ) async throws -> LegalDeadline {
        try actor.require(oneOf: Roles.lawyers, to: "extending a legal deadline")
        try FreeText.require(reason, field: "reason", max: 2000)
        let now = cases.clock.now()
        let granted = grantedAt ?? now
        guard granted <= now.addingTimeInterval(StepChecks.allowedClockSkew) else {
            throw DossierError.invalidInput("granted_at \(granted.formatted(.iso8601)) is in the future")
        }
        let (extended, _) = try await cases.recordModuleEvent(
            EventKind("extradition.deadline_extended"), caseID: caseID, actor: actor
        ) { found, connection in
            try Self.requireExtradition(found)
            let attributes = try found.attributes.decode(as: ExtraditionAttributes.self)
            guard let instrument = try await Instruments.load(attributes.instrument, on: connection, logger: logger) else {
                throw DossierError(.hookRefused, "the case's instrument '\(attributes.instrument)' no longer exists")
            }
            guard let allowed = instrument.allowedExtension(of: timer) else {
                let timers = instrument.extensions.map(\.timer.rawValue)
                throw DossierError(
                    .guardRefused,
                    "\(instrument.name) allows no extension of the \(timer.rawValue) deadline"
                        + (timers.isEmpty ? "" : "; it allows extending \(timers.joined(separator: ", "))"))
            }
            let current = try await openDeadline(timer, caseID: caseID, on: connection)
            guard let current else {
                throw DossierError(.wrongState, "\(found.reference) has no \(timer.rawValue) deadline running to extend")
            }
            guard current.extensions == 0 else {
                throw DossierError(
                    .wrongState, "the \(timer.rawValue) deadline of \(found.reference) was extended already (\(allowed.legalBasis))")
            }
            guard granted >= current.runsFrom, granted < current.dueAt else {
                throw DossierError.invalidInput(
                    "granted_at \(granted.formatted(.iso8601)) is outside the period it extends (from "
                        + "\(current.runsFrom.formatted(.iso8601)) to \(current.dueAt.formatted(.iso8601))); a period that "
                        + "has run out cannot be extended")
            }
            let place = try await Places.recorded(country: current.country, zone: current.timeZone, on: connection, logger: logger)
            let rule = InstrumentTimer(
                timer, DeadlineDuration(current.duration.value + allowed.duration.value, current.duration.unit),
                counting: current.counting, legalBasis: "\(current.legalBasis); extended: \(allowed.legalBasis)",
                obligation: current.obligation)
            let keeper = DeadlineKeeper(caseID: caseID, actor: actor.id, connection: connection, logger: logger)
            let unit = allowed.duration.unit.rawValue.replacingOccurrences(of: "_", with: " ")
            let next = try await keeper.start(
                rule, instrument: current.instrument, runsFrom: current.runsFrom, place: place,
                origin: .init(
                    transition: "extend_deadline", step: current.stepID,
                    reason: "extended by \(allowed.duration.value) \(unit): \(reason)", extensions: current.extensions + 1,
                    extendedBy: current.extendedBy + allowed.duration.value),
                at: now)
            let payload: JSONValue = [
                "timer": .string(timer.rawValue), "granted_at": .string(granted.formatted(.iso8601)),
                "reason": .string(reason), "legal_basis": .string(allowed.legalBasis),
                "from": ["due_at": .string(current.dueAt.formatted(.iso8601)),
                         "last_day": current.lastDay.map { .string($0.description) } ?? .null],
                "to": ["due_at": .string(next.dueAt.formatted(.iso8601)),
                       "last_day": next.lastDay.map { .string($0.description) } ?? .null],
            ]
            return (payload: payload, result: timer)
        }
        guard let deadline = try await deadlines(caseID: caseID).first(where: { $0.timer == extended && $0.isOpen }) else {
            throw DossierError(.hookRefused, "the extended \(extended.rawValue) deadline was not found")
        }
        return deadline
    }

    /// The case's open deadline of `timer`, if one runs.
    func openDeadline(_ timer: ExtraditionTimer, caseID: UUID, on connection: PostgresConnection) async throws -> LegalDeadline? {
        let rows = try await connection.query(
            """
            SELECT \(unescaped: Self.deadlineColumns) FROM extradition_deadlines d
            WHERE d.case_id = \(caseID) AND d.timer = \(timer.rawValue) AND d.status IN ('running', 'expired')
            ORDER BY d.id DESC LIMIT 1
            """, logger: logger)
        for try await row in rows.decode(DeadlineRow.self) { return try Self.deadline(from: row) }
        return nil
    }
}
