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

    /// The rows with the value the list is sorted by (when not by opening) as `sortValue`.
    static func rows(_ cases: [Case], sortedBy sort: CaseSort, activity: [UUID: CaseActivity], now: Date) -> [[String: Any]] {
        zip(rows(cases), cases).map { row, found in
            var row = row
            let known = activity[found.id]
            switch sort {
            case .opened: break
            case .updated: row["sortValue"] = known.map { ConsoleFormat.time($0.updatedAt) } ?? "—"
            case .deadline:
                if let due = known?.nextDeadlineAt {
                    row["sortValue"] = "\(ConsoleFormat.time(due)) (\(ConsoleFormat.timeLeft(until: due, now: now)))"
                    row["overdue"] = due <= now
                } else {
                    row["sortValue"] = "none"
                }
            }
            return row
        }
    }

    /// The heading of the sorted-by column, when the list shows one.
    static func sortColumn(_ sort: CaseSort) -> String? {
        switch sort {
        case .opened: nil
        case .updated: "Last changed"
        case .deadline: "Next deadline"
        }
    }
}
