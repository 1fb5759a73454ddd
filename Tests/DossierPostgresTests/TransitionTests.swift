import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import Testing

@Suite struct TransitionTests {
    @Test func happyPathChangesStateAppendsEventStartsTimersAndRunsHooks() async throws {
        try await TestDatabase.withTested { db async throws in
            let opened = try await db.openTestCase()
            #expect(opened.state == "open")
            #expect(opened.reference.hasPrefix("TST-"))
            let activated = try await db.store.runTransition(
                TransitionRequest(caseID: opened.id, transition: "activate", actor: db.actor(.investigator, id: "ivy")))
            #expect(activated.case.state == "active")
            #expect(activated.case.version == opened.version + 1)
            #expect(activated.event.kind == .transition)
            #expect(activated.event.sequence == 2)
            #expect(activated.event.payload.objectValue?["from"] == "open")
            let timers = try await db.store.timers(caseID: opened.id)
            #expect(Set(timers.map(\.name)) == ["review_due", "escalation_due"])
            #expect(timers.first { $0.name == "escalation_due" }?.legalBasis == "Rule 7")

            let closed = try await db.store.runTransition(
                TransitionRequest(caseID: opened.id, transition: "close", inputs: ["reason": "solved"], actor: db.actor(.supervisor, id: "sam")))
            #expect(closed.case.state == "closed")
            #expect(closed.case.closedAt != nil)
            #expect(closed.case.attributes.objectValue?["closing_reason"] == "solved")
            let running = try await db.store.timers(caseID: opened.id).filter { $0.status == .running }
            #expect(running.isEmpty, "entering a terminal state stops every timer: \(running)")
            #expect(try await db.count("SELECT count(*) FROM tested_decisions") == 2)
            #expect(try await db.store.verifyChains(caseID: opened.id).isIntact)
        }
    }

    /// Each refusal must throw its own code and leave the database exactly as it was.
    @Test(arguments: [
        ("close", [:], Role.supervisor, DossierError.Code.wrongState, false),
        ("activate", [:], Role.analyst, .roleNotAllowed, false),
        ("touch", [:], Role.supervisor, .roleNotAllowed, true),
        ("close", [:], Role.supervisor, .invalidInput, true),
        ("close", ["reason": 7], Role.supervisor, .invalidInput, true),
        ("close", ["reason": "x", "code": "Z"], Role.supervisor, .invalidInput, true),
        ("refuse_in_hook", [:], Role.supervisor, .hookRefused, true),
        ("fly", [:], Role.supervisor, .invalidInput, true),
    ] as [(String, [String: JSONValue], Role, DossierError.Code, Bool)])
    func refusalsLeaveNoTrace(transition: String, inputs: [String: JSONValue], role: Role, code: DossierError.Code, activateFirst: Bool) async throws {
        try await TestDatabase.withTested { db async throws in
            let opened = try await db.openTestCase()
            if activateFirst {
                _ = try await db.store.runTransition(.init(caseID: opened.id, transition: "activate", actor: db.actor(.investigator)))
            }
            let before = try await db.snapshot(of: opened.id)
            let error = await dossierError {
                _ = try await db.store.runTransition(.init(
                    caseID: opened.id, transition: transition, inputs: inputs, actor: db.actor(role, id: "someone"),
                    idempotencyKey: "refused-\(transition)"))
            }
            #expect(error?.code == code, "\(error?.message ?? "no error")")
            #expect(try await db.snapshot(of: opened.id) == before)
        }
    }

    @Test func aGuardRefusesWithItsMessageAndLeavesNoTrace() async throws {
        try await TestDatabase.withTested { db async throws in
            let opened = try await db.openTestCase(attributes: ["hold": true])
            _ = try await db.store.runTransition(.init(caseID: opened.id, transition: "activate", actor: db.actor(.investigator)))
            let before = try await db.snapshot(of: opened.id)
            let error = await dossierError {
                _ = try await db.store.runTransition(.init(
                    caseID: opened.id, transition: "close", inputs: ["reason": "done"], actor: db.actor(.supervisor)))
            }
            #expect(error == DossierError(.guardRefused, "the case is on hold; lift the hold first"))
            #expect(try await db.snapshot(of: opened.id) == before)
        }
    }

    @Test func aStaleExpectedVersionIsRefusedAndLeavesNoTrace() async throws {
        try await TestDatabase.withTested { db async throws in
            let opened = try await db.openTestCase()
            let activated = try await db.store.runTransition(.init(
                caseID: opened.id, transition: "activate", actor: db.actor(.investigator), expectedVersion: opened.version))
            let before = try await db.snapshot(of: opened.id)
            let error = await dossierError {
                _ = try await db.store.runTransition(.init(
                    caseID: opened.id, transition: "touch", actor: db.actor(.investigator), expectedVersion: opened.version))
            }
            #expect(error == DossierError(
                .staleVersion,
                "case \(opened.reference) is at version \(activated.case.version), not \(opened.version); reload it and try again"))
            #expect(try await db.snapshot(of: opened.id) == before)
        }
    }

    @Test func sixtyFourConcurrentTransitionsOnOneCaseSerializeAndLoseNothing() async throws {
        try await TestDatabase.withTested { db async throws in
            let opened = try await db.openTestCase()
            let active = try await db.store.runTransition(.init(caseID: opened.id, transition: "activate", actor: db.actor(.investigator)))
            // Half of the callers insist on the version they saw; most of those must lose.
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<64 {
                    group.addTask {
                        do {
                            _ = try await db.store.runTransition(.init(
                                caseID: opened.id, transition: "touch", actor: db.actor(.investigator, id: "user\(index)"),
                                expectedVersion: index.isMultiple(of: 2) ? active.case.version : nil))
                            return true
                        } catch let error as DossierError where error.code == .staleVersion {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            let succeeded = outcomes.filter { $0 }.count
            #expect(succeeded >= 32 && succeeded <= 33)
            let final = try await db.store.getCase(id: opened.id)
            #expect(final.version == active.case.version + Int64(succeeded))
            #expect(try await db.count("SELECT count(*) FROM case_events WHERE case_id = '\(opened.id)'") == 2 + succeeded)
            let report = try await db.store.verifyChains(caseID: opened.id)
            #expect(report.isIntact)
            #expect(report.eventsChecked == 2 + succeeded)
        }
    }

    @Test func availableTransitionsExplainWhatIsBlocked() async throws {
        try await TestDatabase.withTested { db async throws in
            let opened = try await db.openTestCase(attributes: ["hold": true])
            _ = try await db.store.runTransition(.init(caseID: opened.id, transition: "activate", actor: db.actor(.investigator)))
            let available = try await db.store.availableTransitions(caseID: opened.id, actor: db.actor(.supervisor))
            let reasons = Dictionary(uniqueKeysWithValues: available.map { ($0.transition.name, $0.blockedBy?.message) })
            #expect(Set(reasons.keys) == ["touch", "pause", "escalate", "close", "refuse_in_hook"])
            #expect(reasons["close"] == .some("the case is on hold; lift the hold first"))
            #expect(reasons["touch"] == .some("transition 'touch' needs the role investigator; test.user has supervisor"))
            #expect(reasons["escalate"] == .some("transition 'escalate' is run only by the system"))
            #expect(reasons["refuse_in_hook"] == .some(nil))
        }
    }

    @Test func reopeningAClosedCaseClearsItsClosingTime() async throws {
        try await TestDatabase.withTested { db async throws in
            let opened = try await db.openTestCase()
            _ = try await db.store.runTransition(.init(caseID: opened.id, transition: "activate", actor: db.actor(.investigator)))
            _ = try await db.store.runTransition(.init(caseID: opened.id, transition: "close", inputs: ["reason": "x"], actor: db.actor(.supervisor)))
            let reopened = try await db.store.runTransition(.init(caseID: opened.id, transition: "reopen", actor: db.actor(.supervisor)))
            #expect(reopened.case.closedAt == nil)
            #expect(reopened.case.state == "active")
        }
    }
}
