import DossierCore
import DossierPostgres
import Foundation
import Logging
import PostgresNIO

/// When and where a step happened, from its inputs: its effective time (`occurred_at`, or
/// the moment it is recorded) and the place whose local days its deadlines count in (the
/// `zone` input, or the country's default zone).
struct StepMoment: Sendable {
    typealias Name = ExtraditionWorkflow.TransitionName

    var occurredAt: Date
    var place: Place

    /// The day the step happened, in the place's zone.
    var localDay: CalendarDate { CalendarDate(occurredAt, in: place.timeZone) }

    /// The country whose law counts a step's periods: the requesting state's for the final
    /// discharge there (speciality, ECE Art. 14), the requested state's for every other step.
    static func country(of transition: String, _ attributes: ExtraditionAttributes) -> String {
        transition == Name.recordFinalDischarge ? attributes.requestingState : attributes.requestedState
    }

    static func of(
        _ event: HookEvent.Transition, attributes: ExtraditionAttributes, on connection: PostgresConnection, logger: Logger
    ) async throws -> StepMoment {
        let place = try await Places.place(
            country: country(of: event.transition, attributes), zone: event.inputs["zone"]?.stringValue, on: connection,
            logger: logger)
        return StepMoment(occurredAt: try occurredAt(in: event.inputs) ?? event.now, place: place)
    }

    /// The `occurred_at` input, when given.
    static func occurredAt(in inputs: [String: JSONValue]) throws(DossierError) -> Date? {
        guard let text = inputs["occurred_at"]?.stringValue else { return nil }
        return try Date(iso8601: text, field: "inputs.occurred_at")
    }

    /// A date input (`agreed_date`, `appointed_date`), when given.
    static func date(_ name: String, in inputs: [String: JSONValue]) throws(DossierError) -> CalendarDate? {
        guard let text = inputs[name]?.stringValue else { return nil }
        do {
            return try CalendarDate(parsing: text)
        } catch {
            throw .invalidInput("inputs.\(name) '\(text)' is not a valid YYYY-MM-DD date")
        }
    }
}
