import DossierCore
import DossierPostgres
import Foundation
import Logging
import PostgresNIO

/// After a step: records it, keeps the module's row (state, custody) in step, ends the
/// deadlines the step meets or replaces, starts the ones it starts, and resolves release
/// tasks when the case ends.
struct StepRecorder {
    typealias Name = ExtraditionWorkflow.TransitionName

    let event: HookEvent.Transition
    let connection: PostgresConnection
    let logger: Logger

    func run() async throws {
        let (transition, fromState) = (event.transition, event.fromState)
        let current = event.case
        let now = event.now
        let attributes = try current.attributes.decode(as: ExtraditionAttributes.self)
        let moment = try await StepMoment.of(event, attributes: attributes, on: connection, logger: logger)
        let occurred = moment.occurredAt
        let note = event.inputs["reason"]?.stringValue ?? ""
        let stepID = UUID.v7(at: now)

        try await connection.query(
            """
            INSERT INTO extradition_steps (id, case_id, transition, from_state, to_state, occurred_at, time_zone, recorded_at,
                                           actor, note)
            VALUES (\(stepID), \(current.id), \(transition), \(fromState), \(current.state), \(occurred),
                    \(moment.place.timeZone.identifier), \(now), \(event.actor.id), \(note))
            """, logger: logger)
        let closed = current.closedAt != nil
        try await connection.query(
            """
            UPDATE extraditions SET state = \(current.state), closed = \(closed),
                custody = COALESCE(\(custody(after: transition)), custody)
            WHERE case_id = \(current.id)
            """, logger: logger)

        let keeper = DeadlineKeeper(caseID: current.id, actor: event.actor.id, connection: connection, logger: logger)
        if closed {
            try await keeper.closeAll(at: occurred, by: transition)
            let resolution: ReleaseResolution = switch transition {
            case Name.releaseOnTimeout: .released
            case Name.withdraw: .withdrawn
            default: .caseClosed
            }
            try await keeper.resolveReleaseTasks(as: resolution, note: note, by: event.actor.id, at: now)
            return
        }
        try await keeper.end(
            ExtraditionTimer.allCases.filter { $0.metBy.contains(transition) }, status: .met, at: occurred, by: transition)
        try await keeper.end(
            ExtraditionTimer.allCases.filter { $0.supersededBy.contains(transition) }, status: .superseded, at: occurred,
            by: transition, reason: "replaced by \(transition)")

        guard let instrument = try await Instruments.load(attributes.instrument, on: connection, logger: logger) else { return }
        let starting = instrument.rules(startedBy: transition, requestingState: attributes.requestingState)
        guard !starting.isEmpty else { return }
        var reason = ""
        var agreedDate: CalendarDate?
        if transition == Name.postponeSurrender {
            let ground = event.inputs["ground"]?.stringValue ?? "postponement"
            reason = "\(ground.replacingOccurrences(of: "_", with: " ")): \(note)"
            agreedDate = try StepMoment.date("agreed_date", in: event.inputs)
            guard agreedDate != nil else {
                // Without an agreed date nothing restarts: the periods stop until one is agreed.
                try await keeper.end(
                    starting.map(\.timer), status: .postponed, at: occurred, by: transition,
                    reason: "\(reason) (no new date agreed yet)")
                return
            }
        } else if transition == Name.reArrest {
            reason = "re-arrest: \(note)"
        }
        let appointedDate = try StepMoment.date("appointed_date", in: event.inputs)
        for rule in starting {
            let runsFrom: Date = if let agreedDate {
                // Art. 18(5) ECE, Art. 23(3)-(4) EAW: the periods run again from the new date.
                agreedDate.start(in: moment.place.timeZone)
            } else if rule.runsFrom == .appointedDate, let appointedDate {
                appointedDate.start(in: moment.place.timeZone)
            } else if rule.runsFrom == .afterAppealPeriod, let appeal = instrument.timer(.appeal),
                appeal.startedBy.contains(transition)
            {
                // UK s.35(4)(a): from the first day after the appeal period this step started.
                DeadlineCalculator(calendar: moment.place.calendar)
                    .lastDay(from: moment.localDay, duration: appeal.duration, counting: appeal.counting)
                    .adding(days: 1).start(in: moment.place.timeZone)
            } else {
                occurred
            }
            try await keeper.start(
                rule, instrument: instrument.id, runsFrom: runsFrom, place: moment.place,
                origin: .init(transition: transition, step: stepID, reason: reason), at: now)
        }
    }

    /// The custody status a step leaves the person in; nil leaves it unchanged.
    func custody(after transition: String) -> String? {
        switch transition {
        case Name.provisionallyArrest, Name.arrestOnRequest, Name.reArrest:
            event.inputs["custody"]?.stringValue ?? CustodyStatus.custody.rawValue
        case Name.recordFinalDischarge:
            CustodyStatus.released.rawValue
        case Name.releaseOnTimeout, Name.discharge, Name.allowAppeal, Name.refuse, Name.withdraw:
            event.fromState == ExtraditionWorkflow.State.wanted || event.fromState == ExtraditionWorkflow.State.located
                ? nil : CustodyStatus.released.rawValue
        default:
            nil
        }
    }
}
