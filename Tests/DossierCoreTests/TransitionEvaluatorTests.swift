import DossierCore
import Foundation
import Testing

@Suite struct TransitionEvaluatorTests {
    let evaluator = TransitionEvaluator(workflow: sampleWorkflow())
    let supervisor = Actor(id: "sam", roles: [.supervisor])

    @Test func namesTheStatesATransitionRunsFrom() {
        #expect(throws: DossierError(.wrongState, "transition 'close' cannot run from state 'new'; it runs from active (from 'new': start)")) {
            try evaluator.check("close", on: sampleCase(state: "new"), actor: supervisor, inputs: ["reason": "done"])
        }
    }

    @Test func namesTheRolesATransitionNeeds() {
        let analyst = Actor(id: "ana", roles: [.analyst])
        #expect(throws: DossierError(.roleNotAllowed, "transition 'close' needs the role supervisor; ana has analyst")) {
            try evaluator.check("close", on: sampleCase(), actor: analyst, inputs: ["reason": "done"])
        }
    }

    @Test func refusesMissingMistypedAndUnknownInputs() {
        #expect(throws: DossierError.invalidInput("input 'reason' is required by transition 'close' (string)")) {
            try evaluator.check("close", on: sampleCase(), actor: supervisor, inputs: [:])
        }
        #expect(throws: DossierError.invalidInput("input 'reason' must be string, not a integer")) {
            try evaluator.check("close", on: sampleCase(), actor: supervisor, inputs: ["reason": 42])
        }
        #expect(throws: DossierError.invalidInput("input 'code' must be one of A, B, not 'Z'")) {
            try evaluator.check("close", on: sampleCase(), actor: supervisor, inputs: ["reason": "x", "code": "Z"])
        }
        #expect(throws: DossierError.invalidInput("input 'mood' is not taken by transition 'close' (it takes reason, code)")) {
            try evaluator.check("close", on: sampleCase(), actor: supervisor, inputs: ["reason": "x", "mood": "happy"])
        }
    }

    @Test func refusesWithTheGuardsMessage() {
        let opened = sampleCase(attributes: ["opener": "sam"])
        #expect(throws: DossierError(.guardRefused, "the opener cannot close the case")) {
            try evaluator.check("close", on: opened, actor: supervisor, inputs: ["reason": "done"])
        }
    }

    @Test func listsAvailableAndBlockedTransitions() {
        let investigator = Actor(id: "ivy", roles: [.investigator])
        let fromActive = evaluator.availableTransitions(for: sampleCase(), actor: investigator)
        #expect(fromActive.map(\.transition.name) == ["close"])
        #expect(fromActive[0].blockedBy?.code == .roleNotAllowed)
        let fromNew = evaluator.availableTransitions(for: sampleCase(state: "new"), actor: investigator)
        #expect(fromNew.map(\.transition.name) == ["start"])
        #expect(fromNew[0].blockedBy == nil)
    }

    @Test func plansTimersAndClosing() throws {
        let start = try #require(sampleWorkflow().transition(named: "start"))
        let startPlan = evaluator.plan(start, on: sampleCase(state: "new"), inputs: [:])
        #expect(startPlan.timersToStart.map(\.name) == ["review_due"])
        #expect(startPlan.closesCase == false)
        let close = try #require(sampleWorkflow().transition(named: "close"))
        let closePlan = evaluator.plan(close, on: sampleCase(), inputs: ["reason": "done"])
        #expect(closePlan.timersToCancel == ["review_due"])
        #expect(closePlan.closesCase)
        #expect(closePlan.updatedCase.state == "closed")
    }

    @Test func theSystemPassesRoleChecks() throws {
        try evaluator.check("start", on: sampleCase(state: "new"), actor: .system, inputs: [:])
    }
}
