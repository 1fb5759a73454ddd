import DossierCore
import Foundation

/// A review-queue or overdue entry with stable JSON field names.
struct QueueEntryView: Encodable {
    var caseID: UUID
    var reference: String
    var title: String
    var agency: String
    var tier: Int
    var score: Int
    var boosted: Bool
    var boostedAt: Date?
    var reviewDueAt: Date?
    var overdueDays: Int
    var limitationDate: CalendarDate?

    init(_ entry: ReviewQueueEntry) {
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
    struct Page: Encodable {
        var entries: [QueueEntryView]
        var nextCursor: String?
    }

    static let headers = ["REFERENCE", "TIER", "SCORE", "LEAD", "REVIEW DUE", "OVERDUE", "AGENCY", "TITLE"]

    var row: [String] {
        [
            reference, String(tier), String(score), boostedAt?.dayGMT ?? "-", reviewDueAt?.dayGMT ?? "-",
            overdueDays > 0 ? "\(overdueDays)d" : "-", agency, title,
        ]
    }
}
