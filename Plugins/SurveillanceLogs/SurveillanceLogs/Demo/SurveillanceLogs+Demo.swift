import DossierCore
public import DossierPostgres
import Foundation

extension SurveillanceLogs: DemoDataModule {
    /// Three operations: a UK directed-surveillance operation with a renewal and a
    /// correction, a US Title III interception with an expired order and its successor, and
    /// an operation whose authorisation was cancelled on arrest. Loaded once.
    public func loadDemoData(into context: DemoContext) async throws {
        let store = SurveillanceStore(cases: context.store, logger: context.logger)
        let operations = SurveillanceDemo.operations
        let progress = context.progress("surveillance operations", total: operations.count)
        for (index, operation) in operations.enumerated() {
            let (opened, isNew) = try await context.open(
                NewCase(
                    module: SurveillanceLogs.moduleID, type: SurveillanceLogs.caseTypeName, title: operation.title,
                    classification: .secret, owningAgency: context.supervisor.agency ?? "MET", country: operation.jurisdiction,
                    attributes: try JSONValue(encoding: OperationAttributes(objective: operation.objective, jurisdiction: operation.jurisdiction))),
                key: "surveillance:\(index)", by: context.supervisor)
            if isNew { try await SurveillanceDemo(context: context, store: store).play(operation, on: opened.id) }
            progress.update(index + 1)
        }
    }
}

/// The demo operations, with their authorisations and log, dated relative to today.
struct SurveillanceDemo {
    struct Warrant {
        var reference: String
        var basis: String
        var authority: String
        var subjects: [String]
        var facilities: [String]
        var methods: [SurveillanceMethod]
        var fromDaysAgo: Double
        var toDaysAgo: Double
        /// Days ahead of the current end to renew to, when renewed.
        var renewByDays: Double?
        var cancelReason: String?
    }

    struct Observation {
        var warrant: Int
        var daysAgo: Double
        var minutes: Double
        var subject: String
        var method: SurveillanceMethod
        var location: String
        var text: String
        var correction: (reason: String, text: String)?
    }

    struct Operation {
        var title: String
        var objective: String
        var jurisdiction: String
        var timeZone: String
        var warrants: [Warrant]
        var observations: [Observation]
    }

    static let operations: [Operation] = [
        Operation(
            title: "Operation Kestrel: Harbour Road supply", objective: "identify the supply chain of the Harbour Road group",
            jurisdiction: "GB", timeZone: "Europe/London",
            warrants: [
                Warrant(reference: "DS-2026-0412", basis: "uk-ripa-directed", authority: "Superintendent K. Walsh, MET",
                        subjects: ["Daniel Pryce", "Leon Marsh"], facilities: ["Unit 4, Harbour Road, E16"],
                        methods: [.visual, .locationTracking], fromDaysAgo: 80, toDaysAgo: -8, renewByDays: 80),
            ],
            observations: [
                Observation(warrant: 0, daysAgo: 70, minutes: 95, subject: "Daniel Pryce", method: .visual,
                            location: "Harbour Road, E16", text: "Subject arrived in a grey Transit van, unloaded four holdalls into unit 4."),
                Observation(warrant: 0, daysAgo: 55, minutes: 40, subject: "Leon Marsh", method: .visual,
                            location: "Silvertown Way", text: "Marsh met Pryce; handed over a rucksack.",
                            correction: ("the handover was from Marsh to an unknown male, not to Pryce (checked against footage AP/22)",
                                         "Marsh met an unknown white male, 30s; handed over a rucksack. Pryce not present.")),
                Observation(warrant: 0, daysAgo: 20, minutes: 360, subject: "Daniel Pryce", method: .locationTracking,
                            location: "A13 eastbound to Tilbury", text: "Van tracked to Tilbury docks, parked 4 h near berth 34."),
                Observation(warrant: 0, daysAgo: 2, minutes: 30, subject: "Daniel Pryce", method: .visual,
                            location: "Harbour Road, E16", text: "Holdalls loaded back into the van; vehicle left northbound."),
            ]),
        Operation(
            title: "Operation Meridian: wire-room interception", objective: "prove the Vega organisation's cocaine imports",
            jurisdiction: "US", timeZone: "America/New_York",
            warrants: [
                Warrant(reference: "T3-26-091", basis: "us-title-iii", authority: "US District Court, S.D.N.Y.",
                        subjects: ["Carlos Vega"], facilities: ["(212) 555-0147"], methods: [.interception],
                        fromDaysAgo: 62, toDaysAgo: 33),
                Warrant(reference: "T3-26-118", basis: "us-title-iii", authority: "US District Court, S.D.N.Y.",
                        subjects: ["Carlos Vega", "Ana Ruiz"], facilities: ["(212) 555-0147", "(917) 555-0199"],
                        // Expires in three days: the authorisation a supervisor must renew or let end.
                        methods: [.interception], fromDaysAgo: 26, toDaysAgo: -3),
            ],
            observations: [
                Observation(warrant: 0, daysAgo: 50, minutes: 6, subject: "Carlos Vega", method: .interception,
                            location: "DEA wire room, New York", text: "Call to unknown male: 'the cars arrive Tuesday'."),
                Observation(warrant: 0, daysAgo: 40, minutes: 3, subject: "Carlos Vega", method: .interception,
                            location: "DEA wire room, New York", text: "Call minimised after 2 min: conversation with his daughter."),
                Observation(warrant: 1, daysAgo: 10, minutes: 9, subject: "Ana Ruiz", method: .interception,
                            location: "DEA wire room, New York", text: "Ruiz confirms 40 units at the Newark warehouse."),
            ]),
        Operation(
            title: "Operation Larch: tracking ended on arrest", objective: "locate the fugitive Andre Campbell, wanted by Jamaica",
            jurisdiction: "GB", timeZone: "Europe/London",
            warrants: [
                Warrant(reference: "DS-2026-0530", basis: "uk-ripa-directed", authority: "Superintendent K. Walsh, MET",
                        subjects: ["Andre Campbell"], facilities: [], methods: [.locationTracking, .visual],
                        fromDaysAgo: 30, toDaysAgo: -60, cancelReason: "objective achieved: subject arrested"),
            ],
            observations: [
                // His extradition (JM→GB) records the provisional arrest 20 days ago.
                Observation(warrant: 0, daysAgo: 23, minutes: 120, subject: "Andre Campbell", method: .locationTracking,
                            location: "M25 junction 28", text: "Tracker shows the vehicle stopping at a Brentwood address overnight."),
                Observation(warrant: 0, daysAgo: 20.01, minutes: 10, subject: "Andre Campbell", method: .visual,
                            location: "Brentwood, Essex", text: "Subject seen leaving the address; arrested by the NCA team."),
            ]),
    ]

    let context: DemoContext
    let store: SurveillanceStore

    func play(_ operation: Operation, on caseID: UUID) async throws {
        _ = try await context.store.addMember(
            caseID: caseID, userID: context.investigator.id, role: .investigator, by: context.supervisor)
        let now = context.now
        func ago(_ days: Double) -> Date { now.addingTimeInterval(-days * 86_400) }
        var authorisations: [Authorisation] = []
        for warrant in operation.warrants {
            var recorded = try await store.createAuthorisation(
                caseID: caseID,
                NewAuthorisation(
                    reference: warrant.reference, legalBasis: warrant.basis, issuingAuthority: warrant.authority,
                    applicant: context.investigator.id, approver: warrant.authority, subjects: warrant.subjects,
                    facilities: warrant.facilities, methods: warrant.methods, validFrom: ago(warrant.fromDaysAgo),
                    validTo: ago(warrant.toDaysAgo)),
                by: context.supervisor)
            if let days = warrant.renewByDays {
                recorded = try await store.renewAuthorisation(
                    recorded.id, until: recorded.validTo.addingTimeInterval(days * 86_400), approver: warrant.authority,
                    note: "results so far justify continuation", by: context.supervisor)
            }
            authorisations.append(recorded)
        }
        for observation in operation.observations {
            let start = ago(observation.daysAgo)
            var entry = NewLogEntry(
                authorisationID: authorisations[observation.warrant].id, startedAt: start,
                endedAt: start.addingTimeInterval(observation.minutes * 60), timeZone: operation.timeZone,
                location: observation.location, subject: observation.subject, method: observation.method,
                observers: [context.investigator.id], text: observation.text)
            let written = try await store.appendEntry(caseID: caseID, entry, by: context.investigator)
            if let correction = observation.correction {
                entry.text = correction.text
                _ = try await store.correctEntry(written.id, with: entry, reason: correction.reason, by: context.investigator)
            }
        }
        for (index, warrant) in operation.warrants.enumerated() {
            if let reason = warrant.cancelReason {
                _ = try await store.cancelAuthorisation(authorisations[index].id, reason: reason, by: context.supervisor)
            }
        }
    }
}
