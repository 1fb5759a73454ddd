public import Foundation

/// Where in the core's work a module's hook runs.
public enum HookPoint: String, Sendable, Hashable, Codable, CaseIterable {
    /// After all checks pass, before the state changes; throwing refuses the transition.
    case beforeTransition = "before_transition"
    /// After the state changed and the event was appended, before commit.
    case afterTransition = "after_transition"
    case caseOpened = "case_opened"
    case partyAdded = "party_added"
    case timerFired = "timer_fired"
}

/// What a hook is told: one case per ``HookPoint``, each carrying exactly that point's data,
/// so a hook cannot read a timer's name from a transition or a role from an opening.
public enum HookEvent: Sendable {
    /// All checks passed; the case is as it was before the transition.
    case beforeTransition(Transition)
    /// The state changed and the event was appended; the case is as it is after.
    case afterTransition(Transition)
    case caseOpened(CaseOpened)
    case partyAdded(PartyAdded)
    case timerFired(TimerFired)

    /// A transition about to run or that ran.
    public struct Transition: Sendable {
        public var `case`: Case
        public var actor: Actor
        /// The transition's name: `approve_review`.
        public var transition: String
        public var fromState: String
        /// The inputs, typed as the workflow declares them.
        public var inputs: [String: JSONValue]
        /// The instant of the core's change, read once from the store's ``WallClock``: hooks
        /// date what they write and count deadlines from it, never from `Date()`.
        public var now: Date

        public init(case: Case, actor: Actor, transition: String, fromState: String, inputs: [String: JSONValue], now: Date) {
            self.case = `case`
            self.actor = actor
            self.transition = transition
            self.fromState = fromState
            self.inputs = inputs
            self.now = now
        }
    }

    /// A case just opened, its `opened` event appended.
    public struct CaseOpened: Sendable {
        public var `case`: Case
        public var actor: Actor
        public var now: Date

        public init(case: Case, actor: Actor, now: Date) {
            self.case = `case`
            self.actor = actor
            self.now = now
        }
    }

    /// A person just took a part in a case, its `party_added` event appended.
    public struct PartyAdded: Sendable {
        public var `case`: Case
        public var actor: Actor
        public var personID: UUID
        public var role: CaseParty.Role
        public var note: String
        public var now: Date

        public init(case: Case, actor: Actor, personID: UUID, role: CaseParty.Role, note: String, now: Date) {
            self.case = `case`
            self.actor = actor
            self.personID = personID
            self.role = role
            self.note = note
            self.now = now
        }
    }

    /// A timer came due and fired, as the engine (``Actor/system``).
    public struct TimerFired: Sendable {
        public var `case`: Case
        /// The timer's name as its definition gives it: `review_due`.
        public var timerName: String
        /// When it fired.
        public var now: Date

        public init(case: Case, timerName: String, now: Date) {
            self.case = `case`
            self.timerName = timerName
            self.now = now
        }
    }

    public var point: HookPoint {
        switch self {
        case .beforeTransition: .beforeTransition
        case .afterTransition: .afterTransition
        case .caseOpened: .caseOpened
        case .partyAdded: .partyAdded
        case .timerFired: .timerFired
        }
    }

    /// The case as it is at this point.
    public var `case`: Case {
        switch self {
        case .beforeTransition(let event), .afterTransition(let event): event.case
        case .caseOpened(let event): event.case
        case .partyAdded(let event): event.case
        case .timerFired(let event): event.case
        }
    }

    /// Who made the change: the engine for a timer.
    public var actor: Actor {
        switch self {
        case .beforeTransition(let event), .afterTransition(let event): event.actor
        case .caseOpened(let event): event.actor
        case .partyAdded(let event): event.actor
        case .timerFired: .system
        }
    }

    /// The instant of the core's change.
    public var now: Date {
        switch self {
        case .beforeTransition(let event), .afterTransition(let event): event.now
        case .caseOpened(let event): event.now
        case .partyAdded(let event): event.now
        case .timerFired(let event): event.now
        }
    }
}
