import ColdCases
import ArgumentParser
import DossierCLI
import DossierCore
import DossierPostgres

/// `dossier cold-cases queue`.
struct QueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Cold cases in the order to review them: new leads first, then tier, score and the longest overdue.",
        discussion: """
            Tier 1 has a known suspect and forensic evidence, tier 2 forensic evidence without a suspect, tier 3 \
            neither (every case is tier 3 until its first recorded review). A lead puts a case at the top until its \
            next review starts. A full page ends with the --cursor of the next one.

            Examples:
              dossier cold-cases queue
              dossier cold-cases queue --limit 10 --json
            """)
    @OptionGroup var options: DossierOptions
    @Option(help: "Cases per page (1 to 500).") var limit = 50
    @Option(help: "Where the previous page ended.") var cursor: String?

    func run() async throws {
        try await options.withSession { session in
            let after = try cursor.map { text throws(DossierError) in
                try ListCursor(parsing: text, parameter: "--cursor").queueEntry(parameter: "--cursor")
            }
            let entries = try await session.coldCases.reviewQueue(visibleTo: session.viewer, limit: limit, after: after)
            try QueueEntryView.print(entries, pageSize: limit, emptyMessage: "no cold case is waiting for review", to: session)
        }
    }
}

/// `dossier cold-cases overdue`.
struct OverdueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overdue",
        abstract: "Cold cases whose review is past due, the longest overdue first.",
        discussion: """
            A review falls due under the agency's review policy: by default 28 days after the case went cold, then \
            24 months after each approved review (ACPO MIRSAP). A full page ends with the --cursor of the next one.

            Examples:
              dossier cold-cases overdue
              dossier cold-cases overdue --json | jq '.entries[].reference'
            """)
    @OptionGroup var options: DossierOptions
    @Option(help: "Cases per page (1 to 500).") var limit = 100
    @Option(help: "Where the previous page ended.") var cursor: String?

    func run() async throws {
        try await options.withSession { session in
            let after = try cursor.map { text throws(DossierError) in
                try ListCursor(parsing: text, parameter: "--cursor").queueEntry(parameter: "--cursor")
            }
            let entries = try await session.coldCases.overdueForReview(visibleTo: session.viewer, limit: limit, after: after)
            try QueueEntryView.print(entries, pageSize: limit, emptyMessage: "no review is overdue", to: session)
        }
    }
}

extension QueueEntryView {
    /// Prints a page as a table or JSON; a full page names the cursor of the next one.
    static func print(_ entries: [ReviewQueueEntry], pageSize: Int, emptyMessage: String, to session: Session) throws {
        let next = entries.count == pageSize ? entries.last.map { ListCursor(after: $0).description } : nil
        if session.output.json {
            try session.output.printJSON(Page(entries: entries.map(QueueEntryView.init), nextCursor: next))
            return
        }
        guard !entries.isEmpty else { return Swift.print(emptyMessage) }
        session.output.printTable(headers, entries.map { QueueEntryView($0).row })
        if let next { Swift.print("more: --cursor \(next)") }
    }
}
