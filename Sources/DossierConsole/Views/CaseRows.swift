import DossierCore
import DossierServer
import Foundation
import HTTPTypes

/// Cases as the console's lists show them.
enum CaseRows {
    static func rows(_ cases: [Case]) -> [[String: Any]] {
        cases.map { found in
            [
                "reference": found.reference, "title": found.title, "module": found.module, "type": found.type, "state": found.state,
                "priority": found.priority.rawValue, "country": found.country, "agency": found.owningAgency,
                "classification": found.classification.rawValue, "opened": ConsoleFormat.date(found.openedAt),
                "closed": found.closedAt != nil,
            ]
        }
    }
}
