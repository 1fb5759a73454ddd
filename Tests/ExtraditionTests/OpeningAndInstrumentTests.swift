import DossierCore
import DossierPostgres
import DossierTesting
@testable import Extradition
import Foundation
import PostgresNIO
import Testing

/// What an extradition needs to be opened, and instruments as data.
@Suite struct OpeningAndInstrumentTests {
    func attempt(_ db: TestDatabase, _ change: (inout [String: JSONValue]) -> Void) async throws -> DossierError? {
        let person = try await db.store.createPerson(NewPerson(latinName: "Test Person"), by: db.olga)
        var attributes: [String: JSONValue] = [
            "person_id": .string(person.id.lowercased), "requesting_state": "US", "requested_state": "FR",
            "instrument": "ece-1957",
            "offences": [["description": "fraud", "legal_provision": "18 U.S.C. §1343", "maximum_penalty": "20 years"]],
        ]
        change(&attributes)
        return await dossierError {
            _ = try await db.store.openCase(
                NewCase(module: "extradition", type: "extradition", title: "t", owningAgency: "MET", country: "FR",
                        attributes: .object(attributes)),
                by: db.olga)
        }
    }

    @Test func badAttributesAreRefusedWithTheFieldAndWhatIsAllowed() async throws {
        try await TestDatabase.withExtradition { db in
            let cases: [(String, (inout [String: JSONValue]) -> Void)] = [
                ("attributes.requested_state 'UK' is not an ISO 3166-1 alpha-2 code (two capital letters, e.g. GB)",
                 { $0["requested_state"] = "UK" }),
                ("attributes.requesting_state and requested_state must differ (both are FR)", { $0["requesting_state"] = "FR" }),
                ("attributes.offences must list at least one offence", { $0["offences"] = [] }),
                ("attributes.offences[0].legal_provision must not be empty",
                 { $0["offences"] = [["description": "fraud", "legal_provision": " ", "maximum_penalty": "1 year"]] }),
                ("attributes.red_notice_id: red notice id '93/1' must look like 1993/27493 (year, slash or hyphen, number)",
                 { $0["red_notice_id"] = "93/1" }),
                ("attributes.instrument 'hague-1999' is not a known instrument; use ece-1957, eu-1995-simplified, eu-eaw-2002, uk-ea-2003-part-1, uk-ea-2003-part-2, us-in-1997",
                 { $0["instrument"] = "hague-1999" }),
                ("attributes.person_id: person 00000000-0000-7000-8000-000000000000 does not exist",
                 { $0["person_id"] = "00000000-0000-7000-8000-000000000000" }),
                ("attributes.originating_case_id: case 00000000-0000-7000-8000-000000000001 does not exist",
                 { $0["originating_case_id"] = "00000000-0000-7000-8000-000000000001" }),
            ]
            for (message, change) in cases {
                let error = try await attempt(db, change)
                #expect(error == .invalidInput(message))
            }
            let rows = try await db.client.query("SELECT count(*) FROM cases", logger: db.logger)
            for try await count in rows.decode(Int.self) { #expect(count == 0, "nothing half-opened") }
        }
    }

    @Test func openingRegistersTheFugitiveTheRedNoticeAndTheOriginatingCase() async throws {
        try await TestDatabase.withExtradition { db in
            let origin = try await db.openExtradition()
            let secretOrigin = try await db.store.openCase(
                NewCase(module: "extradition", type: "extradition", title: "other agency", classification: .secret,
                        owningAgency: "NCA", country: "FR", attributes: origin.attributes),
                by: .system)
            let hidden = try await attempt(db) { $0["originating_case_id"] = .string(secretOrigin.id.lowercased) }
            #expect(hidden == .invalidInput("attributes.originating_case_id: case \(secretOrigin.id.lowercased) does not exist"),
                    "a case the opener may not see is reported as missing")

            let person = try await db.store.createPerson(NewPerson(latinName: "Viktor Sokolov"), by: db.olga)
            let attributes = ExtraditionAttributes(
                personID: person.id, redNoticeID: try RedNoticeID(parsing: "2024-81234"), requestingState: "US",
                requestedState: "FR", instrument: "ece-1957",
                offences: [Offence(description: "fraud", legalProvision: "s.1", maximumPenalty: "5 years")],
                originatingCaseID: origin.id)
            let opened = try await db.store.openCase(
                NewCase(module: "extradition", type: "extradition", title: "t", owningAgency: "MET", country: "FR",
                        attributes: try JSONValue(encoding: attributes)),
                by: db.olga)
            #expect(opened.attributes.objectValue?["red_notice_id"]?.stringValue == "2024/81234")
            let parties = try await db.store.parties(caseID: opened.id)
            #expect(parties.map(\.role) == [.fugitive])
            let links = try await db.store.links(caseID: opened.id, visibleTo: .system)
            #expect(links.map(\.kind) == ["originating-case"])
            // The fugitive and the link are recorded through the core: chained on the timeline.
            let timeline = try await db.store.timeline(caseID: opened.id)
            #expect(timeline.map(\.kind) == [.opened, .partyAdded, .linkAdded])
            #expect(timeline[1].payload.objectValue?["role"] == "fugitive")
            #expect(timeline[1].payload.objectValue?["person"]?.stringValue == person.id.lowercased)
            #expect(timeline[2].payload.objectValue?["kind"] == "originating-case")
            #expect(try await db.store.verifyChains(caseID: opened.id).isIntact)
            #expect(try await db.custody(opened.id) == "at_large")
        }
    }

    @Test func onlyAdministratorsEditInstrumentsAndBadRulesAreRefused() async throws {
        try await TestDatabase.withExtradition { db in
            let admin = db.actor(.admin, id: "root.admin")
            let instruments = try await db.extraditions.instruments()
            #expect(instruments.map(\.id) == [
                "ece-1957", "eu-1995-simplified", "eu-eaw-2002", "uk-ea-2003-part-1", "uk-ea-2003-part-2", "us-in-1997",
            ])
            let ece = try #require(instruments.first)
            #expect(ece.timer(.requestLimit)?.obligation == .must)
            #expect(ece.timer(.requestLimit)?.duration == .days(40))
            #expect(ece.documentRequirements.contains(DocumentRequirement("receive_request", .translation)))

            var bilateral = LegalInstrument(
                id: "au-fr-1988", name: "Extradition Treaty between Australia and France", parties: "AU, FR",
                citation: "Canberra, 31 August 1988", hasExecutiveStage: true,
                timers: [InstrumentTimer(.request, .days(45), legalBasis: "Art. 11(4)", obligation: .may)],
                documentRequirements: [DocumentRequirement("receive_request", .arrestWarrant)])
            let legal = await dossierError { try await db.extraditions.saveInstrument(bilateral, by: db.lena) }
            #expect(legal?.code == .roleNotAllowed)
            bilateral.timers.append(InstrumentTimer(.request, .days(60), legalBasis: "again", obligation: .must))
            let twice = await dossierError { try await db.extraditions.saveInstrument(bilateral, by: admin) }
            #expect(twice == .invalidInput("timers[1]: timer 'request' is listed twice"))
            bilateral.timers.removeLast()
            bilateral.documentRequirements.append(DocumentRequirement("arrest", .identification))
            let unknownStep = await dossierError { try await db.extraditions.saveInstrument(bilateral, by: admin) }
            #expect(unknownStep?.message.hasPrefix("document_requirements[1].transition 'arrest' is not a transition of the extradition workflow; use ") == true)
            bilateral.documentRequirements.removeLast()

            bilateral.timers[0].startedBy = [Name.surrender]
            let wrongStart = await dossierError { try await db.extraditions.saveInstrument(bilateral, by: admin) }
            #expect(wrongStart == .invalidInput(
                "timers[0].started_by[0] 'surrender' cannot start a request deadline; use arrest_on_request, provisionally_arrest, re_arrest"))
            bilateral.timers[0].startedBy = []
            bilateral.timers[0].runsFrom = .appointedDate
            let wrongRun = await dossierError { try await db.extraditions.saveInstrument(bilateral, by: admin) }
            #expect(wrongRun == .invalidInput("timers[0].runs_from: only surrender periods run from another date than the step's; use step"))
            bilateral.timers[0].runsFrom = .step
            bilateral.extensions = [InstrumentExtension(.request, by: .hours(48), legalBasis: "Art. 11(5)")]
            let wrongUnit = await dossierError { try await db.extraditions.saveInstrument(bilateral, by: admin) }
            #expect(wrongUnit == .invalidInput("extensions[0].unit must be the extended timer's unit, calendar_days, not hours"))
            bilateral.extensions = [InstrumentExtension(.surrender, by: .days(10), legalBasis: "Art. 11(5)")]
            let noRule = await dossierError { try await db.extraditions.saveInstrument(bilateral, by: admin) }
            #expect(noRule == .invalidInput("extensions[0]: timer 'surrender' has no rule in timers to extend"))
            bilateral.extensions = [InstrumentExtension(.request, by: .days(20), legalBasis: "Art. 11(5)")]
            bilateral.territoryPeriods = [TerritoryPeriod(.request, for: "nc", .days(65), legalBasis: "Art. 11(6)")]
            let badState = await dossierError { try await db.extraditions.saveInstrument(bilateral, by: admin) }
            #expect(badState == .invalidInput("territory_periods[0].requesting_state 'nc' must be an ISO 3166 code such as IN"))
            bilateral.territoryPeriods = [TerritoryPeriod(.request, for: "NC", .workingDays(65), legalBasis: "Art. 11(6)")]
            let badUnit = await dossierError { try await db.extraditions.saveInstrument(bilateral, by: admin) }
            #expect(badUnit == .invalidInput("territory_periods[0].unit must be the timer's unit, calendar_days, not working_days"))
            bilateral.territoryPeriods = [TerritoryPeriod(.request, for: "NC", .days(65), legalBasis: "Art. 11(6): New Caledonia")]

            let saved = try await db.extraditions.saveInstrument(bilateral, by: admin)
            #expect(saved.updatedBy == "root.admin")
            #expect(saved.timers.map(\.duration) == bilateral.timers.map(\.duration))
            #expect(saved.timers.first?.startedBy == [Name.provisionallyArrest], "a rule without its own start takes the timer's")
            #expect(saved.extensions == bilateral.extensions)
            #expect(saved.territoryPeriods == bilateral.territoryPeriods)
            bilateral.timers = [InstrumentTimer(
                .request, .workingDays(30), legalBasis: "Art. 11(4) as amended", obligation: .must,
                startedBy: [Name.provisionallyArrest, Name.reArrest])]
            bilateral.extensions = []
            bilateral.territoryPeriods = []
            let replaced = try await db.extraditions.saveInstrument(bilateral, by: admin)
            #expect(replaced.timers == bilateral.timers, "a save replaces the rules")
            #expect(replaced.extensions.isEmpty && replaced.territoryPeriods.isEmpty)
        }
    }
}
