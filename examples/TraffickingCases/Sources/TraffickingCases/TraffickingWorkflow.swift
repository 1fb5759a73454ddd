public import DossierCore

/// referral → investigation → action day → prosecution → closed; or no further action.
/// The action day starts the victims' reflection period.
public enum TraffickingWorkflow {
    /// EU Directive 2004/81/EC Art. 6: a reflection period for victims to recover and
    /// decide whether to cooperate; 30 days here.
    public static let reflectionPeriod = TimerDefinition(
        "reflection_period", start: .transition("record_action_day"), duration: .days(30),
        legalBasis: "Directive 2004/81/EC Art. 6 (reflection period)", obligation: .must)

    public static let definition = WorkflowDefinition(
        initialState: "referral",
        states: [
            .init("referral"), .init("investigation"), .init("action_day"), .init("prosecution"),
            .init("closed", isTerminal: true), .init("no_further_action", isTerminal: true),
        ],
        transitions: [
            .init("open_investigation", from: ["referral"], to: "investigation", roles: [.investigator, .supervisor]),
            .init(
                "record_action_day", from: ["investigation"], to: "action_day", roles: [.investigator, .supervisor],
                inputs: [.init("held_on", .date), .init("countries", .string, help: "participating countries, e.g. CI, BF")]),
            .init("charge", from: ["action_day"], to: "prosecution", roles: [.supervisor, .legal]),
            .init("close", from: ["prosecution"], to: "closed", roles: [.supervisor], inputs: [.init("outcome", .string)]),
            .init(
                "no_further_action", from: ["referral", "investigation"], to: "no_further_action", roles: [.supervisor],
                inputs: [.init("reason", .string)]),
        ],
        timers: [reflectionPeriod]
    )
}
