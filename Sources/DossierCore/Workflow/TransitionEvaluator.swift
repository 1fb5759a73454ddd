import Foundation

/// Decides whether a transition may run, and what running it changes. Pure: the store
/// supplies the locked case and applies the resulting ``TransitionPlan``.
public struct TransitionEvaluator: Sendable {
    public var workflow: WorkflowDefinition

    public init(workflow: WorkflowDefinition) { self.workflow = workflow }

    /// A transition that is available, or blocked with the reason.
    public struct Availability: Sendable {
        public var transition: Transition
        /// Nil when the actor may run it now (given valid inputs).
        public var blockedBy: DossierError?
    }

    /// What the actor can do next from the case's state, with the reason each other
    /// transition leaving this state is blocked.
    public func availableTransitions(for case: Case, actor: Actor) -> [Availability] {
        workflow.transitions(from: `case`.state).map { transition in
            do throws(DossierError) {
                try checkRole(transition, actor: actor)
                try checkGuards(transition, context: .init(case: `case`, actor: actor, inputs: [:]))
                return Availability(transition: transition, blockedBy: nil)
            } catch {
                return Availability(transition: transition, blockedBy: error)
            }
        }
    }

    /// Every check a transition must pass, in the order a user would want to hear about
    /// them: the transition exists, the state, the role, the inputs, the guards.
    /// - Returns: the transition, ready to ``plan(_:on:inputs:)``.
    @discardableResult
    public func check(
        _ name: String, on case: Case, actor: Actor, inputs: [String: JSONValue]
    ) throws(DossierError) -> Transition {
        guard let transition = workflow.transition(named: name) else {
            let names = workflow.transitions.map(\.name).joined(separator: ", ")
            throw .invalidInput("transition '\(name)' does not exist in workflow '\(`case`.type)' (transitions: \(names))")
        }
        guard transition.from.contains(`case`.state) else {
            let allowed = workflow.transitions(from: `case`.state).map(\.name)
            throw DossierError(
                .wrongState,
                "transition '\(name)' cannot run from state '\(`case`.state)'; it runs from \(transition.from.joined(separator: ", "))"
                    + (allowed.isEmpty ? "" : " (from '\(`case`.state)': \(allowed.joined(separator: ", ")))"))
        }
        try checkRole(transition, actor: actor)
        try checkInputs(transition, inputs: inputs)
        try checkGuards(transition, context: .init(case: `case`, actor: actor, inputs: inputs))
        return transition
    }

    func checkRole(_ transition: Transition, actor: Actor) throws(DossierError) {
        if actor.isSystem { return }
        guard !transition.roles.isDisjoint(with: actor.roles) else {
            let roles = transition.roles.sorted().map(\.rawValue)
            throw DossierError(
                .roleNotAllowed,
                roles.isEmpty
                    ? "transition '\(transition.name)' is run only by the system"
                    : "transition '\(transition.name)' needs the role \(roles.joined(separator: " or ")); "
                        + "\(actor.id) has \(actor.roles.sorted().map(\.rawValue).joined(separator: ", "))")
        }
    }

    func checkGuards(_ transition: Transition, context: TransitionGuard.Context) throws(DossierError) {
        for guardRule in transition.guards where !guardRule.check(context) {
            throw DossierError(.guardRefused, guardRule.refusal)
        }
    }

    func checkInputs(_ transition: Transition, inputs: [String: JSONValue]) throws(DossierError) {
        let declared = Set(transition.inputs.map(\.name))
        if let unknown = inputs.keys.sorted().first(where: { !declared.contains($0) }) {
            let allowed = transition.inputs.map(\.name)
            throw .invalidInput(
                "input '\(unknown)' is not taken by transition '\(transition.name)'"
                    + (allowed.isEmpty ? " (it takes none)" : " (it takes \(allowed.joined(separator: ", ")))"))
        }
        for field in transition.inputs {
            guard let value = inputs[field.name], value != .null else {
                if field.isRequired {
                    throw .invalidInput(
                        "input '\(field.name)' is required by transition '\(transition.name)' (\(field.type.name))"
                            + (field.help.isEmpty ? "" : ": \(field.help)"))
                }
                continue
            }
            try field.type.check(value, field: field.name)
        }
    }

    /// What running `transition` on `case` changes, once every check has passed.
    public func plan(_ transition: Transition, on case: Case, inputs: [String: JSONValue]) -> TransitionPlan {
        var updated = `case`
        updated.state = transition.to
        var started = workflow.timersStarted(byTransition: transition.name)
        var cancelled: [String] = []
        let leavingState = `case`.state != transition.to
        if leavingState {
            cancelled += workflow.timers.filter {
                $0.stopsWhenLeavingStartState && $0.start == .enteringState(`case`.state)
            }.map(\.name)
        }
        if leavingState {
            started += workflow.timersStarted(enteringState: transition.to)
        }
        for effect in transition.effects {
            switch effect {
            case .startTimer(let name):
                if let timer = workflow.timer(named: name) { started.append(timer) }
            case .cancelTimer(let name):
                cancelled.append(name)
            case .setPriority(let priority):
                updated.priority = priority
            case .setAttribute(let key, let input):
                if let value = inputs[input] {
                    var attributes = updated.attributes.objectValue ?? [:]
                    attributes[key] = value
                    updated.attributes = .object(attributes)
                }
            }
        }
        let entersTerminal = workflow.state(named: transition.to)?.isTerminal ?? false
        return TransitionPlan(
            transition: transition, updatedCase: updated, timersToCancel: cancelled, timersToStart: started,
            closesCase: entersTerminal, reopensCase: !entersTerminal && `case`.closedAt != nil)
    }
}

/// The changes a checked transition makes, for the store to apply in its transaction.
public struct TransitionPlan: Sendable {
    public var transition: Transition
    public var updatedCase: Case
    /// Names of running timers to cancel (applied before starting new ones).
    public var timersToCancel: [String]
    public var timersToStart: [TimerDefinition]
    public var closesCase: Bool
    public var reopensCase: Bool
}

extension InputType {
    /// Checks a value against this type, naming the field when it does not fit.
    public func check(_ value: JSONValue, field: String) throws(DossierError) {
        let fits: Bool
        switch self {
        case .string: fits = value.stringValue.map { !$0.isEmpty } ?? false
        case .integer: fits = value.intValue != nil
        case .decimal: fits = value.doubleValue != nil
        case .boolean: fits = value.boolValue != nil
        case .date:
            fits = value.stringValue.map { (try? CalendarDate(parsing: $0)) != nil } ?? false
        case .timestamp:
            fits = value.stringValue.map { (try? Date($0, strategy: .iso8601)) != nil } ?? false
        case .choice(let values):
            fits = value.stringValue.map(values.contains) ?? false
        }
        guard fits else {
            let shown: String = switch value {
            case .string(let text): "'\(text)'"
            default: "a \(value.typeName)"
            }
            throw .invalidInput("input '\(field)' must be \(name), not \(shown)")
        }
    }
}
