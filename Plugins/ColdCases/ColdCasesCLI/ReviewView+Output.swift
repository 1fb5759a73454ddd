import ColdCases
import DossierCLI
import Foundation

extension ReviewView {
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
