/// Finds what is wrong with a workflow before any case uses it.
///
/// Each problem names the element at fault; ``ModuleRegistry`` prefixes the module and
/// case type.
public enum WorkflowValidator {
    public static func problems(in workflow: WorkflowDefinition) -> [String] {
        var problems: [String] = []
        let stateNames = workflow.states.map(\.name)
        let knownStates = Set(stateNames)
        let transitionNames = Set(workflow.transitions.map(\.name))
        let timerNames = Set(workflow.timers.map(\.name))
        let stateList = stateNames.joined(separator: ", ")

        for name in duplicates(stateNames) { problems.append("state '\(name)' is defined more than once") }
        for name in duplicates(workflow.transitions.map(\.name)) {
            problems.append("transition '\(name)' is defined more than once")
        }
        for name in duplicates(workflow.timers.map(\.name)) { problems.append("timer '\(name)' is defined more than once") }
        for name in stateNames + workflow.transitions.map(\.name) + workflow.timers.map(\.name) where !isValidName(name) {
            problems.append("name '\(name)' must be lower snake_case (a-z, 0-9, _), starting with a letter")
        }

        if !knownStates.contains(workflow.initialState) {
            problems.append("initial state '\(workflow.initialState)' is not a state (states: \(stateList))")
        }

        for transition in workflow.transitions {
            if transition.from.isEmpty { problems.append("transition '\(transition.name)' has no from-states") }
            for state in transition.from where !knownStates.contains(state) {
                problems.append("transition '\(transition.name)' starts from unknown state '\(state)' (states: \(stateList))")
            }
            if !knownStates.contains(transition.to) {
                problems.append("transition '\(transition.name)' goes to unknown state '\(transition.to)' (states: \(stateList))")
            }
            for name in duplicates(transition.inputs.map(\.name)) {
                problems.append("transition '\(transition.name)' declares input '\(name)' more than once")
            }
            if case .choice(let values) = transition.inputs.first(where: { if case .choice = $0.type { true } else { false } })?.type,
                values.isEmpty
            {
                problems.append("transition '\(transition.name)' has a choice input with no choices")
            }
            let inputNames = Set(transition.inputs.map(\.name))
            for effect in transition.effects {
                switch effect {
                case .startTimer(let timer), .cancelTimer(let timer):
                    if !timerNames.contains(timer) {
                        problems.append("transition '\(transition.name)' refers to unknown timer '\(timer)'")
                    }
                case .setAttribute(_, let input):
                    if !inputNames.contains(input) {
                        problems.append("transition '\(transition.name)' copies unknown input '\(input)'")
                    }
                case .setPriority: break
                }
            }
        }

        for timer in workflow.timers {
            switch timer.start {
            case .enteringState(let state) where !knownStates.contains(state):
                problems.append("timer '\(timer.name)' starts on entering unknown state '\(state)'")
            case .transition(let transition) where !transitionNames.contains(transition):
                problems.append("timer '\(timer.name)' starts on unknown transition '\(transition)'")
            default: break
            }
            if case .takeTransition(let transition) = timer.expiry, !transitionNames.contains(transition) {
                problems.append("timer '\(timer.name)' takes unknown transition '\(transition)' on expiry")
            }
            if timer.duration.value < 0 { problems.append("timer '\(timer.name)' has a negative duration") }
        }

        // Reachability from the initial state.
        if knownStates.contains(workflow.initialState) {
            var reached: Set<String> = [workflow.initialState]
            var frontier = [workflow.initialState]
            while let state = frontier.popLast() {
                for transition in workflow.transitions(from: state) where !reached.contains(transition.to) {
                    reached.insert(transition.to)
                    frontier.append(transition.to)
                }
            }
            for state in stateNames where !reached.contains(state) {
                problems.append("state '\(state)' cannot be reached from the initial state '\(workflow.initialState)'")
            }
        }

        for state in workflow.states where !state.isTerminal && workflow.transitions(from: state.name).isEmpty {
            problems.append("state '\(state.name)' is not terminal but no transition leaves it (a dead end)")
        }
        return problems
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else { return false }
        return name.utf8.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                || $0 == UInt8(ascii: "_")
        }
    }

    static func duplicates(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        var repeated: [String] = []
        for name in names where !seen.insert(name).inserted && !repeated.contains(name) { repeated.append(name) }
        return repeated
    }
}
