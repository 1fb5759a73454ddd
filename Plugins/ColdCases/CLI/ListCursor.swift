import DossierCore
import Foundation

/// Where a page of a work list ended: the sort key of its last entry, printed as an opaque
/// `--cursor` (base64url JSON) and handed back to the store's keyset pagination.
struct ListCursor: Codable, CustomStringConvertible {
    var caseID: UUID
    var boosted: Bool?
    var tier: Int?
    var score: Int?
    /// Encoded as the `Date` itself, so the timestamp comes back to the microsecond.
    var reviewDueAt: Date?
    var limitationDate: CalendarDate?

    init(after entry: ReviewQueueEntry) {
        caseID = entry.caseID
        boosted = entry.isBoosted
        tier = entry.tier.rawValue
        score = entry.score
        reviewDueAt = entry.reviewDueAt
    }

    init(after warning: LimitationWarning) {
        caseID = warning.caseID
        limitationDate = warning.limitationDate
    }

    init(parsing text: String) throws(DossierError) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let cursor = try? JSONDecoder().decode(Self.self, from: data) else {
            throw .invalidInput("--cursor '\(text)' is not a cursor this list printed")
        }
        self = cursor
    }

    var description: String {
        let data = (try? JSONEncoder().encode(self)) ?? Data()
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The queue entry the store continues after (only its sort key matters).
    var queueEntry: ReviewQueueEntry {
        ReviewQueueEntry(
            caseID: caseID, reference: "", title: "", agency: "", tier: tier.flatMap { PriorityTier(rawValue: $0) } ?? .three,
            score: score ?? 0, boostedAt: boosted == true ? Date(timeIntervalSince1970: 0) : nil, reviewDueAt: reviewDueAt,
            overdueDays: 0, limitationDate: nil)
    }

    /// The limitation warning the store continues after.
    func limitationWarning() throws(DossierError) -> LimitationWarning {
        guard let limitationDate else { throw .invalidInput("this --cursor belongs to another list") }
        return LimitationWarning(
            caseID: caseID, reference: "", title: "", state: "", limitationDate: limitationDate, daysRemaining: 0)
    }
}
