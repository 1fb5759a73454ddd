import DossierCLI
import DossierCore
import Foundation

/// A review with stable JSON field names; the factors and points keyed as they are stored
/// (`suspect_identified`, `forensic_evidence`, ...).
struct ReviewView: Encodable {
    var id: UUID
    var caseID: UUID
    var caseReference: String
    var caseState: String
    var type: String
    var status: String
    var reviewer: String
    var startedAt: Date
    var completedAt: Date?
    var factors: [String: Bool]?
    var score: Int?
    var tier: Int?
    var points: [String: Int]?
    var findings: String
    var recommendations: String
    var decision: String?
    var approver: String?
    var approvedAt: Date?
    var nextReviewDue: Date?

    init(_ review: Review, of found: Case) {
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

    /// The review's fields, aligned, for people.
    func print(to output: Output) {
        var fields: [(String, String)] = [
            ("review", id.uuidString.lowercased()), ("case", "\(caseReference) (\(caseState))"), ("type", type),
            ("status", status.replacingOccurrences(of: "_", with: " ")), ("reviewer", reviewer),
            ("started", startedAt.dayGMT),
        ]
        if let score, let tier { fields.append(("solvability", "\(score)/100, tier \(tier)")) }
        if let factors {
            let present = SolvabilityFactors.Factor.allCases.filter { factors[$0.rawValue] == true }.map(\.rawValue)
            fields.append(("factors", present.isEmpty ? "none" : present.joined(separator: ", ")))
        }
        if !findings.isEmpty { fields.append(("findings", findings)) }
        if !recommendations.isEmpty { fields.append(("recommendations", recommendations)) }
        if let decision { fields.append(("decision", decision)) }
        if let approver, let approvedAt { fields.append(("approved", "by \(approver) on \(approvedAt.dayGMT)")) }
        if let nextReviewDue { fields.append(("next review due", nextReviewDue.dayGMT)) }
        output.printFields(fields)
    }
}
