package import DossierCore
package import Foundation

/// An exhibit with stable JSON field names.
package struct EvidenceView: Encodable {
    package var id: UUID
    package var caseID: UUID
    package var caseReference: String
    package var item: String
    package var exhibitReference: String
    package var storageLocation: String
    package var condition: String
    package var lastVerifiedOn: CalendarDate?
    package var forensicOpportunity: String
    package var submissionStatus: String
    package var addedAt: Date
    package var addedBy: String

    package init(_ evidence: EvidenceItem, caseReference: String) {
        id = evidence.id
        caseID = evidence.caseID
        self.caseReference = caseReference
        item = evidence.item
        exhibitReference = evidence.exhibitReference
        storageLocation = evidence.storageLocation
        condition = evidence.condition.rawValue
        lastVerifiedOn = evidence.lastVerifiedOn
        forensicOpportunity = evidence.forensicOpportunity
        submissionStatus = evidence.submissionStatus.rawValue
        addedAt = evidence.addedAt
        addedBy = evidence.addedBy
    }
}
