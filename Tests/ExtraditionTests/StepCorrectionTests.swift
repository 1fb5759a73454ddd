import DossierCore
import DossierPostgres
import DossierTesting
@testable import Extradition
import Foundation
import Testing

/// Corrections of a step's time or place, and instrument rules applied to a case, against
/// dates worked out by hand (clock fixed at 25 March 2026, 12:00 UTC; Paris is UTC+1 until
/// 29 March, then UTC+2; Berlin alike):
///
/// | what | rule | before | after the correction |
/// |---|---|---|---|
/// | arrest recorded 9 Mar 23:30 UTC (00:30 Paris, 10 Mar), corrected to 8 Mar 10:00 UTC | ECE Art. 16(4) 18 days | last day 28 Mar | 26 Mar, due 26 Mar 23:00 UTC |
/// | the same | ECE Art. 16(4) 40 days | 19 Apr | 17 Apr, due 17 Apr 22:00 UTC |
/// | the same | 3rd Protocol Art. 6, 10 days | 20 Mar | 18 Mar, due 18 Mar 23:00 UTC: past, so expired |
/// | arrest 2 Feb corrected to 20 Feb 08:00 UTC | ECE 40 days | 14 Mar, expired, release task | 1 Apr, due 1 Apr 22:00 UTC: running, task closed |
/// | surrender 23 Mar 09:00 UTC corrected to 20 Mar 09:00 UTC | EAW Art. 23(2), last day 20 Mar | met late by 3 days | met in time |
/// | ECE 18 days edited to 20, applied to a case arrested 10 Mar 10:00 UTC | the edited rule | last day 28 Mar | 30 Mar, due 30 Mar 22:00 UTC |
/// | a case opened under the ECE corrected to the EAW, arrested 10 Mar 10:00 UTC (11:00 Paris) | EAW Art. 17(3) 60 days | the ECE's 18/40/10 days | ECE periods superseded; decision last day 9 May, due 9 May 22:00 UTC |
@Suite struct StepCorrectionTests {
    typealias Name = ExtraditionWorkflow.TransitionName

    func withDatabase(_ body: (TestDatabase) async throws -> Void) async throws {
        try await TestDatabase.withExtradition(fixedAt: "2026-03-25T12:00:00Z", body)
    }

    func date(_ text: String) throws -> Date { try Date(text, strategy: .iso8601) }

    /// An ECE case (the US asks France), located on 1 March and arrested at `arrest`.
    func arrested(_ db: TestDatabase, at arrest: String) async throws -> (Case, ExtraditionStep) {
        let opened = try await db.openExtradition()
        try await db.register(requestDocuments, on: opened.id)
        try await db.step(opened.id, Name.locate, by: db.olga, at("2026-02-01T08:00:00Z"))
        try await db.step(opened.id, Name.provisionallyArrest, by: db.olga, at(arrest))
        let step = try #require(try await db.extraditions.steps(caseID: opened.id).last)
        return (opened, step)
    }

    func open(_ deadlines: [ExtraditionTimer: [LegalDeadline]], _ timer: ExtraditionTimer) -> LegalDeadline? {
        deadlines[timer]?.first { $0.isOpen }
    }

    @Test func aCorrectedArrestRecomputesItsDeadlinesAndKeepsTheOldOnes() async throws {
        try await withDatabase { db in
            let (opened, arrest) = try await arrested(db, at: "2026-03-09T23:30:00Z")
            #expect(open(try await db.deadlines(opened.id), .request)?.lastDay?.description == "2026-03-28")
            let reason = "the arrest report gives 8 March, 11:00"
            try await db.extraditions.correctStep(
                caseID: opened.id, step: arrest.id, occurredAt: try date("2026-03-08T10:00:00Z"), reason: reason, by: db.lena)

            let deadlines = try await db.deadlines(opened.id)
            let request = try #require(open(deadlines, .request))
            #expect(request.lastDay?.description == "2026-03-26")
            #expect(request.dueAt == (try date("2026-03-26T23:00:00Z")))
            #expect(request.status == .running)
            let limit = try #require(open(deadlines, .requestLimit))
            #expect(limit.lastDay?.description == "2026-04-17")
            #expect(limit.dueAt == (try date("2026-04-17T22:00:00Z")))
            let consent = try #require(open(deadlines, .consentNotice))
            #expect(consent.lastDay?.description == "2026-03-18")
            #expect(consent.status == .expired, "its recomputed end has passed")
            for timer in [ExtraditionTimer.request, .requestLimit, .consentNotice] {
                let old = try #require(deadlines[timer]?.first { $0.status == .superseded })
                #expect(old.reason == "corrected: \(reason)", "\(timer)")
            }
            let timer = try #require(try await db.store.timers(caseID: opened.id).first { $0.name == "request_limit" && $0.status == .running })
            #expect(timer.dueAt == limit.dueAt)

            let step = try #require(try await db.extraditions.steps(caseID: opened.id).last)
            #expect(step.occurredAt == (try date("2026-03-08T10:00:00Z")))
            #expect(step.corrections.map(\.oldOccurredAt) == [try date("2026-03-09T23:30:00Z")])
            #expect(step.corrections.first?.correctedBy == "lena")
            let event = try #require(try await db.store.timeline(caseID: opened.id).last)
            #expect(event.kind.rawValue == "extradition.step_corrected")
            #expect(event.payload.objectValue?["old"]?.objectValue?["occurred_at"] == "2026-03-09T23:30:00Z")
            #expect(event.payload.objectValue?["new"]?.objectValue?["occurred_at"] == "2026-03-08T10:00:00Z")
            #expect(event.payload.objectValue?["deadlines"]?.arrayValue?.count == 3)
        }
    }

    @Test func aCorrectionStaysBetweenTheStepsBeforeAndAfterIt() async throws {
        try await withDatabase { db in
            let (opened, arrest) = try await arrested(db, at: "2026-03-09T10:00:00Z")
            try await db.step(opened.id, Name.receiveRequest, at("2026-03-20T10:00:00Z"))
            let before = await dossierError {
                try await db.extraditions.correctStep(
                    caseID: opened.id, step: arrest.id, occurredAt: try date("2026-01-31T10:00:00Z"), reason: "x", by: db.lena)
            }
            #expect(before == .invalidInput(
                "occurred_at 2026-01-31 11:00 Europe/Paris is before the step recorded before it, locate at 2026-02-01 09:00 Europe/Paris"))
            let after = await dossierError {
                try await db.extraditions.correctStep(
                    caseID: opened.id, step: arrest.id, occurredAt: try date("2026-03-21T10:00:00Z"), reason: "x", by: db.lena)
            }
            #expect(after?.message.hasPrefix("occurred_at 2026-03-21 11:00 Europe/Paris is after the step recorded after it, receive_request") == true)
            let zone = await dossierError {
                try await db.extraditions.correctStep(
                    caseID: opened.id, step: arrest.id, occurredAt: try date("2026-03-09T10:00:00Z"), zone: "Europe/Madrid",
                    reason: "x", by: db.lena)
            }
            #expect(zone == .invalidInput("zone 'Europe/Madrid' is not a time zone of FR; use Europe/Paris"))
            let analyst = await dossierError {
                try await db.extraditions.correctStep(
                    caseID: opened.id, step: arrest.id, occurredAt: try date("2026-03-09T11:00:00Z"), reason: "x", by: db.andy)
            }
            #expect(analyst?.code == .roleNotAllowed)
            #expect(try await db.extraditions.steps(caseID: opened.id).allSatisfy { $0.corrections.isEmpty })
        }
    }

    @Test func aReleaseTaskFollowsItsDeadlineWhenTheArrestIsCorrected() async throws {
        try await withDatabase { db in
            let (opened, arrest) = try await arrested(db, at: "2026-02-02T08:00:00Z")
            _ = try await db.store.fireDueTimers()
            #expect(try await db.extraditions.releaseTasks(caseID: opened.id).map(\.resolution) == [nil])
            try await db.extraditions.correctStep(
                caseID: opened.id, step: arrest.id, occurredAt: try date("2026-02-20T08:00:00Z"),
                reason: "typed 2 February for 20 February", by: db.lena)
            let limit = try #require(open(try await db.deadlines(opened.id), .requestLimit))
            #expect(limit.status == .running)
            #expect(limit.lastDay?.description == "2026-04-01")
            #expect(limit.dueAt == (try date("2026-04-01T22:00:00Z")))
            #expect(try await db.extraditions.releaseTasks(caseID: opened.id).first?.resolution == .deadlineSuperseded)
        }
    }

    @Test func correctingTheStepThatMetADeadlineMovesWhenItWasMet() async throws {
        try await withDatabase { db in
            let opened = try await db.openExtradition(instrument: "eu-eaw-2002", requesting: "PL", requested: "DE")
            try await db.register([.identification], on: opened.id)
            try await db.step(opened.id, Name.locate, by: db.olga, at("2026-02-01T08:00:00Z"))
            try await db.step(opened.id, Name.arrestOnRequest, by: db.olga, at("2026-02-02T08:00:00Z"))
            try await db.step(opened.id, Name.recordConsent, at("2026-02-03T08:00:00Z"))
            try await db.step(opened.id, Name.findExtraditable, at("2026-02-05T08:00:00Z"))
            try await db.step(opened.id, Name.orderSurrender, at("2026-03-10T10:00:00Z"))
            try await db.step(opened.id, Name.surrender, by: db.olga, at("2026-03-23T09:00:00Z"))
            #expect(try await db.deadlines(opened.id)[.surrender]?.first?.metLateByDays == 3)
            let surrender = try #require(try await db.extraditions.steps(caseID: opened.id).last)
            try await db.extraditions.correctStep(
                caseID: opened.id, step: surrender.id, occurredAt: try date("2026-03-20T09:00:00Z"),
                reason: "the escort's log shows the handover on 20 March", by: db.lena)
            let surrenders = try #require(try await db.deadlines(opened.id)[.surrender])
            #expect(surrenders.map(\.status) == [.met], "its period is the same; only when it was met moved")
            let met = try #require(surrenders.first { $0.status == .met })
            #expect(met.endedAt == (try date("2026-03-20T09:00:00Z")))
            #expect(met.metLateByDays == nil)
        }
    }

    @Test func anEditedRuleChangesARunningDeadlineOnlyWhenAppliedToTheCase() async throws {
        try await withDatabase { db in
            let (opened, _) = try await arrested(db, at: "2026-03-10T10:00:00Z")
            var ece = try await db.extraditions.instrument(id: "ece-1957")
            let position = try #require(ece.timers.firstIndex { $0.timer == .request })
            ece.timers[position].duration = .days(20)
            ece.timers[position].legalBasis = "ECE 1957 Art. 16(4) as amended for this test: 20 days"
            try await db.extraditions.saveInstrument(ece, by: db.actor(.admin, id: "root.admin"))
            #expect(open(try await db.deadlines(opened.id), .request)?.lastDay?.description == "2026-03-28", "running deadlines keep their rule")

            let reason = "legal officer's decision of 25 March: the amended period applies"
            try await db.extraditions.applyInstrumentRules(caseID: opened.id, reason: reason, by: db.lena)
            let deadlines = try await db.deadlines(opened.id)
            let request = try #require(open(deadlines, .request))
            #expect(request.duration == .days(20))
            #expect(request.lastDay?.description == "2026-03-30")
            #expect(request.dueAt == (try date("2026-03-30T22:00:00Z")))
            #expect(request.legalBasis == "ECE 1957 Art. 16(4) as amended for this test: 20 days")
            #expect(deadlines[.request]?.first { $0.status == .superseded }?.reason == "ece-1957 rules applied: \(reason)")
            #expect(open(deadlines, .requestLimit)?.lastDay?.description == "2026-04-19", "unchanged rules stay")
            #expect(try await db.store.timeline(caseID: opened.id).last?.kind.rawValue == "extradition.rules_applied")
            let again = await dossierError { try await db.extraditions.applyInstrumentRules(caseID: opened.id, reason: "x", by: db.lena) }
            #expect(again?.code == .wrongState)
        }
    }

    @Test func aCaseOpenedUnderTheWrongInstrumentIsCorrectedAndItsDeadlinesFollow() async throws {
        try await withDatabase { db in
            let (opened, _) = try await arrested(db, at: "2026-03-10T10:00:00Z")
            let same = await dossierError {
                try await db.extraditions.correctInstrument(caseID: opened.id, to: "ece-1957", reason: "x", by: db.lena)
            }
            #expect(same?.message == "\(opened.reference) already proceeds under 'ece-1957'")
            let unknown = await dossierError {
                try await db.extraditions.correctInstrument(caseID: opened.id, to: "hague-1999", reason: "x", by: db.lena)
            }
            #expect(unknown?.message.hasPrefix("instrument 'hague-1999' is not a known instrument; use ece-1957, ") == true)
            let analyst = await dossierError {
                try await db.extraditions.correctInstrument(caseID: opened.id, to: "eu-eaw-2002", reason: "x", by: db.andy)
            }
            #expect(analyst?.code == .roleNotAllowed)

            let reason = "the request is a European arrest warrant"
            try await db.extraditions.correctInstrument(caseID: opened.id, to: "eu-eaw-2002", reason: reason, by: db.lena)
            let deadlines = try await db.deadlines(opened.id)
            #expect(deadlines.values.flatMap { $0 }.filter(\.isOpen).map(\.timer) == [.decision])
            let decision = try #require(open(deadlines, .decision))
            #expect(decision.lastDay?.description == "2026-05-09")
            #expect(decision.dueAt == (try date("2026-05-09T22:00:00Z")))
            #expect(decision.instrument == "eu-eaw-2002")
            for timer in [ExtraditionTimer.request, .requestLimit, .consentNotice] {
                #expect(deadlines[timer]?.allSatisfy { $0.status == .superseded } == true, "\(timer)")
                #expect(deadlines[timer]?.contains { $0.reason == "instrument corrected from ece-1957 to eu-eaw-2002: \(reason)" } == true)
            }
            let corrected = try await db.store.getCase(id: opened.id)
            #expect(try corrected.attributes.decode(as: ExtraditionAttributes.self).instrument == "eu-eaw-2002")
            #expect(try await db.store.timeline(caseID: opened.id).last?.kind.rawValue == "extradition.instrument_corrected")
            #expect(try await db.store.timers(caseID: opened.id).filter { $0.status == .running }.map(\.name) == ["decision"])
        }
    }

    /// The first arrest's decision period was met; after a release and a re-arrest a new
    /// one runs. Correcting the first arrest recomputes only its own deadline.
    @Test func correctingAnEarlierStepLeavesALaterRunningDeadlineAlone() async throws {
        try await withDatabase { db in
            let opened = try await db.openExtradition(instrument: "eu-eaw-2002", requesting: "PL", requested: "DE")
            try await db.register(requestDocuments, on: opened.id)
            try await db.step(opened.id, Name.locate, by: db.olga, at("2026-01-10T08:00:00Z"))
            try await db.step(opened.id, Name.arrestOnRequest, by: db.olga, at("2026-01-12T08:00:00Z"))
            let firstArrest = try #require(try await db.extraditions.steps(caseID: opened.id).last)
            try await db.step(opened.id, Name.receiveRequest, at("2026-01-13T08:00:00Z"))
            try await db.step(opened.id, Name.beginCentralReview, at("2026-01-14T08:00:00Z"))
            try await db.step(opened.id, Name.scheduleHearing, at("2026-01-15T08:00:00Z", ["hearing_on": "2026-02-01"]))
            try await db.step(opened.id, Name.findExtraditable, at("2026-02-01T10:00:00Z"))
            try await db.step(opened.id, Name.releaseOnTimeout, at("2026-02-20T10:00:00Z", ["reason": "guarantees not given"]))
            try await db.step(opened.id, Name.reArrest, by: db.olga, at("2026-03-20T10:00:00Z", ["reason": "guarantees given"]))
            let running = try #require(open(try await db.deadlines(opened.id), .decision))
            #expect(running.lastDay?.description == "2026-05-19")

            try await db.extraditions.correctStep(
                caseID: opened.id, step: firstArrest.id, occurredAt: try date("2026-01-11T08:00:00Z"),
                reason: "the warrant was executed on 11 January", by: db.lena)
            let decisions = try #require(try await db.deadlines(opened.id)[.decision])
            #expect(decisions.filter(\.isOpen).map(\.id) == [running.id], "the re-arrest's period is untouched")
            let met = try #require(decisions.first { $0.status == .met })
            #expect(met.lastDay?.description == "2026-03-12", "60 days after 11 January")
            #expect(met.endedAt == (try date("2026-02-01T10:00:00Z")))
            #expect(try await db.store.timers(caseID: opened.id).contains { $0.name == "decision" && $0.status == .running })
        }
    }
}
