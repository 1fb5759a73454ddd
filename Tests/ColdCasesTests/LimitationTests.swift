import ColdCases
import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import Testing

@Suite struct LimitationTests {
    @Test func warningTimersAreDue180And30DaysBeforeTheLimitationDate() async throws {
        try await TestDatabase.withColdCases { db async throws in
            let limitation = today(plus: 200)
            let opened = try await db.openColdCase(
                offenceDate: "2020-01-01", wentColdOn: today(plus: -1).description, limitationDate: limitation.description)
            let early = try #require(try await db.runningTimer("limitation_warning_180", on: opened.id))
            let late = try #require(try await db.runningTimer("limitation_warning_30", on: opened.id))
            #expect(early.dueAt == limitation.adding(days: -180).start(in: .gmt))
            #expect(late.dueAt == limitation.adding(days: -30).start(in: .gmt))
            #expect(early.obligation == .must)

            // Nothing fires the day before; the 180-day warning fires on its day.
            #expect(try await db.store.fireDueTimers(now: early.dueAt.addingTimeInterval(-86_400)).isEmpty)
            let fired = try await db.store.fireDueTimers(now: early.dueAt.addingTimeInterval(1))
            #expect(fired.map(\.timer.name) == ["limitation_warning_180"])

            // A limitation date 100 days ahead gets only the 30-day warning; a past one none.
            let near = try await db.openColdCase(offenceDate: "2020-01-01", wentColdOn: "2021-01-01", limitationDate: today(plus: 100).description)
            #expect(try await db.runningTimer("limitation_warning_180", on: near.id) == nil)
            #expect(try await db.runningTimer("limitation_warning_30", on: near.id) != nil)
            let past = try await db.openColdCase(offenceDate: "1990-01-01", limitationDate: "2000-01-01")
            #expect(try await db.store.timers(caseID: past.id).map(\.name) == ["review_due"])
        }
    }

    @Test func warningsListOpenCasesWhoseLimitationFallsWithinTheWindow() async throws {
        try await TestDatabase.withColdCases { db async throws in
            let far = try await db.openColdCase(title: "far", offenceDate: "2020-01-01", wentColdOn: "2021-01-01", limitationDate: today(plus: 200).description)
            _ = try await db.openColdCase(title: "mid", offenceDate: "2020-01-01", wentColdOn: "2021-01-01", limitationDate: today(plus: 100).description)
            _ = try await db.openColdCase(title: "soon", offenceDate: "2020-01-01", wentColdOn: "2021-01-01", limitationDate: today(plus: 30).description)
            _ = try await db.openColdCase(title: "none")
            _ = try await db.openColdCase(title: "past", offenceDate: "1990-01-01", limitationDate: "2000-01-01")
            let closed = try await db.openColdCase(title: "closed", offenceDate: "2020-01-01", wentColdOn: "2021-01-01", limitationDate: today(plus: 10).description)
            _ = try await db.store.runTransition(.init(
                caseID: closed.id, transition: "close_administratively", inputs: ["reason": "duplicate"], actor: db.sam))

            let within180 = try await db.coldCases.limitationWarnings(within: 180, visibleTo: .system)
            #expect(within180.map(\.title) == ["soon", "mid"])
            #expect(within180.map(\.daysRemaining) == [30, 100])
            #expect(try await db.coldCases.limitationWarnings(within: 365, visibleTo: .system).map(\.title) == ["soon", "mid", "far"])
            #expect(try await db.coldCases.limitationWarnings(within: 29, visibleTo: .system).isEmpty)
            #expect(try await db.coldCases.limitationWarnings(within: 30, visibleTo: .system).map(\.title) == ["soon"])
            // Asked 150 days on, the far one is 50 days away and the others have passed.
            let later = db.now.addingTimeInterval(150 * 86_400)
            #expect(try await db.coldCases.limitationWarnings(within: 60, visibleTo: .system, now: later).map(\.caseID) == [far.id])
            let page = try await db.coldCases.limitationWarnings(within: 365, visibleTo: .system, limit: 1)
            #expect(try await db.coldCases.limitationWarnings(within: 365, visibleTo: .system, after: page.last).map(\.title) == ["mid", "far"])
        }
    }
}
