package import DossierCore
import Foundation

/// Where a page of a work list ended: the sort key of its last entry (a case the user may
/// see), passed as an opaque `cursor` (base64url JSON) and handed back to the store's
/// keyset pagination.
///
/// A cursor comes back from the client, so decoding checks every value against what the
/// list itself can hold (a tier of 1 to 3, a score of 0 to 100, a date in four-digit years)
/// and refuses anything else with the parameter's name: a tampered cursor never reaches
/// arithmetic or a database bind that could trap.
package struct ListCursor: Codable, CustomStringConvertible {
    var caseID: UUID
    var boosted: Bool?
    var tier: Int?
    var score: Int?
    /// Encoded as the `Date` itself, so the timestamp comes back to the microsecond.
    var reviewDueAt: Date?
    var limitationDate: CalendarDate?

    /// The scores a solvability assessment can give.
    static let scores = 0...100
    /// The instants a review due date can be: years 1900 to 2999.
    static let reviewDueDates = Date(timeIntervalSince1970: -2_208_988_800)...Date(timeIntervalSince1970: 32_503_680_000)

    package init(after entry: ReviewQueueEntry) {
        caseID = entry.caseID
        boosted = entry.isBoosted
        tier = entry.tier.rawValue
        score = entry.score
        reviewDueAt = entry.reviewDueAt
    }

    package init(after warning: LimitationWarning) {
        caseID = warning.caseID
        limitationDate = warning.limitationDate
    }

    /// Decodes and checks a cursor this list printed.
    /// - Parameter parameter: how the client passed it (`cursor`, `--cursor`), for the error.
    package init(parsing text: String, parameter: String = "cursor") throws(DossierError) {
        let refusal = DossierError.invalidInput("\(parameter) '\(text.prefix(80))' is not a cursor this list printed")
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard text.utf8.count <= 512, let data = Data(base64Encoded: base64),
            let cursor = try? JSONDecoder().decode(Self.self, from: data)
        else { throw refusal }
        if let tier = cursor.tier, PriorityTier(rawValue: tier) == nil { throw refusal }
        if let score = cursor.score, !Self.scores.contains(score) { throw refusal }
        if let due = cursor.reviewDueAt, !Self.reviewDueDates.contains(due) { throw refusal }
        self = cursor
    }

    package var description: String {
        let data = (try? JSONEncoder().encode(self)) ?? Data()
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The queue entry the store continues after (only its sort key matters).
    package func queueEntry(parameter: String = "cursor") throws(DossierError) -> ReviewQueueEntry {
        guard let tier = tier.flatMap(PriorityTier.init(rawValue:)), let score, let boosted else {
            throw .invalidInput("this \(parameter) belongs to another list")
        }
        return ReviewQueueEntry(
            caseID: caseID, reference: "", title: "", agency: "", tier: tier,
            score: score, boostedAt: boosted ? Date(timeIntervalSince1970: 0) : nil, reviewDueAt: reviewDueAt,
            overdueDays: 0, limitationDate: nil)
    }

    /// The limitation warning the store continues after.
    package func limitationWarning(parameter: String = "cursor") throws(DossierError) -> LimitationWarning {
        guard let limitationDate else { throw .invalidInput("this \(parameter) belongs to another list") }
        return LimitationWarning(
            caseID: caseID, reference: "", title: "", state: "", limitationDate: limitationDate, daysRemaining: 0)
    }
}
