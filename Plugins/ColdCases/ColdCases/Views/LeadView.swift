package import Foundation

/// A lead with stable JSON field names, and whether it put the case at the top of the queue.
package struct LeadView: Encodable {
    package var id: UUID
    package var caseID: UUID
    package var caseReference: String
    package var source: String
    package var receivedAt: Date
    package var summary: String
    package var assignedTo: String?
    package var recordedAt: Date
    package var recordedBy: String
    package var queueBoost: Bool

    package init(_ lead: Lead, caseReference: String, queueBoost: Bool) {
        id = lead.id
        caseID = lead.caseID
        self.caseReference = caseReference
        source = lead.source
        receivedAt = lead.receivedAt
        summary = lead.summary
        assignedTo = lead.assignedTo
        recordedAt = lead.recordedAt
        recordedBy = lead.recordedBy
        self.queueBoost = queueBoost
    }
}
