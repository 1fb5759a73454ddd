import DossierCore
public import DossierPostgres
import Foundation

extension ColdCases: DemoDataModule {
    /// About 60 cold cases across ten agencies in seven countries,
    /// at every state of the workflow, with evidence, leads, reviews and parties.
    /// Cases already loaded by an earlier run are skipped.
    public func loadDemoData(into context: DemoContext) async throws {
        try await ColdCaseDemo(context: context).load()
    }
}

/// Loads the cold-case demo through the module's store, as users would: investigators
/// open cases, add evidence, leads and start and record reviews; a supervisor approves
/// reviews and closes cases.
struct ColdCaseDemo {
    static let caseCount = 60

    let context: DemoContext
    let store: ColdCaseStore

    init(context: DemoContext) {
        self.context = context
        store = ColdCaseStore(cases: context.store, logger: context.logger)
    }

    var investigator: Actor { context.investigator }
    var supervisor: Actor { context.supervisor }

    func load() async throws {
        try await setReviewPolicies()
        let progress = context.progress("cold cases", total: Self.caseCount)
        for index in 0..<Self.caseCount {
            let demoCase = ColdCaseDemoCase(index: index)
            let (opened, isNew) = try await context.open(demoCase.newCase, key: "cold-cases:\(index)")
            // Every new case gets evidence first, so a rerun sees its version past 1 and skips it.
            if isNew { try await play(demoCase, on: opened.id) }
            progress.update(index + 1)
        }
    }

    /// NYPD times its first review a year after a case goes cold (the NIJ definition of a
    /// cold case); other agencies keep the default 28 days, then 24 months.
    func setReviewPolicies() async throws {
        let policy = ReviewPolicy(
            agency: "NYPD", firstReview: DeadlineDuration(365, .calendarDays), interval: DeadlineDuration(36, .calendarMonths),
            legalBasis: "NYPD cold case squad practice (NIJ: unsolved for more than one year)")
        guard try await store.reviewPolicy(for: policy.agency) != policy else { return }
        try await store.setReviewPolicy(policy, by: supervisor)
    }

    func play(_ demoCase: ColdCaseDemoCase, on caseID: UUID) async throws {
        for exhibit in demoCase.exhibits {
            _ = try await store.addEvidence(caseID: caseID, exhibit, by: investigator)
        }
        if let victim = demoCase.victim {
            let person = try await context.store.createPerson(
                victim, by: investigator, idempotencyKey: "demo:cold-cases:victim:\(demoCase.index)")
            try await context.store.addParty(
                caseID: caseID, personID: person.id, role: .victim, note: "identified from dental records", by: investigator)
        }
        switch demoCase.scenario {
        case .neverReviewed:
            break
        case .boostedByLead:
            _ = try await store.addLead(caseID: caseID, demoCase.lead(receivedAt: context.now), by: investigator)
        case .reviewInProgress:
            _ = try await store.startReview(caseID: caseID, type: .periodic, by: investigator)
        case .awaitingApproval:
            let review = try await store.startReview(caseID: caseID, type: .forensic, by: investigator)
            try await record(review, of: demoCase, decision: .remainCold)
        case .reviewedRemainCold:
            let review = try await store.startReview(caseID: caseID, type: .periodic, by: investigator)
            try await record(review, of: demoCase, decision: .remainCold)
            _ = try await store.approveReview(review.id, by: supervisor)
        case .reopened, .clearedByArrest, .clearedExceptionally:
            try await reopen(demoCase, caseID: caseID)
            try await clear(demoCase, caseID: caseID)
        case .closedAdministratively:
            let reason = ColdCaseDemoSeeds.administrativeClosures[
                ColdCaseDemoScenario.ordinal(of: demoCase.index) % ColdCaseDemoSeeds.administrativeClosures.count]
            try await transition(caseID, ColdCaseWorkflow.TransitionName.closeAdministratively, ["reason": .string(reason)])
        }
    }

    func record(_ review: Review, of demoCase: ColdCaseDemoCase, decision: ReviewDecision) async throws {
        let factors = demoCase.reviewFactors
        let findings =
            factors.suspectIdentified
            ? "The lead names a suspect whose profile is on the database; exhibits are intact and suitable for DNA."
            : factors.forensicEvidenceAvailable
                ? "Exhibits are intact and suitable for DNA, but no suspect has emerged."
                : "No exhibit is suitable for current techniques; witnesses were re-traced where possible."
        let recommendations =
            decision == .reopen
            ? "Reopen: submit the exhibits for DNA-17, arrest and interview the suspect."
            : "Keep cold; re-check the exhibits' storage and the family liaison at the next review."
        _ = try await store.recordReview(
            review.id, ReviewRecord(factors: factors, findings: findings, recommendations: recommendations, decision: decision),
            by: investigator)
    }

    /// A lead names a suspect, a new-information review recommends reopening, and a
    /// supervisor approves it.
    func reopen(_ demoCase: ColdCaseDemoCase, caseID: UUID) async throws {
        _ = try await store.addLead(caseID: caseID, demoCase.lead(receivedAt: context.now), by: investigator)
        let review = try await store.startReview(caseID: caseID, type: .newInformation, by: investigator)
        if let suspect = demoCase.suspect {
            let person = try await context.store.createPerson(
                suspect, by: investigator, idempotencyKey: "demo:cold-cases:suspect:\(demoCase.index)")
            try await context.store.addParty(
                caseID: caseID, personID: person.id, role: .suspect, note: "named by the new information", by: investigator)
        }
        try await record(review, of: demoCase, decision: .reopen)
        _ = try await store.approveReview(review.id, by: supervisor)
    }

    /// Clears a reopened case by arrest or by exceptional means; leaves the others reopened.
    func clear(_ demoCase: ColdCaseDemoCase, caseID: UUID) async throws {
        typealias Name = ColdCaseWorkflow.TransitionName
        switch demoCase.scenario {
        case .clearedByArrest:
            try await transition(caseID, Name.clearByArrest, [
                "arrested_on": .string(CalendarDate(context.now, in: .gmt).description),
                "charge": .string(demoCase.category == .homicide ? "murder" : demoCase.category.rawValue.replacingOccurrences(of: "_", with: " ")),
            ])
        case .clearedExceptionally:
            let clearances = ColdCaseDemoSeeds.exceptionalClearances
            let (code, reason) = clearances[ColdCaseDemoScenario.ordinal(of: demoCase.index) % clearances.count]
            try await transition(caseID, Name.clearExceptionally, ["exceptional_clearance_code": .string(code), "reason": .string(reason)])
        default:
            break
        }
    }

    func transition(_ caseID: UUID, _ name: String, _ inputs: [String: JSONValue]) async throws {
        _ = try await context.store.runTransition(
            TransitionRequest(caseID: caseID, transition: name, inputs: inputs, actor: supervisor))
    }
}
