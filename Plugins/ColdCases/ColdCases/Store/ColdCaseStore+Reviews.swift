public import DossierCore
import DossierPostgres
public import Foundation
import PostgresNIO

extension ColdCaseStore {
    /// Starts a review of a cold case: the core's `start_review` transition, whose hook
    /// records the review with `actor` as its reviewer and stops the `review_due` timer.
    public func startReview(caseID: UUID, type: ReviewType, by actor: Actor) async throws -> Review {
        let id = UUID.v7()
        _ = try await cases.runTransition(
            TransitionRequest(
                caseID: caseID, transition: ColdCaseWorkflow.TransitionName.startReview,
                inputs: ["review_id": .string(id.uuidString.lowercased()), "review_type": .string(type.rawValue)],
                actor: actor))
        return try await review(id: id)
    }

    /// Records the reviewer's factors, findings, recommendations and decision; scores the
    /// factors and sets the case's tier and score in the review queue. Until approved, the
    /// reviewer may record again.
    public func recordReview(_ reviewID: UUID, _ record: ReviewRecord, by actor: Actor) async throws -> Review {
        try require(actor, oneOf: Roles.reviewers, to: "recording a review")
        try FreeText.require(record.findings, field: "findings", max: 20_000)
        if !record.recommendations.isEmpty { try FreeText.require(record.recommendations, field: "recommendations", max: 20_000) }
        let assessment = SolvabilityScoring.assess(record.factors)
        let caseID = try await review(id: reviewID).caseID

        _ = try await cases.recordModuleEvent(EventKind("cold-cases.review_recorded"), caseID: caseID, actor: actor) {
            found, connection in
            let rows = try await connection.query(
                "SELECT reviewer, approved_at IS NOT NULL FROM cold_case_reviews WHERE id = \(reviewID) FOR UPDATE",
                logger: logger)
            var row: (String, Bool)?
            for try await value in rows.decode((String, Bool).self) { row = value }
            guard let (reviewer, approved) = row else { throw DossierError.notFound("review \(reviewID.lowercased) does not exist") }
            guard !approved else {
                throw DossierError(.wrongState, "review \(reviewID.lowercased) of \(found.reference) is already approved")
            }
            guard reviewer == actor.id else {
                throw DossierError(
                    .guardRefused, "review \(reviewID.lowercased) is conducted by \(reviewer); only the reviewer records it")
            }
            let factors = record.factors
            try await connection.query(
                """
                UPDATE cold_case_reviews SET completed_at = \(cases.clock.now()),
                    suspect_identified = \(factors.suspectIdentified), forensic_evidence = \(factors.forensicEvidenceAvailable),
                    witnesses_available = \(factors.witnessesAvailable), family_contact = \(factors.victimFamilyContact),
                    new_technique = \(factors.newTechniqueApplicable), limitation_open = \(factors.limitationOpen),
                    score_breakdown = \(try JSONValue(encoding: assessment.points)), score = \(assessment.score),
                    tier = \(assessment.tier.rawValue), findings = \(record.findings),
                    recommendations = \(record.recommendations), decision = \(record.decision.rawValue)
                WHERE id = \(reviewID)
                """, logger: logger)
            try await connection.query(
                "UPDATE cold_cases SET tier = \(assessment.tier.rawValue), score = \(assessment.score) WHERE case_id = \(found.id)",
                logger: logger)
            let payload: JSONValue = [
                "review_id": .string(reviewID.lowercased), "score": .int(Int64(assessment.score)),
                "tier": .int(Int64(assessment.tier.rawValue)), "points": try JSONValue(encoding: assessment.points),
                "decision": .string(record.decision.rawValue),
            ]
            return (payload: payload, result: ())
        }
        return try await review(id: reviewID)
    }

    /// Approves a recorded review by running the transition its decision calls for
    /// (`complete_review` or `reopen`). The module's hook refuses the reviewer approving
    /// their own review; on `remain_cold` the next review is timed from the policy, counted
    /// from `approvedAt` (when the supervisor approved it; default now).
    public func approveReview(_ reviewID: UUID, approvedAt: Date? = nil, by actor: Actor) async throws -> Review {
        let current = try await review(id: reviewID)
        guard let decision = current.decision else {
            throw DossierError(
                .wrongState,
                "review \(reviewID.lowercased) has not been recorded yet: \(current.reviewer) records the factors, "
                    + "findings and decision before a supervisor approves it")
        }
        _ = try await cases.runTransition(
            TransitionRequest(
                caseID: current.caseID,
                transition: decision == .reopen
                    ? ColdCaseWorkflow.TransitionName.reopen : ColdCaseWorkflow.TransitionName.completeReview,
                inputs: ["review_id": .string(reviewID.lowercased)].merging(
                    approvedAt.map { ["approved_at": .string($0.formatted(.iso8601))] } ?? [:]) { $1 },
                actor: actor))
        return try await review(id: reviewID)
    }

    public func review(id: UUID) async throws -> Review {
        let rows = try await client.query(
            "SELECT \(unescaped: Self.reviewColumns) FROM cold_case_reviews WHERE id = \(id)", logger: logger)
        for try await row in rows.decode(ReviewRow.self) { return try Self.review(from: row) }
        throw DossierError.notFound("review \(id.lowercased) does not exist")
    }

    /// The case's reviews, oldest first.
    public func reviews(caseID: UUID) async throws -> [Review] {
        let rows = try await client.query(
            """
            SELECT \(unescaped: Self.reviewColumns) FROM cold_case_reviews WHERE case_id = \(caseID)
            ORDER BY started_at, id
            """, logger: logger)
        var reviews: [Review] = []
        for try await row in rows.decode(ReviewRow.self) { reviews.append(try Self.review(from: row)) }
        return reviews
    }

    static let reviewColumns = """
        id, case_id, review_type, reviewer, started_at, completed_at, suspect_identified, forensic_evidence, \
        witnesses_available, family_contact, new_technique, limitation_open, score_breakdown, score, tier::int, findings, \
        recommendations, decision, approver, approved_at, next_review_due
        """

    typealias ReviewRow = (
        UUID, UUID, String, String, Date, Date?, Bool?, Bool?, Bool?, Bool?, Bool?, Bool?, JSONValue?, Int?, Int?, String,
        String, String?, String?, Date?, Date?
    )

    static func review(from row: ReviewRow) throws -> Review {
        let (id, caseID, type, reviewer, startedAt, completedAt, suspect, forensic, witnesses, family, technique, limitation,
            breakdown, score, tier, findings, recommendations, decision, approver, approvedAt, nextReviewDue) = row
        var factors: SolvabilityFactors?
        if let suspect, let forensic, let witnesses, let family, let technique, let limitation {
            factors = SolvabilityFactors(
                suspectIdentified: suspect, forensicEvidenceAvailable: forensic, witnessesAvailable: witnesses,
                victimFamilyContact: family, newTechniqueApplicable: technique, limitationOpen: limitation)
        }
        var assessment: SolvabilityAssessment?
        if let breakdown, let score, let tier, let tierValue = PriorityTier(rawValue: tier) {
            assessment = SolvabilityAssessment(score: score, tier: tierValue, points: try breakdown.decode(as: [String: Int].self))
        }
        return Review(
            id: id, caseID: caseID, type: try ReviewType.parse(type, field: "review_type"), reviewer: reviewer,
            startedAt: startedAt, completedAt: completedAt, factors: factors, assessment: assessment, findings: findings,
            recommendations: recommendations, decision: try decision.map { try ReviewDecision.parse($0, field: "decision") },
            approver: approver, approvedAt: approvedAt, nextReviewDue: nextReviewDue)
    }
}
