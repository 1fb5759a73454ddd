import DossierCore
import Testing

@Suite struct WorkflowValidatorTests {
    @Test func acceptsAValidWorkflow() {
        #expect(WorkflowValidator.problems(in: sampleWorkflow()).isEmpty)
    }

    /// Each way a workflow can be wrong, and the words the problem must contain.
    static let brokenWorkflows: [(String, @Sendable (inout WorkflowDefinition) -> Void, String)] = [
        ("unreachable state", { $0.states.append(.init("orphan")); $0.transitions.append(.init("leave", from: ["orphan"], to: "closed", roles: [.admin])) },
         "state 'orphan' cannot be reached from the initial state 'new'"),
        ("dead end", { $0.states.append(.init("limbo")); $0.transitions.append(.init("park", from: ["active"], to: "limbo", roles: [.admin])) },
         "state 'limbo' is not terminal but no transition leaves it (a dead end)"),
        ("unknown target state", { $0.transitions.append(.init("jump", from: ["new"], to: "nowhere", roles: [.admin])) },
         "transition 'jump' goes to unknown state 'nowhere' (states: new, active, closed)"),
        ("unknown source state", { $0.transitions.append(.init("jump", from: ["nowhere"], to: "closed", roles: [.admin])) },
         "transition 'jump' starts from unknown state 'nowhere'"),
        ("unknown timer in effect", { $0.transitions[0].effects = [.startTimer("ghost")] },
         "transition 'start' refers to unknown timer 'ghost'"),
        ("unknown expiry transition", { $0.timers[0].expiry = .takeTransition("vanish") },
         "timer 'review_due' takes unknown transition 'vanish' on expiry"),
        ("timer on unknown state", { $0.timers[0].start = .enteringState("nowhere") },
         "timer 'review_due' starts on entering unknown state 'nowhere'"),
        ("duplicate state", { $0.states.append(.init("active")) }, "state 'active' is defined more than once"),
        ("duplicate transition", { $0.transitions.append(.init("start", from: ["new"], to: "active", roles: [.admin])) },
         "transition 'start' is defined more than once"),
        ("duplicate timer", { $0.timers.append(.init("review_due", start: .byEffect, duration: .days(1))) },
         "timer 'review_due' is defined more than once"),
        ("unknown initial state", { $0.initialState = "draft" }, "initial state 'draft' is not a state"),
        ("bad name", { $0.states[1].name = "Active"; $0.transitions[0].to = "Active"; $0.transitions[1].from = ["Active"] },
         "name 'Active' must be lower snake_case"),
        ("copy of unknown input", { $0.transitions[1].effects = [.setAttribute(key: "why", fromInput: "motive")] },
         "transition 'close' copies unknown input 'motive'"),
    ]

    @Test(arguments: brokenWorkflows.indices)
    func rejectsEachKindOfBrokenWorkflow(index: Int) {
        let (label, breakIt, expected) = Self.brokenWorkflows[index]
        var workflow = sampleWorkflow()
        breakIt(&workflow)
        let problems = WorkflowValidator.problems(in: workflow)
        #expect(problems.contains { $0.contains(expected) }, "\(label): \(problems)")
    }
}
