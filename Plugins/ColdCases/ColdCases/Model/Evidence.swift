public import Foundation
public import DossierCore

/// The state an exhibit was last found in.
public enum EvidenceCondition: String, Sendable, Hashable, Codable, CaseIterable {
    case good, degraded, poor, destroyed, missing, unknown
}

/// Where an exhibit stands with the laboratory.
public enum SubmissionStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case notSubmitted = "not_submitted"
    case submitted
    case resultsReceived = "results_received"
    case notSuitable = "not_suitable"
}

/// An exhibit to add to a case's evidence inventory.
public struct NewEvidenceItem: Sendable, Hashable {
    public var item: String
    /// Unique within the case, e.g. `JS/3`.
    public var exhibitReference: String
    public var storageLocation: String
    public var condition: EvidenceCondition
    public var lastVerifiedOn: CalendarDate?
    /// What could still be done with it, e.g. "touch DNA re-test".
    public var forensicOpportunity: String
    public var submissionStatus: SubmissionStatus

    public init(
        item: String, exhibitReference: String, storageLocation: String, condition: EvidenceCondition,
        lastVerifiedOn: CalendarDate? = nil, forensicOpportunity: String = "",
        submissionStatus: SubmissionStatus = .notSubmitted
    ) {
        self.item = item
        self.exhibitReference = exhibitReference
        self.storageLocation = storageLocation
        self.condition = condition
        self.lastVerifiedOn = lastVerifiedOn
        self.forensicOpportunity = forensicOpportunity
        self.submissionStatus = submissionStatus
    }

    func validate(today: CalendarDate) throws(DossierError) {
        try FreeText.require(item, field: "item", max: 500)
        try FreeText.require(exhibitReference, field: "exhibitReference", max: 100)
        try FreeText.require(storageLocation, field: "storageLocation", max: 500)
        if let lastVerifiedOn, lastVerifiedOn > today {
            throw .invalidInput("lastVerifiedOn \(lastVerifiedOn) is in the future")
        }
    }
}

/// An exhibit in a case's evidence inventory.
public struct EvidenceItem: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var caseID: UUID
    public var item: String
    public var exhibitReference: String
    public var storageLocation: String
    public var condition: EvidenceCondition
    public var lastVerifiedOn: CalendarDate?
    public var forensicOpportunity: String
    public var submissionStatus: SubmissionStatus
    public var addedAt: Date
    public var addedBy: String
}
