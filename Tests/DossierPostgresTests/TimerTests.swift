import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import Testing

@Suite struct TimerTests {
    @Test func dueTimersAreFiredOnceByConcurrentClaimersAndTakeTheirExpiryTransition() async throws {
        try await TestDatabase.withTested { db async throws in
            var cases: [Case] = []
            for index in 0..<10 {
                let opened = try await db.openTestCase(title: "Case \(index)")
                _ = try await db.store.runTransition(.init(caseID: opened.id, transition: "activate", actor: db.actor(.investigator)))
                cases.append(opened)
            }
            // Nothing is due yet.
            #expect(try await db.store.fireDueTimers(now: db.now).isEmpty)

            // Three days on, every escalation_due (48 h) is due, no review_due (28 days) is.
            let later = db.now.addingTimeInterval(3 * 86_400)
            let fired = try await withThrowingTaskGroup(of: [FiredTimer].self) { group in
                for _ in 0..<2 { group.addTask { try await db.store.fireDueTimers(now: later) } }
                return try await group.reduce(into: [FiredTimer]()) { $0 += $1 }
            }
            #expect(fired.count == 10)
            #expect(Set(fired.map(\.timer.id)).count == 10)
            #expect(fired.allSatisfy { $0.timer.name == "escalation_due" && $0.transitionTaken == "escalate" })
            for opened in cases {
                let current = try await db.store.getCase(id: opened.id)
                #expect(current.state == "escalated")
                let kinds = try await db.store.timeline(caseID: opened.id).map(\.kind)
                #expect(kinds == [.opened, .transition, .timerFired, .transition])
            }
            #expect(try await db.store.fireDueTimers(now: later).isEmpty)
            #expect(try await db.store.verifyChains().isIntact)
        }
    }

    @Test func anExpiryTransitionThatNoLongerAppliesIsRecordedNotForced() async throws {
        try await TestDatabase.withTested { db async throws in
            let opened = try await db.openTestCase()
            _ = try await db.store.runTransition(.init(caseID: opened.id, transition: "activate", actor: db.actor(.investigator)))
            // escalation_due started on a transition, so it keeps running in 'paused', from
            // where 'escalate' cannot run.
            _ = try await db.store.runTransition(.init(caseID: opened.id, transition: "pause", actor: db.actor(.investigator)))
            let fired = try await db.store.fireDueTimers(now: db.now.addingTimeInterval(3 * 86_400))
            #expect(fired.map(\.timer.name) == ["escalation_due"])
            #expect(fired.first?.transitionTaken == nil)
            #expect(fired.first?.transitionRefusal?.contains("cannot run from state 'paused'") == true)
            #expect(try await db.store.getCase(id: opened.id).state == "paused")
            #expect(try await db.store.timeline(caseID: opened.id).last?.kind == .timerFired)
        }
    }

    @Test func enteringATerminalStateCancelsEveryRunningTimer() async throws {
        try await TestDatabase.withTested { db async throws in
            let opened = try await db.openTestCase()
            _ = try await db.store.runTransition(.init(caseID: opened.id, transition: "activate", actor: db.actor(.investigator)))
            #expect(try await db.store.timers(caseID: opened.id).allSatisfy { $0.status == .running })
            _ = try await db.store.runTransition(.init(caseID: opened.id, transition: "close", inputs: ["reason": "x"], actor: db.actor(.supervisor)))
            #expect(try await db.store.timers(caseID: opened.id).allSatisfy { $0.status == .cancelled })
            #expect(try await db.store.fireDueTimers(now: db.now.addingTimeInterval(60 * 86_400)).isEmpty)
        }
    }

    @Test func timersCarryTheirDueDateFromTheDefinition() async throws {
        try await TestDatabase.withTested { db async throws in
            let opened = try await db.openTestCase()
            let activated = try await db.store.runTransition(.init(caseID: opened.id, transition: "activate", actor: db.actor(.investigator)))
            let timers = try await db.store.timers(caseID: opened.id)
            let escalation = try #require(timers.first { $0.name == "escalation_due" })
            #expect(abs(escalation.dueAt.timeIntervalSince(activated.event.occurredAt) - 48 * 3600) < 0.001)
            #expect(escalation.obligation == .must)
            #expect(escalation.expiry == .takeTransition("escalate"))
        }
    }

    @Test func aFailingModuleHookNeverStallsTheTimersBehindIt() async throws {
        try await TestDatabase.with(modules: [CasesUnderTest(), FailingTimerHookModule()]) { db async throws in
            for index in 0..<3 {
                let opened = try await db.openTestCase(title: "Case \(index)")
                _ = try await db.store.runTransition(.init(caseID: opened.id, transition: "activate", actor: db.actor(.investigator)))
            }
            let fired = try await db.store.fireDueTimers(now: db.now.addingTimeInterval(3 * 86_400))
            #expect(fired.count == 3)
            #expect(fired.allSatisfy { $0.transitionTaken == nil && $0.transitionRefusal?.contains("the module broke") == true })
            #expect(try await db.count("SELECT count(*) FROM case_timers WHERE fired_at IS NOT NULL") == 3)
            #expect(try await db.store.verifyChains().isIntact)
        }
    }
}

/// A module whose `timerFired` hook fails for every case, as a buggy module might.
struct FailingTimerHookModule: HookModule {
    let id = "failing-timers"
    let name = "Failing timers"
    let version = SemanticVersion(1, 0, 0)
    let referencePrefix = "FTH"
    var hooks: [CaseHook] {
        [.timerFired(scope: .allCases) { _, _ in throw DossierError(.hookRefused, "the module broke") }]
    }
}
