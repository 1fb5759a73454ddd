import DossierCore
import DossierPostgres
import DossierTesting
@testable import Extradition
import Foundation
import PostgresNIO
import Testing

/// Each path through the workflow, with the deadlines each step starts, meets and replaces.
@Suite struct WorkflowPathTests {
    @Test func consentUnderTheEAWReplacesTheDecisionPeriodAndLeadsToSurrender() async throws {
        try await TestDatabase.withExtradition { db in
            let opened = try await db.openExtradition(instrument: "eu-eaw-2002", requesting: "PL", requested: "DE")
            try await db.step(opened.id, Name.locate, daysAgo: 4, by: db.olga)
            try await db.step(opened.id, Name.arrestOnRequest, daysAgo: 3, by: db.olga)
            let decision = try #require(try await db.deadlines(opened.id)[.decision]?.first)
            #expect(decision.status == .running)
            #expect(decision.duration == .days(60))
            #expect(decision.legalBasis.hasPrefix("FD 2002/584/JHA Art. 17(3)"))
            #expect(try await db.custody(opened.id) == "custody")

            try await db.step(opened.id, Name.recordConsent, daysAgo: 1)
            var deadlines = try await db.deadlines(opened.id)
            #expect(deadlines[.decision]?.first?.status == .superseded)
            let afterConsent = try #require(deadlines[.decisionAfterConsent]?.first)
            #expect(afterConsent.status == .running)
            #expect(afterConsent.obligation == .may)

            try await db.step(opened.id, Name.findExtraditable)
            #expect(try await db.deadlines(opened.id)[.decisionAfterConsent]?.first?.status == .met)
            // The EAW has no executive stage: the court's decision is final.
            let refusal = await dossierError { try await db.step(opened.id, Name.approveByExecutive) }
            #expect(refusal?.code == .guardRefused)
            #expect(refusal?.message == "European Arrest Warrant has no executive stage; order surrender once the judicial decision is final")

            let missing = await dossierError { try await db.step(opened.id, Name.orderSurrender) }
            #expect(missing?.message == "order_surrender needs these documents registered first: identification (European Arrest Warrant)")
            try await db.register([.identification], on: opened.id)
            try await db.step(opened.id, Name.orderSurrender)
            deadlines = try await db.deadlines(opened.id)
            #expect(deadlines[.surrender]?.first?.status == .running)
            #expect(deadlines[.surrender]?.first?.obligation == .must, "Art. 23(5): released on expiry")
            #expect(deadlines[.surrenderLimit] == nil, "the EAW has no outer limit beyond the 10 days")

            let surrendered = try await db.step(opened.id, Name.surrender, by: db.olga)
            #expect(surrendered.state == State.surrendered)
            deadlines = try await db.deadlines(opened.id)
            #expect(deadlines[.surrender]?.first?.status == .met)
            #expect(try await db.store.timers(caseID: opened.id).allSatisfy { $0.status != .running })

            let steps = try await db.extraditions.steps(caseID: opened.id)
            #expect(steps.map(\.transition) == [
                Name.locate, Name.arrestOnRequest, Name.recordConsent, Name.findExtraditable, Name.orderSurrender, Name.surrender,
            ])
            #expect(steps[1].actor == "olga")
            #expect(steps[1].occurredAt < steps[1].recordedAt.addingTimeInterval(-2 * 86_400))
        }
    }

    @Test func theDocumentGuardNamesWhatIsMissingAndChangesNothing() async throws {
        try await TestDatabase.withExtradition { db in
            let opened = try await db.openExtradition()
            try await db.step(opened.id, Name.locate, by: db.olga)
            try await db.step(opened.id, Name.provisionallyArrest, by: db.olga)
            let before = try await db.store.getCase(id: opened.id)

            let refusal = await dossierError { try await db.step(opened.id, Name.receiveRequest) }
            #expect(refusal == DossierError(
                .guardRefused,
                "receive_request needs these documents registered first: arrest warrant, statement of facts, legal provisions, "
                    + "translation (European Convention on Extradition)"))
            try await db.register([.arrestWarrant, .translation], on: opened.id)
            let stillMissing = await dossierError { try await db.step(opened.id, Name.receiveRequest) }
            #expect(stillMissing?.message.hasPrefix("receive_request needs these documents registered first: statement of facts, legal provisions (") == true)
            let after = try await db.store.getCase(id: opened.id)
            #expect(after.state == State.provisionallyArrested)
            #expect(after.version == before.version + 2, "two document registrations, no transition")

            try await db.register([.statementOfFacts, .legalProvisions], on: opened.id)
            try await db.step(opened.id, Name.receiveRequest)
            let deadlines = try await db.deadlines(opened.id)
            for timer in [ExtraditionTimer.request, .requestLimit, .consentNotice] {
                #expect(deadlines[timer]?.first?.status == .met, "\(timer)")
            }
        }
    }

    @Test func theSameFileCannotBeRegisteredTwiceAndAHashMustBeHex() async throws {
        try await TestDatabase.withExtradition { db in
            let opened = try await db.openExtradition()
            try await db.register([.arrestWarrant], on: opened.id)
            let again = await dossierError { try await db.register([.arrestWarrant], on: opened.id) }
            #expect(again?.code == .alreadyExists)
            #expect(again?.message.hasPrefix("this file is already registered on \(opened.reference) as arrest_warrant") == true)
            let bad = await dossierError {
                _ = try await db.extraditions.registerDocument(
                    caseID: opened.id, NewExtraditionDocument(kind: .translation, title: "t", sha256: "abc"), by: db.lena)
            }
            #expect(bad == .invalidInput("sha256 'abc' must be 64 hexadecimal digits (the SHA-256 of the file)"))
            let analyst = await dossierError {
                _ = try await db.extraditions.registerDocument(
                    caseID: opened.id, NewExtraditionDocument(kind: .translation, title: "t", sha256: String(repeating: "a", count: 64)),
                    by: db.andy)
            }
            #expect(analyst?.code == .roleNotAllowed)
            #expect(try await db.extraditions.documents(caseID: opened.id).map(\.kind) == [.arrestWarrant])
        }
    }

    @Test func refusalAndDischargeEndTheCaseAndCloseItsDeadlines() async throws {
        try await TestDatabase.withExtradition { db in
            let refused = try await db.openExtradition()
            try await db.step(refused.id, Name.locate, by: db.olga)
            try await db.step(refused.id, Name.provisionallyArrest, by: db.olga)
            try await db.register(requestDocuments, on: refused.id)
            try await db.step(refused.id, Name.receiveRequest)
            try await db.step(refused.id, Name.beginCentralReview)
            let ended = try await db.step(refused.id, Name.refuse, ["reason": "political offence (ECE Art. 3)"])
            #expect(ended.state == State.refused)
            #expect(ended.closedAt != nil)
            #expect(try await db.custody(refused.id) == "released")

            let discharged = try await db.openExtradition(instrument: "uk-ea-2003-part-2", requesting: "US", requested: "GB")
            try await db.step(discharged.id, Name.locate, by: db.olga)
            try await db.step(discharged.id, Name.provisionallyArrest, by: db.olga, ["custody": "bail"])
            #expect(try await db.custody(discharged.id) == "bail")
            let request = try #require(try await db.deadlines(discharged.id)[.request]?.first)
            #expect(request.counting == .startingWithTheDay)
            #expect(request.obligation == .must)
            try await db.register(requestDocuments, on: discharged.id)
            try await db.step(discharged.id, Name.receiveRequest)
            try await db.step(discharged.id, Name.beginCentralReview)
            try await db.step(discharged.id, Name.scheduleHearing, ["hearing_on": "2026-12-01"])
            let end = try await db.step(discharged.id, Name.discharge, ["reason": "passage of time (s.82)"])
            #expect(end.state == State.discharged)
            #expect(try await db.custody(discharged.id) == "released")
            #expect(try await db.extraditions.deadlines(caseID: discharged.id).allSatisfy { !$0.isOpen })
        }
    }

    @Test func aMinisterMustDecideFirstWhereTheInstrumentHasAnExecutiveStage() async throws {
        try await TestDatabase.withExtradition { db in
            let opened = try await openUKCaseFoundExtraditable(db)
            // s.103(9): the 14 days run from the Secretary of State's order, not the judge's decision.
            #expect(try await db.deadlines(opened.id)[.appeal] == nil)

            let early = await dossierError { try await db.step(opened.id, Name.orderSurrender) }
            #expect(early == DossierError(
                .guardRefused,
                "Extradition Act 2003, Part 2 (category 2 territories) needs the executive decision first "
                    + "(approve_by_executive) before surrender is ordered"))
            try await db.step(opened.id, Name.approveByExecutive)
            var deadlines = try await db.deadlines(opened.id)
            #expect(deadlines[.appeal]?.map(\.status) == [.running])
            #expect(deadlines[.appeal]?.first?.duration == .days(14))
            #expect(deadlines[.surrender]?.map(\.status) == [.running], "s.117: 28 days from the order")
            #expect(deadlines[.surrender]?.first?.startedBy == Name.approveByExecutive)
            try await db.step(opened.id, Name.lodgeAppeal, ["appellant": "person"])
            deadlines = try await db.deadlines(opened.id)
            #expect(deadlines[.appeal]?.first?.status == .met)
            #expect(deadlines[.surrender]?.first?.status == .superseded, "s.118 replaces s.117 once an appeal is given")
            let order = await dossierError { try await db.step(opened.id, Name.orderSurrender) }
            #expect(order?.code == .wrongState, "an appeal ends by its decision: dismiss_appeal")
            try await db.step(opened.id, Name.dismissAppeal)
            deadlines = try await db.deadlines(opened.id)
            #expect(deadlines[.surrender]?.map(\.status) == [.running, .superseded])
            #expect(deadlines[.surrender]?.first?.startedBy == Name.dismissAppeal)
            #expect(deadlines[.surrender]?.first?.duration == .days(28))
        }
    }

    @Test func postponementResetsTheSurrenderDeadlinesWithItsReason() async throws {
        try await TestDatabase.withExtradition { db in
            let opened = try await db.openExtradition(instrument: "eu-eaw-2002", requesting: "IE", requested: "FR")
            try await db.step(opened.id, Name.locate, by: db.olga)
            try await db.step(opened.id, Name.arrestOnRequest, by: db.olga)
            try await db.step(opened.id, Name.recordConsent)
            try await db.step(opened.id, Name.findExtraditable)
            try await db.register([.identification], on: opened.id)
            try await db.step(opened.id, Name.orderSurrender)
            let agreed = CalendarDate(db.now, in: .gmt).adding(days: 6)
            try await db.step(opened.id, Name.postponeSurrender, [
                "ground": "force_majeure", "reason": "airport closed by strike", "agreed_date": .string(agreed.description),
            ])
            let surrender = try #require(try await db.deadlines(opened.id)[.surrender])
            #expect(surrender.map(\.status) == [.running, .superseded])
            #expect(surrender[1].reason == "force majeure: airport closed by strike")
            #expect(surrender[0].reason == "force majeure: airport closed by strike")
            // 10 days after the agreed date, counted in Paris.
            #expect(surrender[0].lastDay == agreed.adding(days: 10))
            #expect(surrender[0].runsFrom == agreed.start(in: TimeZone(identifier: "Europe/Paris")!))
            let timer = try #require(try await db.store.timers(caseID: opened.id).first { $0.name == "surrender" && $0.status == .running })
            #expect(timer.dueAt == surrender[0].dueAt)
            #expect(try await db.store.getCase(id: opened.id).state == State.surrenderOrdered)

            let past = await dossierError {
                try await db.step(opened.id, Name.postponeSurrender, ["ground": "postponement", "reason": "x", "agreed_date": "2020-01-01"])
            }
            let today = CalendarDate(db.now, in: TimeZone(identifier: "Europe/Paris")!)
            #expect(past == .invalidInput(
                "inputs.agreed_date 2020-01-01 is before the day of the step (\(today) in Europe/Paris); a surrender date is on "
                    + "or after the day it is set"))
        }
    }

    @Test func aStepCannotBeDatedInTheFuture() async throws {
        try await TestDatabase.withExtradition { db in
            let opened = try await db.openExtradition()
            let future = await dossierError { try await db.step(opened.id, Name.locate, daysAgo: -2, by: db.olga) }
            #expect(future?.code == .invalidInput)
            #expect(future?.message.hasSuffix("is in the future; record a step once it has happened") == true)
            #expect(try await db.store.getCase(id: opened.id).state == State.wanted)
        }
    }

    @Test func custodyAndBailChangeOnlyWhileThePersonIsHeld() async throws {
        try await TestDatabase.withExtradition { db in
            let opened = try await db.openExtradition()
            let early = await dossierError { try await db.extraditions.setCustody(caseID: opened.id, to: .bail, note: "x", by: db.lena) }
            #expect(early == DossierError(.wrongState, "\(opened.reference) is wanted; custody applies only after arrest"))
            try await db.step(opened.id, Name.locate, by: db.olga)
            try await db.step(opened.id, Name.provisionallyArrest, by: db.olga)
            try await db.extraditions.setCustody(caseID: opened.id, to: .bail, note: "bail granted: surety GBP 50,000", by: db.lena)
            #expect(try await db.custody(opened.id) == "bail")
            let released = await dossierError { try await db.extraditions.setCustody(caseID: opened.id, to: .released, note: "x", by: db.lena) }
            #expect(released == .invalidInput("custody can be set to custody or bail; releases are workflow steps"))
            #expect(try await db.store.timeline(caseID: opened.id).last?.kind.rawValue == "extradition.custody_changed")
        }
    }

    @Test func anAppealDoesNotSkipTheMinistersDecision() async throws {
        try await TestDatabase.withExtradition { db in
            let opened = try await openUKCaseFoundExtraditable(db)
            try await db.step(opened.id, Name.lodgeAppeal, ["appellant": "requesting_state"])
            let skipped = await dossierError { try await db.step(opened.id, Name.dismissAppeal) }
            #expect(skipped?.code == .guardRefused)
            #expect(try await db.store.getCase(id: opened.id).state == State.appealPending)
        }
    }

    /// A US request to the UK (Extradition Act 2003 Part 2, which has an executive stage)
    /// taken up to the judge finding the person extraditable.
    func openUKCaseFoundExtraditable(_ db: TestDatabase) async throws -> Case {
        let opened = try await db.openExtradition(instrument: "uk-ea-2003-part-2", requesting: "US", requested: "GB")
        try await db.step(opened.id, Name.locate, by: db.olga)
        try await db.step(opened.id, Name.provisionallyArrest, by: db.olga)
        try await db.register(requestDocuments + [.identification], on: opened.id)
        for name in [Name.receiveRequest, Name.beginCentralReview] { try await db.step(opened.id, name) }
        try await db.step(opened.id, Name.scheduleHearing, ["hearing_on": "2026-12-01"])
        try await db.step(opened.id, Name.findExtraditable)
        return opened
    }
}
