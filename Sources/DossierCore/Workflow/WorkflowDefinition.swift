import Foundation

/// A case type's workflow, as a value: states, transitions and timers.
///
/// Definitions are checked by ``WorkflowValidator`` when modules register, so a workflow
/// that could strand a case never reaches a running server.
///
/// ```swift
/// let workflow = WorkflowDefinition(
///     initialState: "open",
///     states: [.init("open"), .init("closed", isTerminal: true)],
///     transitions: [.init("close", from: ["open"], to: "closed", roles: [.supervisor])]
/// )
/// ```
public struct WorkflowDefinition: Sendable {
    public var initialState: String
    public var states: [WorkflowState]
    public var transitions: [Transition]
    public var timers: [TimerDefinition]

    public init(
        initialState: String, states: [WorkflowState], transitions: [Transition], timers: [TimerDefinition] = []
    ) {
        self.initialState = initialState
        self.states = states
        self.transitions = transitions
        self.timers = timers
    }

    public func state(named name: String) -> WorkflowState? { states.first { $0.name == name } }
    public func transition(named name: String) -> Transition? { transitions.first { $0.name == name } }
    public func timer(named name: String) -> TimerDefinition? { timers.first { $0.name == name } }

    /// Transitions that leave `state`, in definition order.
    public func transitions(from state: String) -> [Transition] { transitions.filter { $0.from.contains(state) } }

    /// Timers that start when a case enters `state`.
    public func timersStarted(enteringState state: String) -> [TimerDefinition] {
        timers.filter { $0.start == .enteringState(state) }
    }

    /// Timers that start when `transition` runs.
    public func timersStarted(byTransition transition: String) -> [TimerDefinition] {
        timers.filter { $0.start == .transition(transition) }
    }
}

public struct WorkflowState: Sendable, Hashable, Codable {
    public var name: String
    /// A case in a terminal state is closed; a transition out of it reopens the case.
    public var isTerminal: Bool
    public var label: String

    public init(_ name: String, isTerminal: Bool = false, label: String? = nil) {
        self.name = name
        self.isTerminal = isTerminal
        self.label = label ?? name.replacingOccurrences(of: "_", with: " ")
    }
}

/// A named move from one or more states to another.
public struct Transition: Sendable {
    public var name: String
    public var from: [String]
    public var to: String
    /// Roles that may run it. Empty: only the system (timer expiry, jobs) may.
    public var roles: Set<Role>
    public var inputs: [InputField]
    public var guards: [TransitionGuard]
    public var effects: [Effect]
    public var label: String

    public init(
        _ name: String, from: [String], to: String, roles: Set<Role>, inputs: [InputField] = [],
        guards: [TransitionGuard] = [], effects: [Effect] = [], label: String? = nil
    ) {
        self.name = name
        self.from = from
        self.to = to
        self.roles = roles
        self.inputs = inputs
        self.guards = guards
        self.effects = effects
        self.label = label ?? name.replacingOccurrences(of: "_", with: " ")
    }
}

/// A typed value a transition needs from the caller (a reason, a decision code, a date).
public struct InputField: Sendable, Hashable, Codable {
    public var name: String
    public var type: InputType
    public var isRequired: Bool
    public var help: String

    public init(_ name: String, _ type: InputType, required: Bool = true, help: String = "") {
        self.name = name
        self.type = type
        self.isRequired = required
        self.help = help
    }
}

public enum InputType: Sendable, Hashable, Codable {
    case string
    case integer
    case decimal
    case boolean
    /// An ISO 8601 calendar date, `YYYY-MM-DD`.
    case date
    /// An ISO 8601 date and time with offset.
    case timestamp
    /// One of a fixed set of strings.
    case choice([String])

    public var name: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .decimal: "decimal"
        case .boolean: "boolean"
        case .date: "date (YYYY-MM-DD)"
        case .timestamp: "timestamp (ISO 8601)"
        case .choice(let values): "one of " + values.joined(separator: ", ")
        }
    }
}

/// A condition a transition must meet, with the message a user sees when it does not.
public struct TransitionGuard: Sendable {
    public struct Context: Sendable {
        public var `case`: Case
        public var actor: Actor
        /// The transition's inputs. Empty when listing which transitions are available.
        public var inputs: [String: JSONValue]

        public init(case: Case, actor: Actor, inputs: [String: JSONValue]) {
            self.case = `case`
            self.actor = actor
            self.inputs = inputs
        }
    }

    /// What the guard checks, for rendered workflows, e.g. "approver is not the reviewer".
    public var description: String
    /// What a refused user reads, e.g. "the reviewer cannot approve their own review".
    public var refusal: String
    public var check: @Sendable (Context) -> Bool

    public init(_ description: String, refusal: String, check: @escaping @Sendable (Context) -> Bool) {
        self.description = description
        self.refusal = refusal
        self.check = check
    }
}

/// What a transition does besides changing the state.
public enum Effect: Sendable, Hashable, Codable {
    case startTimer(String)
    case cancelTimer(String)
    case setPriority(Priority)
    /// Copies a transition input into the case's attributes under `key`.
    case setAttribute(key: String, fromInput: String)
}
