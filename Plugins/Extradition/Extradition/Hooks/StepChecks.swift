import DossierCore
import DossierPostgres
import Foundation
import Logging
import PostgresNIO

/// What the core's transition guards cannot know, checked before a step runs: that it
/// did not happen in the future nor before the step recorded before it, that its place and
/// dates make sense, that the instrument has the stage (an executive decision, an appeal),
/// and that the step's documents are registered. A refusal names what is wrong.
struct StepChecks {
    typealias Name = ExtraditionWorkflow.TransitionName

    let event: HookEvent.Transition
    let connection: PostgresConnection
    let logger: Logger

    /// How far ahead of the server's clock an `occurred_at` may be (clock skew).
    static let allowedClockSkew: TimeInterval = 300

    func run() async throws {
        let transition = event.transition
        let attributes = try event.case.attributes.decode(as: ExtraditionAttributes.self)
        let moment = try await StepMoment.of(event, attributes: attributes, on: connection, logger: logger)
        if moment.occurredAt > event.now.addingTimeInterval(Self.allowedClockSkew) {
            throw DossierError.invalidInput(
                "inputs.occurred_at \(moment.occurredAt.formatted(.iso8601)) is in the future; record a step once it has happened")
        }
        try await checkOrder(moment)
        try checkSurrenderDates(moment)
        guard let instrument = try await Instruments.load(attributes.instrument, on: connection, logger: logger) else {
            throw DossierError(.hookRefused, "the case's instrument '\(attributes.instrument)' no longer exists")
        }
        if transition == Name.lodgeAppeal, !instrument.hasAppeal {
            throw DossierError(
                .guardRefused,
                "\(instrument.name) allows no appeal from these decisions (\(instrument.citation)); record a discharge "
                    + "or the surrender order instead")
        }
        if transition == Name.orderSurrender || transition == Name.dismissAppeal,
            let rule = instrument.timers.first(where: { $0.startedBy.contains(transition) && $0.runsFrom == .appointedDate }),
            event.inputs["appointed_date"]?.stringValue == nil
        {
            throw DossierError.invalidInput(
                "inputs.appointed_date is required under \(instrument.name): the \(rule.timer.rawValue) period counts "
                    + "from the date appointed for surrender (\(rule.legalBasis))")
        }
        try await checkExecutiveStage(transition, instrument: instrument)
        try await checkDocuments(transition, instrument: instrument)
    }

    /// Steps happen in order: one dated before the case's latest step is refused, naming
    /// both (a wrong earlier date is corrected, not worked around).
    func checkOrder(_ moment: StepMoment) async throws {
        let rows = try await connection.query(
            """
            SELECT transition, occurred_at, time_zone FROM extradition_steps WHERE case_id = \(event.case.id)
            ORDER BY occurred_at DESC, id DESC LIMIT 1
            """, logger: logger)
        for try await (transition, occurredAt, zone) in rows.decode((String, Date, String).self) where occurredAt > moment.occurredAt {
            let zone = TimeZone(identifier: zone) ?? .gmt
            throw DossierError.invalidInput(
                "inputs.occurred_at \(LocalTime.describe(moment.occurredAt, in: moment.place.timeZone)) is before the "
                    + "case's last step, \(transition) at \(LocalTime.describe(occurredAt, in: zone)); steps are "
                    + "recorded in the order they happened")
        }
    }

    /// A surrender date is on or after the day it is appointed or agreed; recorded late, a
    /// date now past is accepted.
    func checkSurrenderDates(_ moment: StepMoment) throws(DossierError) {
        for name in ["appointed_date", "agreed_date"] {
            guard let date = try StepMoment.date(name, in: event.inputs) else { continue }
            guard date >= moment.localDay else {
                throw .invalidInput(
                    "inputs.\(name) \(date) is before the day of the step (\(moment.localDay) in "
                        + "\(moment.place.timeZone.identifier)); a surrender date is on or after the day it is set")
            }
        }
    }

    func checkExecutiveStage(_ transition: String, instrument: LegalInstrument) async throws {
        if transition == Name.approveByExecutive, !instrument.hasExecutiveStage {
            throw DossierError(
                .guardRefused,
                "\(instrument.name) has no executive stage; order surrender once the judicial decision is final")
        }
        // Whatever the path (an appeal may come first), surrender needs the minister's
        // decision where the instrument has an executive stage.
        if transition == Name.orderSurrender || transition == Name.dismissAppeal, instrument.hasExecutiveStage,
            try await !executiveDecisionRecorded()
        {
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
