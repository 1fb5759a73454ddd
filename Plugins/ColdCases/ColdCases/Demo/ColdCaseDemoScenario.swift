/// What happens to a demo cold case after it is opened, so that the demo shows every state.
enum ColdCaseDemoScenario: CaseIterable {
    /// Cold, never reviewed since it went cold some months ago: its first review (28 days
    /// after) is overdue.
    case neverReviewed
    /// Cold after an approved review; the next one is due in 24 months.
    case reviewedRemainCold
    /// Cold, with a new lead that moves it up the review queue.
    case boostedByLead
    /// Under review, not yet recorded.
    case reviewInProgress
    /// Under review, recorded, waiting for a supervisor's approval.
    case awaitingApproval
    /// Reopened by an approved review after a lead named a suspect.
    case reopened
    /// Reopened, then cleared by arrest (UCR).
    case clearedByArrest
    /// Reopened, then cleared by exceptional means with a NIBRS code.
    case clearedExceptionally
    /// Closed administratively from cold: not a clearance.
    case closedAdministratively

    /// The mix over every 20 cases (12 cold, 2 under review, 2 reopened, 1 cleared by arrest,
    /// 2 cleared exceptionally, 1 administratively closed); the first nine cover every
    /// scenario, so a small demo still shows each state.
    static let cycle: [Self] = [
        .neverReviewed, .reviewedRemainCold, .boostedByLead, .reviewInProgress, .awaitingApproval, .reopened,
        .clearedByArrest, .clearedExceptionally, .closedAdministratively, .neverReviewed, .reviewedRemainCold,
        .neverReviewed, .reopened, .clearedExceptionally, .neverReviewed, .reviewedRemainCold, .boostedByLead,
        .neverReviewed, .reviewedRemainCold, .neverReviewed,
    ]

    static func forCase(_ index: Int) -> Self { cycle[index % cycle.count] }

    /// How many cases before `index` share its scenario: numbers the cases of one scenario.
    static func ordinal(of index: Int) -> Int {
        let scenario = forCase(index)
        let perCycle = cycle.filter { $0 == scenario }.count
        return index / cycle.count * perCycle + cycle[..<(index % cycle.count)].filter { $0 == scenario }.count
    }

    /// Whether the case's reviews identify a suspect (who is then added as a party).
    var identifiesSuspect: Bool {
        switch self {
        case .reopened, .clearedByArrest, .clearedExceptionally: true
        default: false
        }
    }
}
