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

/// What a hook is told.
public struct HookEvent: Sendable {
    public var point: HookPoint
    /// The case as it is at this point (after the change for `after…` points).
    public var `case`: Case
    public var actor: Actor
    public var transition: String?
    public var fromState: String?
    /// The transition's inputs; for `partyAdded`, the party's `role` and `note`.
    public var inputs: [String: JSONValue]
    public var timerName: String?
    public var personID: UUID?
    /// The instant of the core's change, read once from the store's ``WallClock``: hooks
    /// date what they write and count deadlines from it, never from `Date()`.
    public var now: Date

    public init(
        point: HookPoint, case: Case, actor: Actor, transition: String? = nil, fromState: String? = nil,
        inputs: [String: JSONValue] = [:], timerName: String? = nil, personID: UUID? = nil, now: Date
    ) {
        self.now = now
        self.point = point
        self.case = `case`
        self.actor = actor
        self.transition = transition
        self.fromState = fromState
        self.inputs = inputs
        self.timerName = timerName
        self.personID = personID
    }
}

/// The persistence layer's handle on the running transaction. DossierPostgres gives hooks
/// its PostgreSQL connection through it, so a module writes its own tables atomically with
/// the core change.
public protocol HookTransaction: Sendable {}

/// A module's code run at a ``HookPoint``, inside the core's transaction: when it throws,
/// nothing of the change is kept.
public struct CaseHook: Sendable {
    public enum Scope: Sendable, Hashable {
        /// Cases of the module's own case types.
        case ownCases
        /// Every case, whatever its module.
        case allCases
    }

    public var point: HookPoint
    public var scope: Scope
    public var run: @Sendable (HookEvent, any HookTransaction) async throws -> Void

    public init(
        _ point: HookPoint, scope: Scope = .ownCases,
        run: @escaping @Sendable (HookEvent, any HookTransaction) async throws -> Void
    ) {
        self.point = point
        self.scope = scope
        self.run = run
    }
}
