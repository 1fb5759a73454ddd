import DossierCore
import DossierPostgres
import DossierTesting
@testable import Extradition
import Foundation
import PostgresNIO
import Testing

/// Expired deadlines, release tasks, release on timeout and re-arrest on the same case.
@Suite struct ReleaseTests {
    @Test func anExpiredMustReleaseDeadlineOpensAReleaseTaskAndReleaseResolvesIt() async throws {
        try await TestDatabase.withExtradition { db in
            let opened = try await db.openExtradition()
            try await db.step(opened.id, Name.locate, daysAgo: 45, by: db.olga)
            try await db.step(opened.id, Name.provisionallyArrest, daysAgo: 42, by: db.olga)

            let fired = try await db.store.fireDueTimers()
            #expect(Set(fired.map(\.timer.name)) == ["request", "request_limit", "consent_notice"])
            let deadlines = try await db.deadlines(opened.id)
            #expect(deadlines[.request]?.first?.status == .expired)
            #expect(deadlines[.requestLimit]?.first?.status == .expired)
            let tasks = try await db.extraditions.releaseTasks(caseID: opened.id)
            #expect(tasks.count == 1, "only the 40-day rule says the person must be released")
            #expect(tasks.first?.legalBasis.hasPrefix("ECE 1957 Art. 16(4): provisional arrest shall in no event exceed 40 days") == true)
            #expect(tasks.first?.resolution == nil)

            let board = try await db.extraditions.board(visibleTo: db.lena)
            #expect(board.first?.caseID == opened.id)
            #expect(board.prefix(3).allSatisfy { $0.isOverdue(at: db.now) })
            // The release task is the 40-day deadline's: the "may" ones that passed have none.
            #expect(board.filter(\.releaseTaskOpen).map(\.deadline.timer) == [.requestLimit])

            let released = try await db.step(opened.id, Name.releaseOnTimeout, ["reason": "40 days elapsed (ECE Art. 16(4))"])
            #expect(released.state == State.releasedTimeout)
            #expect(try await db.custody(opened.id) == "released")
            let resolved = try await db.extraditions.releaseTasks(caseID: opened.id)
            #expect(resolved.first?.resolution == .released)
            #expect(resolved.first?.resolvedBy == "lena")
            #expect(try await db.extraditions.deadlines(caseID: opened.id).allSatisfy { !$0.isOpen })
            #expect(try await db.extraditions.board(visibleTo: db.lena).isEmpty)
        }
    }

    @Test func theBoardShowsAVisibleDeadlineBehindTenThousandHiddenOnes() async throws {
        try await TestDatabase.withExtradition { db in
            let visible = try await db.openExtradition()
            try await db.step(visible.id, Name.locate, daysAgo: 2, by: db.olga)
            try await db.step(visible.id, Name.provisionallyArrest, daysAgo: 1, by: db.olga)
            let hidden = try await db.store.openCase(
                NewCase(module: "extradition", type: "extradition", title: "Another agency's", classification: .confidential,
                        owningAgency: "NCA", country: "FR", attributes: visible.attributes),
                by: .system)
            // 10,000 open deadlines on a case lena may not see, all due before any of hers.
            let now = db.now.formatted(.iso8601)
            try await db.asSuperuser("""
                INSERT INTO extradition_deadlines (id, case_id, timer, instrument_id, value, unit, counting, legal_basis, obligation,
                                                   calendar, country, time_zone, started_by, runs_from, due_at, status)
                SELECT gen_random_uuid(), '\(hidden.id)', 'request', 'ece-1957', 18, 'calendar_days', 'day_after_event', 'hidden', 'may',
                       'FR', 'FR', 'Europe/Paris', 'provisionally_arrest', timestamptz '\(now)' - interval '130 days',
                       timestamptz '\(now)' - interval '100 days' - n * interval '1 minute', 'running'
                FROM generate_series(1, 10000) AS n
                """)
            let board = try await db.extraditions.board(visibleTo: db.lena, limit: 5)
            #expect(!board.isEmpty)
            #expect(board.allSatisfy { $0.caseID == visible.id }, "\(board.map(\.reference))")
            let operatorBoard = try await db.extraditions.boardForOperator(limit: 5)
            #expect(operatorBoard.count == 5 && operatorBoard.allSatisfy { $0.caseID == hidden.id }, "the operator sees every case")
        }
    }

    @Test func reArrestOnceTheRequestArrivesReopensTheSameCase() async throws {
        try await TestDatabase.withExtradition { db in
            let opened = try await db.openExtradition(instrument: "eu-eaw-2002", requesting: "PL", requested: "DE")
            try await db.step(opened.id, Name.locate, by: db.olga)
            try await db.step(opened.id, Name.arrestOnRequest, by: db.olga)
            try await db.step(opened.id, Name.releaseOnTimeout, ["reason": "decision period ran out"])

            let early = await dossierError { try await db.step(opened.id, Name.reArrest, by: db.olga, ["reason": "request in"]) }
            #expect(early?.message == "re_arrest needs these documents registered first: arrest warrant, translation (European Arrest Warrant)")
            try await db.register([.arrestWarrant, .translation], on: opened.id)
            let rearrested = try await db.step(opened.id, Name.reArrest, by: db.olga, ["reason": "EAW re-issued"])
            #expect(rearrested.id == opened.id)
            #expect(rearrested.state == State.arrestedOnRequest)
            #expect(rearrested.closedAt == nil)
            #expect(try await db.custody(opened.id) == "custody")
            let decisions = try #require(try await db.deadlines(opened.id)[.decision])
            #expect(decisions.map(\.status) == [.running, .closed])
            #expect(decisions[0].reason == "re-arrest: EAW re-issued")
            #expect(try await db.extraditions.steps(caseID: opened.id).last?.note == "EAW re-issued")
        }
    }

    @Test func legalStaffCanRecordWhyThePersonIsStillLawfullyHeld() async throws {
        try await TestDatabase.withExtradition { db in
            let opened = try await db.openExtradition(instrument: "uk-ea-2003-part-2", requesting: "US", requested: "GB")
            try await db.step(opened.id, Name.locate, daysAgo: 50, by: db.olga)
            try await db.step(opened.id, Name.provisionallyArrest, daysAgo: 46, by: db.olga)
            _ = try await db.store.fireDueTimers()
            #expect(try await db.extraditions.releaseTasks(caseID: opened.id).first?.resolution == nil)

            let analyst = await dossierError { _ = try await db.extraditions.recordLawfulDetention(caseID: opened.id, note: "x", by: db.andy) }
            #expect(analyst?.code == .roleNotAllowed)
            let tasks = try await db.extraditions.recordLawfulDetention(
                caseID: opened.id, note: "period extended to 65 days for this territory by SI 2003/3334 art. 3", by: db.lena)
            #expect(tasks.first?.resolution == .lawfullyHeld)
            let again = await dossierError { _ = try await db.extraditions.recordLawfulDetention(caseID: opened.id, note: "x", by: db.lena) }
            #expect(again == DossierError(.wrongState, "\(opened.reference) has no open release task"))
            // The deadline itself stays expired on the board until the request arrives.
            #expect(try await db.extraditions.board(visibleTo: db.lena).first?.releaseTaskOpen == false)
        }
    }

    @Test func aFirstAppearanceMeetsItsDeadline() async throws {
        try await TestDatabase.withExtradition { db in
            let admin = db.actor(.admin, id: "root.admin")
            var instrument = try await db.extraditions.instrument(id: "ece-1957")
            instrument.id = "test-48h"
            instrument.timers.append(InstrumentTimer(
                .firstAppearance, .hours(48), legalBasis: "Extradition Act 2003 s.6(2)", obligation: .must))
            try await db.extraditions.saveInstrument(instrument, by: admin)
            let opened = try await db.openExtradition(instrument: "test-48h")
            try await db.step(opened.id, Name.locate, daysAgo: 2, by: db.olga)
            try await db.step(opened.id, Name.provisionallyArrest, daysAgo: 1, by: db.olga)
            let appearance = try #require(try await db.deadlines(opened.id)[.firstAppearance]?.first)
            #expect(appearance.lastDay == nil)
            #expect(abs(appearance.dueAt.timeIntervalSince(appearance.runsFrom) - 48 * 3600) < 0.001)

            let deadlines = try await db.extraditions.recordFirstAppearance(caseID: opened.id, by: db.lena)
            #expect(deadlines.first { $0.timer == .firstAppearance }?.status == .met)
            #expect(try await db.store.timers(caseID: opened.id).first { $0.name == "first_appearance" }?.status == .cancelled)
            let twice = await dossierError { _ = try await db.extraditions.recordFirstAppearance(caseID: opened.id, by: db.lena) }
            #expect(twice?.code == .wrongState)
        }
    }
}
