public import DossierCore

/// A surveillance operation's workflow: `active` while surveillance may be logged, then
/// `closed` (the log is sealed); a supervisor may reopen it with a reason.
///
/// The operation's timers are started by the module per authorisation, with due dates
/// from its validity: expiry warnings 7 days and 1 day before its end, and reviews where
/// the legal basis requires them.
public enum OperationWorkflow {
    public enum State {
        public static let active = "active"
        public static let closed = "closed"
    }

    public enum TransitionName {
        public static let close = "close"
        public static let reopen = "reopen"
    }

    /// Days before an authorisation's end at which a warning fires.
    public static let expiryWarningDays = [7, 1]

    /// A warning `days` before an authorisation ends; one runs per authorisation
    /// (`expiry_warning_7d@<reference>`).
    public static func expiryWarning(daysBefore days: Int, reference: String) -> TimerDefinition {
        TimerDefinition(
            "expiry_warning_\(days)d@\(reference)", start: .byEffect, duration: .days(days),
            legalBasis: "authorisation \(reference) ends in \(days) day\(days == 1 ? "" : "s"): renew or stop")
    }

    /// The next review of an authorisation whose legal basis requires reviews.
    public static func review(reference: String, basis: LegalBasis) -> TimerDefinition {
        TimerDefinition(
            "review@\(reference)", start: .byEffect, duration: basis.reviewInterval ?? .months(1),
            legalBasis: "review of \(reference) required by \(basis.name)", obligation: .must)
    }

    public static let definition = WorkflowDefinition(
        initialState: State.active,
        states: [.init(State.active), .init(State.closed, isTerminal: true, label: "closed (log sealed)")],
        transitions: [
            .init(TransitionName.close, from: [State.active], to: State.closed, roles: [.supervisor],
                  inputs: [.init("reason", .string)]),
            .init(TransitionName.reopen, from: [State.closed], to: State.active, roles: [.supervisor],
                  inputs: [.init("reason", .string)]),
        ]
    )
}
