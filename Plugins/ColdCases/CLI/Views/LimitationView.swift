import DossierCore
import Foundation

/// A limitation warning with stable JSON field names.
struct LimitationView: Encodable {
    var caseID: UUID
    var reference: String
    var title: String
    var state: String
    var limitationDate: CalendarDate
    var daysRemaining: Int

    init(_ warning: LimitationWarning) {
        caseID = warning.caseID
        reference = warning.reference
        title = warning.title
        state = warning.state
        limitationDate = warning.limitationDate
        daysRemaining = warning.daysRemaining
    }

    struct Page: Encodable {
        var cases: [LimitationView]
        var nextCursor: String?
    }

    static let headers = ["REFERENCE", "STATE", "LIMITATION", "DAYS LEFT", "TITLE"]

    var row: [String] { [reference, state, limitationDate.description, String(daysRemaining), title] }
}
