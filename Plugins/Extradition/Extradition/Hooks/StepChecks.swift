import DossierCore
import DossierPostgres
import Foundation
import Logging
import PostgresNIO

/// What the core's transition guards cannot know, checked before a step runs: that it
/// did not happen in the future, that the instrument has the stage, and that the step's
/// documents are registered. A refusal names what is missing.
struct StepChecks {
    typealias Name = ExtraditionWorkflow.TransitionName

    let event: HookEvent.Transition
    let connection: PostgresConnection
    let logger: Logger

    /// How far ahead of the server's clock an `occurred_at` may be (clock skew).
    static let allowedClockSkew: TimeInterval = 300

    func run() async throws {
        let transition = event.transition
        if let occurredAt = try StepRecorder.occurredAt(in: event.inputs), occurredAt > event.now.addingTimeInterval(Self.allowedClockSkew) {
            throw DossierError.invalidInput(
                "inputs.occurred_at \(occurredAt.formatted(.iso8601)) is in the future; record a step once it has happened")
        }
        if transition == Name.postponeSurrender, let text = event.inputs["agreed_date"]?.stringValue {
            let agreed = try CalendarDate(parsing: text)
            guard agreed >= CalendarDate(event.now, in: .gmt).adding(days: -1) else {
                throw DossierError.invalidInput("inputs.agreed_date \(agreed) is in the past; the new surrender date must be ahead")
            }
        }
        let attributes = try event.case.attributes.decode(as: ExtraditionAttributes.self)
        guard let instrument = try await Instruments.load(attributes.instrument, on: connection, logger: logger) else {
            throw DossierError(.hookRefused, "the case's instrument '\(attributes.instrument)' no longer exists")
        }
        try await checkExecutiveStage(transition, instrument: instrument)
        try await checkDocuments(transition, instrument: instrument)
    }

    func checkExecutiveStage(_ transition: String, instrument: LegalInstrument) async throws {
        if transition == Name.approveByExecutive, !instrument.hasExecutiveStage {
            throw DossierError(
                .guardRefused,
                "\(instrument.name) has no executive stage; order surrender once the judicial decision is final")
        }
        // Whatever the path (an appeal may come first), surrender needs the minister's
        // decision where the instrument has an executive stage.
        if transition == Name.orderSurrender, instrument.hasExecutiveStage, try await !executiveDecisionRecorded() {
            throw DossierError(
                .guardRefused,
                "\(instrument.name) needs the executive decision first (approve_by_executive) before surrender is ordered")
        }
    }

    /// Whether this case has an executive decision since its latest (re-)arrest.
    func executiveDecisionRecorded() async throws -> Bool {
        let rows = try await connection.query(
            """
            SELECT 1 FROM extradition_steps
            WHERE case_id = \(event.case.id) AND transition = \(Name.approveByExecutive)
              AND recorded_at > coalesce((SELECT max(recorded_at) FROM extradition_steps
                                          WHERE case_id = \(event.case.id) AND transition = \(Name.reArrest)), '-infinity')
            """, logger: logger)
        for try await _ in rows { return true }
        return false
    }

    func checkDocuments(_ transition: String, instrument: LegalInstrument) async throws {
        let needed = Set(instrument.documentRequirements.filter { $0.transition == transition }.map(\.kind))
        guard !needed.isEmpty else { return }
        let rows = try await connection.query(
            "SELECT DISTINCT kind FROM extradition_documents WHERE case_id = \(event.case.id)", logger: logger)
        var registered: Set<DocumentKind> = []
        for try await kind in rows.decode(String.self) {
            if let kind = DocumentKind(rawValue: kind) { registered.insert(kind) }
        }
        let missing = DocumentKind.allCases.filter { needed.contains($0) && !registered.contains($0) }
        guard missing.isEmpty else {
            throw DossierError(
                .guardRefused,
                "\(transition) needs these documents registered first: \(missing.map(\.label).joined(separator: ", ")) "
                    + "(\(instrument.name))")
        }
    }
}
