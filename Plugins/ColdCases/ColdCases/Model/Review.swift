public import Foundation

/// Why a review was started.
public enum ReviewType: String, Sendable, Hashable, Codable, CaseIterable {
    case periodic
    case newInformation = "new_information"
    case forensic
}

/// What the reviewer recommends, and a supervisor approves.
public enum ReviewDecision: String, Sendable, Hashable, Codable, CaseIterable {
    /// Back to `cold`, with the next periodic review timed from the approval.
    case remainCold = "remain_cold"
    /// `reopened`: active investigation.
    case reopen
}

/// What the reviewer records on completing a review.
public struct ReviewRecord: Sendable, Hashable {
    public var factors: SolvabilityFactors
    public var findings: String
    public var recommendations: String
    public var decision: ReviewDecision

    public init(factors: SolvabilityFactors, findings: String, recommendations: String = "", decision: ReviewDecision) {
        self.factors = factors
        self.findings = findings
        self.recommendations = recommendations
        self.decision = decision
    }
}

/// A review of a cold case: started, recorded by its reviewer, approved by a supervisor.
public struct Review: Sendable, Hashable, Identifiable {
    public enum Status: String, Sendable, Hashable {
        case inProgress = "in_progress"
        case awaitingApproval = "awaiting_approval"
        case approved
    }

    public var id: UUID
    public var caseID: UUID
    public var type: ReviewType
    public var reviewer: String
    public var startedAt: Date
    /// When the reviewer recorded the factors, findings and decision.
    public var completedAt: Date?
    public var factors: SolvabilityFactors?
    public var assessment: SolvabilityAssessment?
    public var findings: String
    public var recommendations: String
    public var decision: ReviewDecision?
    public var approver: String?
    public var approvedAt: Date?
    /// For a case kept cold, when its next review is due.
    public var nextReviewDue: Date?

    public var status: Status {
        if approvedAt != nil { return .approved }
        return completedAt == nil ? .inProgress : .awaitingApproval
    }
}
