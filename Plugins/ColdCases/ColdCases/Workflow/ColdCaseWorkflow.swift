public import DossierCore

/// The cold-case workflow (DOMAIN.md §3): `cold` → `under_review` → back to `cold` with an
/// approved decision, or `reopened` for active investigation → `cleared_arrest`,
/// `cleared_exceptional` (NIBRS code A–E) or `admin_closed` (not a clearance).
///
/// Investigators and supervisors start reviews; only a supervisor who did not conduct the
/// review approves it (`complete_review` or `reopen`), which the module's
/// `beforeTransition` hook enforces against the reviews table.
public enum ColdCaseWorkflow {
    public enum State {
        public static let cold = "cold"
        public static let underReview = "under_review"
        public static let reopened = "reopened"
        public static let clearedArrest = "cleared_arrest"
        public static let clearedExceptional = "cleared_exceptional"
        public static let adminClosed = "admin_closed"
    }

    public enum TransitionName {
        public static let startReview = "start_review"
        /// Approves a review whose decision is `remain_cold`.
        public static let completeReview = "complete_review"
        /// Approves a review whose decision is `reopen`.
        public static let reopen = "reopen"
        public static let returnToCold = "return_to_cold"
        public static let clearByArrest = "clear_by_arrest"
        public static let clearExceptionally = "clear_exceptionally"
        public static let closeAdministratively = "close_administratively"

        /// The transitions that approve (and so complete) a review.
        public static let approvals: Set<String> = [completeReview, reopen]
    }

    /// NIBRS exceptional-clearance codes (N, not applicable, is not a clearance).
    public static let exceptionalClearanceCodes = [
        "A",  // death of offender
        "B",  // prosecution declined
        "C",  // in custody of other jurisdiction / extradition denied
        "D",  // victim refused to cooperate
        "E",  // juvenile, no custody
    ]

    /// Days before the limitation date at which a warning timer fires.
    public static let limitationWarningDays = [180, 30]

    /// The next periodic review. Its due date comes from the agency's review policy, so
    /// the module starts it itself; the duration here is the documented default.
    public static let reviewDue = TimerDefinition(
        "review_due", start: .byEffect, duration: .months(24), legalBasis: "agency review policy")

    /// A warning `days` before the limitation date, started by the module at opening.
    public static func limitationWarning(daysBefore days: Int) -> TimerDefinition {
        TimerDefinition(
            "limitation_warning_\(days)", start: .byEffect, duration: .days(days),
            legalBasis: "statute of limitations of the jurisdiction", obligation: .must)
    }

    /// When a supervisor approved a review, if before it is recorded: the next review is
    /// timed from it.
    static let approvedAt = InputField(
        "approved_at", .timestamp, required: false,
        help: "when the review was approved, if before now (ISO 8601); the next review is timed from it")

    /// Where the review id of an approval comes from.
    static let approvalHelp =
        "the review's id; `dossier cold-cases review approve REVIEW` (POST /api/v1/cold-cases/reviews/{id}/approve) approves it and runs this transition"

    public static let definition = WorkflowDefinition(
        initialState: State.cold,
        states: [
            .init(State.cold), .init(State.underReview), .init(State.reopened, label: "reopened (active investigation)"),
            .init(State.clearedArrest, isTerminal: true, label: "cleared by arrest"),
            .init(State.clearedExceptional, isTerminal: true, label: "cleared by exceptional means"),
            .init(State.adminClosed, isTerminal: true, label: "administratively closed (not a clearance)"),
        ],
        transitions: [
            .init(
                TransitionName.startReview, from: [State.cold], to: State.underReview, roles: [.investigator, .supervisor],
                inputs: [
                    .init(
                        "review_id", .string,
                        help: "the new review's id; `dossier cold-cases review start CASE` (POST /api/v1/cold-cases/cases/{ref}/reviews) creates the review and runs this transition"),
                    .init("review_type", .choice(ReviewType.allCases.map(\.rawValue))),
                ],
                effects: [.cancelTimer(reviewDue.name)]),
            .init(
                TransitionName.completeReview, from: [State.underReview], to: State.cold, roles: [.supervisor],
                inputs: [.init("review_id", .string, help: Self.approvalHelp), approvedAt], label: "approve review: remain cold"),
            .init(
                TransitionName.reopen, from: [State.underReview], to: State.reopened, roles: [.supervisor],
                inputs: [.init("review_id", .string, help: Self.approvalHelp), approvedAt], label: "approve review: reopen"),
            .init(
                TransitionName.returnToCold, from: [State.reopened], to: State.cold, roles: [.supervisor],
                inputs: [.init("reason", .string)]),
            .init(
                TransitionName.clearByArrest, from: [State.reopened], to: State.clearedArrest, roles: [.supervisor],
                inputs: [
                    .init("arrested_on", .date),
                    .init("charge", .string, help: "arrested, charged and turned over for prosecution (UCR)"),
                ]),
            .init(
                TransitionName.clearExceptionally, from: [State.reopened], to: State.clearedExceptional,
                roles: [.supervisor],
                inputs: [
                    .init(
                        "exceptional_clearance_code", .choice(exceptionalClearanceCodes),
                        help: "A death of offender, B prosecution declined, C other jurisdiction / extradition denied, "
                            + "D victim refused, E juvenile"),
                    .init("reason", .string),
                ]),
            .init(
                TransitionName.closeAdministratively, from: [State.cold, State.reopened], to: State.adminClosed,
                roles: [.supervisor], inputs: [.init("reason", .string)]),
        ],
        timers: [reviewDue] + limitationWarningDays.map { limitationWarning(daysBefore: $0) }
    )
}
