package import DossierCore
package import Foundation

/// A review with stable JSON field names; the factors and points keyed as they are stored
/// (`suspect_identified`, `forensic_evidence`, ...).
package struct ReviewView: Encodable {
    package var id: UUID
    package var caseID: UUID
    package var caseReference: String
    package var caseState: String
    package var type: String
    package var status: String
    package var reviewer: String
    package var startedAt: Date
    package var completedAt: Date?
    package var factors: [String: Bool]?
    package var score: Int?
    package var tier: Int?
    package var points: [String: Int]?
    package var findings: String
    package var recommendations: String
    package var decision: String?
    package var approver: String?
    package var approvedAt: Date?
    package var nextReviewDue: Date?

    package init(_ review: Review, of found: Case) {
        id = review.id
        caseID = review.caseID
        caseReference = found.reference
        caseState = found.state
        type = review.type.rawValue
        status = review.status.rawValue
        reviewer = review.reviewer
        startedAt = review.startedAt
        completedAt = review.completedAt
        factors = review.factors.map { factors in
            Dictionary(uniqueKeysWithValues: SolvabilityFactors.Factor.allCases.map { ($0.rawValue, factors[$0]) })
        }
        score = review.assessment?.score
        tier = review.assessment?.tier.rawValue
        points = review.assessment?.points
        findings = review.findings
        recommendations = review.recommendations
        decision = review.decision?.rawValue
        approver = review.approver
        approvedAt = review.approvedAt
        nextReviewDue = review.nextReviewDue
    }
}
