import Foundation

/// A lead with stable JSON field names, and whether it put the case at the top of the queue.
struct LeadView: Encodable {
    var id: UUID
    var caseID: UUID
    var caseReference: String
    var source: String
    var receivedAt: Date
    var summary: String
    var assignedTo: String?
    var recordedAt: Date
    var recordedBy: String
    var queueBoost: Bool

    init(_ lead: Lead, caseReference: String, queueBoost: Bool) {
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
