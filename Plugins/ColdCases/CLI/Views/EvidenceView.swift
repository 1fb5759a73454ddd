import DossierCore
import Foundation

/// An exhibit with stable JSON field names.
struct EvidenceView: Encodable {
    var id: UUID
    var caseID: UUID
    var caseReference: String
    var item: String
    var exhibitReference: String
    var storageLocation: String
    var condition: String
    var lastVerifiedOn: CalendarDate?
    var forensicOpportunity: String
    var submissionStatus: String
    var addedAt: Date
    var addedBy: String

    init(_ evidence: EvidenceItem, caseReference: String) {
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
