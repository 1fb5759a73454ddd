import DossierCore
import DossierPostgres
import DossierTesting
@testable import Extradition
import Foundation
import Testing

/// The rules steps follow beyond the workflow's states: their order in time, the stages an
/// instrument has, what meets a deadline, what a postponement stops, what an extension
/// allows, and the release tasks that follow the deadlines they came from. Dates are on a
/// fixed clock (25 March 2026, 12:00 UTC).
@Suite struct StepRuleTests {
    typealias Name = ExtraditionWorkflow.TransitionName

    func withDatabase(_ body: (TestDatabase) async throws -> Void) async throws {
        try await TestDatabase.withExtradition(fixedAt: "2026-03-25T12:00:00Z", body)
    }

    /// An EAW case (PL asks DE) up to the final decision ordered at `order`.
    func eawSurrenderOrdered(_ db: TestDatabase, at order: String) async throws -> Case {
        let opened = try await db.openExtradition(instrument: "eu-eaw-2002", requesting: "PL", requested: "DE")
        try await db.register([.identification], on: opened.id)
        try await db.step(opened.id, Name.locate, by: db.olga, at("2026-02-01T08:00:00Z"))
        try await db.step(opened.id, Name.arrestOnRequest, by: db.olga, at("2026-02-02T08:00:00Z"))
        try await db.step(opened.id, Name.recordConsent, at("2026-02-03T08:00:00Z"))
        try await db.step(opened.id, Name.findExtraditable, at("2026-02-05T08:00:00Z"))
        try await db.step(opened.id, Name.orderSurrender, at(order))
        return opened
    }

    /// Takes a case from located at `located` to its hearing: arrested at `arrested`, the
    /// request received, reviewed and a hearing listed (its documents registered first).
    func heard(_ db: TestDatabase, _ opened: Case, located: String, arrested: String) async throws {
        try await db.register(requestDocuments + [.identification], on: opened.id)
        try await db.step(opened.id, Name.locate, by: db.olga, at(located))
        try await db.step(opened.id, Name.provisionallyArrest, by: db.olga, at(arrested))
        for name in [Name.receiveRequest, Name.beginCentralReview] { try await db.step(opened.id, name) }
        try await db.step(opened.id, Name.scheduleHearing, ["hearing_on": "2026-04-02"])
    }

    @Test func aStepDatedBeforeTheLastOneIsRefusedNamingBothDates() async throws {
        try await withDatabase { db in
            let opened = try await db.openExtradition()
            try await db.step(opened.id, Name.locate, by: db.olga, at("2026-03-10T08:00:00Z"))
            let early = await dossierError {
                try await db.step(opened.id, Name.provisionallyArrest, by: db.olga, at("2026-03-09T10:00:00Z"))
            }
            #expect(early == .invalidInput(
                "inputs.occurred_at 2026-03-09 11:00 Europe/Paris is before the case's last step, locate at 2026-03-10 "
                    + "09:00 Europe/Paris; steps are recorded in the order they happened"))
            #expect(try await db.store.getCase(id: opened.id).state == State.located)
        }
    }

    @Test func anAppealIsRefusedUnderAnInstrumentWithoutAppeals() async throws {
        try await withDatabase { db in
            let opened = try await db.openExtradition(instrument: "us-in-1997", requesting: "IN", requested: "US")
            try await heard(db, opened, located: "2026-03-01T08:00:00Z", arrested: "2026-03-02T08:00:00Z")
            try await db.step(opened.id, Name.findExtraditable)
            let appeal = await dossierError { try await db.step(opened.id, Name.lodgeAppeal, ["appellant": "person"]) }
            #expect(appeal?.code == .guardRefused)
            #expect(appeal?.message.hasPrefix(
                "Extradition Treaty between the United States of America and the Republic of India allows no appeal") == true)
            #expect(try await db.store.getCase(id: opened.id).state == State.judicialDecision)
        }
    }

    @Test func aDeadlineMetAfterItsLastDaySaysByHowManyDays() async throws {
        try await withDatabase { db in
            // Last day 20 March in Berlin; surrendered at 10:00 Berlin on 23 March: 3 days late.
            let late = try await eawSurrenderOrdered(db, at: "2026-03-10T10:00:00Z")
            try await db.step(late.id, Name.surrender, by: db.olga, at("2026-03-23T09:00:00Z"))
            let met = try #require(try await db.deadlines(late.id)[.surrender]?.first)
            #expect(met.status == .met)
            #expect(met.metLateByDays == 3)

            let inTime = try await eawSurrenderOrdered(db, at: "2026-03-10T10:00:00Z")
            try await db.step(inTime.id, Name.surrender, by: db.olga, at("2026-03-20T22:59:00Z"))
            #expect(try await db.deadlines(inTime.id)[.surrender]?.first?.metLateByDays == nil, "23:59 in Berlin on the last day")
        }
    }

    @Test func aHearingBeingListedDoesNotMeetTheFirstAppearance() async throws {
        try await withDatabase { db in
            let opened = try await db.openExtradition(instrument: "uk-ea-2003-part-1", requesting: "PL", requested: "GB")
            try await heard(db, opened, located: "2026-03-24T08:00:00Z", arrested: "2026-03-24T10:00:00Z")
            #expect(try await db.deadlines(opened.id)[.firstAppearance]?.first?.status == .running)
            let deadlines = try await db.extraditions.recordFirstAppearance(caseID: opened.id, by: db.lena)
            #expect(deadlines.first { $0.timer == .firstAppearance }?.status == .met)
        }
    }

    @Test func aPostponementWithoutADateStopsThePeriodAndClosesItsReleaseTask() async throws {
        try await withDatabase { db in
            let opened = try await eawSurrenderOrdered(db, at: "2026-03-10T10:00:00Z")
            _ = try await db.store.fireDueTimers()
            #expect(try await db.extraditions.releaseTasks(caseID: opened.id).map(\.resolution) == [nil], "Art. 23(5): must")

            try await db.step(opened.id, Name.postponeSurrender, [
                "ground": "postponement", "reason": "prosecuted in Germany for another offence (Art. 24(1))",
            ])
            var surrender = try #require(try await db.deadlines(opened.id)[.surrender])
            #expect(surrender.map(\.status) == [.postponed], "no 10 days restart without a new date")
            #expect(surrender.first?.reason.hasSuffix("(no new date agreed yet)") == true)
            #expect(try await db.store.timers(caseID: opened.id).allSatisfy { $0.status != .running })
            let task = try #require(try await db.extraditions.releaseTasks(caseID: opened.id).first)
            #expect(task.resolution == .deadlinePostponed)
            #expect(task.resolvedBy == "lena")

            try await db.step(opened.id, Name.postponeSurrender, [
                "ground": "postponement", "reason": "German proceedings ended", "agreed_date": "2026-04-01",
            ])
            surrender = try #require(try await db.deadlines(opened.id)[.surrender])
            #expect(Set(surrender.map(\.status)) == [.running, .superseded])
            #expect(surrender.first { $0.isOpen }?.lastDay?.description == "2026-04-11")
        }
    }

    @Test func aReleaseTaskClosesWhenItsDeadlineIsMetLate() async throws {
        try await withDatabase { db in
            let opened = try await db.openExtradition()
            try await db.register(requestDocuments, on: opened.id)
            try await db.step(opened.id, Name.locate, by: db.olga, at("2026-02-01T08:00:00Z"))
            try await db.step(opened.id, Name.provisionallyArrest, by: db.olga, at("2026-02-02T08:00:00Z"))
            _ = try await db.store.fireDueTimers()
            #expect(try await db.extraditions.releaseTasks(caseID: opened.id).map(\.resolution) == [nil])
            // The request arrived on 20 March, 46 days after the arrest: the 40 days ended on 14 March.
            try await db.step(opened.id, Name.receiveRequest, at("2026-03-20T10:00:00Z"))
            let limit = try #require(try await db.deadlines(opened.id)[.requestLimit]?.first)
            #expect(limit.status == .met)
            #expect(limit.metLateByDays == 6)
            #expect(try await db.extraditions.releaseTasks(caseID: opened.id).first?.resolution == .deadlineMet)
        }
    }

    @Test func extensionsAreRecordedOnceWhileThePeriodRunsAndOnlyWhereAllowed() async throws {
        try await withDatabase { db in
            let opened = try await db.openExtradition(instrument: "eu-eaw-2002", requesting: "PL", requested: "DE")
            try await db.step(opened.id, Name.locate, by: db.olga, at("2026-01-10T08:00:00Z"))
            try await db.step(opened.id, Name.arrestOnRequest, by: db.olga, at("2026-01-15T08:00:00Z"))
            let none = await dossierError {
                try await db.extraditions.extendDeadline(caseID: opened.id, timer: .surrender, reason: "x", by: db.lena)
            }
            #expect(none == DossierError(
                .guardRefused,
                "European Arrest Warrant allows no extension of the surrender deadline; it allows extending decision, "
                    + "decision_after_consent"))
            let tooLate = await dossierError {
                try await db.extraditions.extendDeadline(
                    caseID: opened.id, timer: .decision, grantedAt: try Date("2026-03-17T08:00:00Z", strategy: .iso8601),
                    reason: "x", by: db.lena)
            }
            #expect(tooLate?.message.hasSuffix("a period that has run out cannot be extended") == true)
            let analyst = await dossierError {
                try await db.extraditions.extendDeadline(caseID: opened.id, timer: .decision, reason: "x", by: db.andy)
            }
            #expect(analyst?.code == .roleNotAllowed)

            let extended = try await db.extraditions.extendDeadline(
                caseID: opened.id, timer: .decision, grantedAt: try Date("2026-03-10T09:00:00Z", strategy: .iso8601),
                reason: "awaiting guarantees from the issuing authority", by: db.lena)
            #expect(extended.lastDay?.description == "2026-04-15")
            #expect(extended.extensions == 1)
            #expect(extended.legalBasis.contains("extended: FD 2002/584/JHA Art. 17(4)"))
            let timer = try #require(try await db.store.timers(caseID: opened.id).first { $0.name == "decision" && $0.status == .running })
            #expect(timer.dueAt == extended.dueAt, "the scheduler fires the extended deadline")
            let event = try #require(try await db.store.timeline(caseID: opened.id).last)
            #expect(event.kind.rawValue == "extradition.deadline_extended")
            let payload = event.payload.objectValue ?? [:]
            #expect(payload["from"]?.objectValue?["last_day"] == "2026-03-16")
            #expect(payload["to"]?.objectValue?["last_day"] == "2026-04-15")
            let twice = await dossierError {
                try await db.extraditions.extendDeadline(caseID: opened.id, timer: .decision, reason: "again", by: db.lena)
            }
            #expect(twice?.code == .wrongState)
        }
    }

    @Test func surrenderUnderTheECENeedsItsAppointedDateOnOrAfterTheOrder() async throws {
        try await withDatabase { db in
            let opened = try await db.openExtradition()
            try await heard(db, opened, located: "2026-02-01T08:00:00Z", arrested: "2026-02-02T08:00:00Z")
            try await db.step(opened.id, Name.findExtraditable)
            let missing = await dossierError { try await db.step(opened.id, Name.orderSurrender) }
            #expect(missing?.message.hasPrefix(
                "inputs.appointed_date is required under European Convention on Extradition: the surrender period counts "
                    + "from the date appointed for surrender (ECE 1957 Art. 18(4)") == true)
            let before = await dossierError { try await db.step(opened.id, Name.orderSurrender, ["appointed_date": "2026-03-24"]) }
            #expect(before == .invalidInput(
                "inputs.appointed_date 2026-03-24 is before the day of the step (2026-03-25 in Europe/Paris); a surrender "
                    + "date is on or after the day it is set"))
            try await db.step(opened.id, Name.orderSurrender, ["appointed_date": "2026-04-01"])
            #expect(try await db.deadlines(opened.id)[.surrender]?.first?.lastDay?.description == "2026-04-16")
        }
    }
}
