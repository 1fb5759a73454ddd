package import DossierCore
package import Foundation

/// A limitation warning with stable JSON field names.
package struct LimitationView: Encodable {
    package var caseID: UUID
    package var reference: String
    package var title: String
    package var state: String
    package var limitationDate: CalendarDate
    package var daysRemaining: Int

    package init(_ warning: LimitationWarning) {
        caseID = warning.caseID
        reference = warning.reference
        title = warning.title
        state = warning.state
        limitationDate = warning.limitationDate
        daysRemaining = warning.daysRemaining
    }

    package struct Page: Encodable {
        package var cases: [LimitationView]
        package var nextCursor: String?

        package init(cases: [LimitationView], nextCursor: String?) {
            self.cases = cases
            self.nextCursor = nextCursor
        }
    }

    package static let headers = ["REFERENCE", "STATE", "LIMITATION", "DAYS LEFT", "TITLE"]

    package var row: [String] { [reference, state, limitationDate.description, String(daysRemaining), title] }
}
