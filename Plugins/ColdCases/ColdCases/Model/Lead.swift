public import Foundation
import DossierCore

/// New information about a case: a tip, a database hit, a laboratory result.
public struct NewLead: Sendable, Hashable {
    /// Who or what it came from, e.g. "Crimestoppers", "NDNAD hit".
    public var source: String
    public var receivedAt: Date
    public var summary: String
    public var assignedTo: String?
    public var outcome: String?

    public init(source: String, receivedAt: Date, summary: String, assignedTo: String? = nil, outcome: String? = nil) {
        self.source = source
        self.receivedAt = receivedAt
        self.summary = summary
        self.assignedTo = assignedTo
        self.outcome = outcome
    }

    func validate(now: Date) throws(DossierError) {
        try FreeText.require(source, field: "source", max: 200)
        try FreeText.require(summary, field: "summary", max: 10_000)
        if let assignedTo { try FreeText.require(assignedTo, field: "assignedTo", max: 200) }
        if receivedAt > now.addingTimeInterval(300) {
            throw .invalidInput("receivedAt \(receivedAt.formatted(.iso8601)) is in the future")
        }
    }
}

/// A lead as recorded on a case.
public struct Lead: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var caseID: UUID
    public var source: String
    public var receivedAt: Date
    public var summary: String
    public var assignedTo: String?
    public var outcome: String?
    public var recordedAt: Date
    public var recordedBy: String
}
