/// A deadline a workflow starts: when, for how long, on what legal basis, and what its
/// expiry does.
public struct TimerDefinition: Sendable, Hashable, Codable {
    public var name: String
    public var start: TimerStart
    public var duration: DeadlineDuration
    public var counting: CountingRule
    /// The rule that sets the deadline, e.g. "ECE 1957 Art. 16(4)".
    public var legalBasis: String
    public var expiry: TimerExpiry
    public var obligation: TimerObligation
    /// When the timer stops by itself. Timers started on entering a state stop when the
    /// case leaves it unless told otherwise.
    public var stopsWhenLeavingStartState: Bool

    public init(
        _ name: String, start: TimerStart, duration: DeadlineDuration, counting: CountingRule = .dayAfterEvent,
        legalBasis: String = "", expiry: TimerExpiry = .raiseEvent, obligation: TimerObligation = .may,
        stopsWhenLeavingStartState: Bool? = nil
    ) {
        self.name = name
        self.start = start
        self.duration = duration
        self.counting = counting
        self.legalBasis = legalBasis
        self.expiry = expiry
        self.obligation = obligation
        if case .enteringState = start {
            self.stopsWhenLeavingStartState = stopsWhenLeavingStartState ?? true
        } else {
            self.stopsWhenLeavingStartState = false
        }
    }
}

public enum TimerStart: Sendable, Hashable, Codable {
    case enteringState(String)
    case transition(String)
    /// Started only by a transition's `.startTimer` effect.
    case byEffect
}

public enum TimerExpiry: Sendable, Hashable, Codable {
    /// Record a `timer_fired` event for people to act on.
    case raiseEvent
    /// Record the event, then run the named transition as the system.
    case takeTransition(String)
}

/// Whether expiry means the authority *may* act (e.g. may release) or *must* act.
public enum TimerObligation: String, Sendable, Hashable, ChoiceCodable {
    case may
    case must
}
