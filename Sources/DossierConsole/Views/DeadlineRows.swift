import DossierCore
import DossierPostgres
import DossierServer
import Foundation
import HTTPTypes

/// Deadlines as the console's tables show them: the case, what is due and on what legal
/// basis, "must" and "may" told apart in words (not by colour alone), and the time left.
enum DeadlineRows {
    /// What the `deadline-table` partial takes.
    static func table(_ deadlines: [Deadline], now: Date) -> [String: Any] { ["rows": rows(deadlines, now: now)] }

    static func rows(_ deadlines: [Deadline], now: Date) -> [[String: Any]] {
        deadlines.map { deadline in
            let timer = deadline.timer
            return [
                "reference": deadline.reference, "title": deadline.title, "name": ConsoleFormat.label(timer.name),
                "due": ConsoleFormat.time(timer.dueAt), "left": ConsoleFormat.timeLeft(until: timer.dueAt, now: now),
                "overdue": deadline.overdue, "legalBasis": timer.legalBasis.isEmpty ? "—" : timer.legalBasis,
                "must": timer.obligation == .must, "obligation": timer.obligation.rawValue,
            ]
        }
    }
}
