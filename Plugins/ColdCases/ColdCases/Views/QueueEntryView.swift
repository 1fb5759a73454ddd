package import DossierCore
package import Foundation

/// A review-queue or overdue entry with stable JSON field names.
package struct QueueEntryView: Encodable {
    package var caseID: UUID
    package var reference: String
    package var title: String
    package var agency: String
    package var tier: Int
    package var score: Int
    package var boosted: Bool
    package var boostedAt: Date?
    package var reviewDueAt: Date?
    package var overdueDays: Int
    package var limitationDate: CalendarDate?

    package init(_ entry: ReviewQueueEntry) {
        caseID = entry.caseID
        reference = entry.reference
        title = entry.title
        agency = entry.agency
        tier = entry.tier.rawValue
        score = entry.score
        boosted = entry.isBoosted
        boostedAt = entry.boostedAt
        reviewDueAt = entry.reviewDueAt
        overdueDays = entry.overdueDays
        limitationDate = entry.limitationDate
    }

    /// A page of entries and where the next one starts.
    package struct Page: Encodable {
        package var entries: [QueueEntryView]
        package var nextCursor: String?

        package init(entries: [QueueEntryView], nextCursor: String?) {
            self.entries = entries
            self.nextCursor = nextCursor
        }
    }

    package static let headers = ["REFERENCE", "TIER", "SCORE", "LEAD", "REVIEW DUE", "OVERDUE", "AGENCY", "TITLE"]

    package var row: [String] {
        [
            reference, String(tier), String(score), boostedAt?.dayGMT ?? "-", reviewDueAt?.dayGMT ?? "-",
            overdueDays > 0 ? "\(overdueDays)d" : "-", agency, title,
        ]
    }
}
