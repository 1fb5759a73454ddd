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

    /// The `occurred_at` input, when given.
    static func occurredAt(in inputs: [String: JSONValue]) throws(DossierError) -> Date? {
        guard let text = inputs["occurred_at"]?.stringValue else { return nil }
        guard let date = try? Date(text, strategy: .iso8601) else {
            throw .invalidInput("inputs.occurred_at '\(text)' is not an ISO 8601 timestamp")
        }
        return date
    }

    func run() async throws {
        let (transition, fromState) = (event.transition, event.fromState)
        let current = event.case
        let now = event.now
        let occurred = try Self.occurredAt(in: event.inputs) ?? now
        let attributes = try current.attributes.decode(as: ExtraditionAttributes.self)
        let note = event.inputs["reason"]?.stringValue ?? ""

        try await connection.query(
            """
            INSERT INTO extradition_steps (id, case_id, transition, from_state, to_state, occurred_at, recorded_at, actor, note)
            VALUES (\(UUID.v7(at: now)), \(current.id), \(transition), \(fromState), \(current.state), \(occurred), \(now),
                    \(event.actor.id), \(note))
            """, logger: logger)
        let closed = current.closedAt != nil
        try await connection.query(
            """
            UPDATE extraditions SET state = \(current.state), closed = \(closed),
                custody = COALESCE(\(custody(after: transition)), custody)
            WHERE case_id = \(current.id)
            """, logger: logger)

        let keeper = DeadlineKeeper(caseID: current.id, connection: connection, logger: logger)
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
            ExtraditionTimer.allCases.filter { $0.metBy.contains(transition) }, status: "met", at: occurred, by: transition)
        try await keeper.end(
            ExtraditionTimer.allCases.filter { $0.supersededBy.contains(transition) }, status: "superseded", at: occurred,
            by: transition, reason: "replaced by \(transition)")

        let starting = ExtraditionTimer.allCases.filter { $0.startedBy.contains(transition) }
        guard !starting.isEmpty,
            let instrument = try await Instruments.load(attributes.instrument, on: connection, logger: logger)
        else { return }
        let calendar = try await HolidayCalendars.calendar(for: attributes.requestedState, on: connection, logger: logger)
        var runsFrom = occurred
        var reason = ""
        if transition == Name.postponeSurrender {
            let ground = event.inputs["ground"]?.stringValue ?? "postponement"
            reason = "\(ground.replacingOccurrences(of: "_", with: " ")): \(note)"
            if let agreed = event.inputs["agreed_date"]?.stringValue {
                runsFrom = try CalendarDate(parsing: agreed).start(in: calendar.calendar.timeZone)
            }
        } else if transition == Name.reArrest {
            reason = "re-arrest: \(note)"
        }
        for timer in starting {
            guard let rule = instrument.timer(timer) else { continue }
            try await keeper.start(
                rule, instrument: instrument.id, runsFrom: runsFrom, calendar: calendar, by: transition, reason: reason,
                at: now)
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
