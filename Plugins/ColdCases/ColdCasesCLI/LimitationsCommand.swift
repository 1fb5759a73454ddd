import ColdCases
import ArgumentParser
import DossierCLI
import DossierCore
import DossierPostgres

/// `dossier cold-cases limitations`.
struct LimitationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "limitations",
        abstract: "Open cold cases whose statute of limitations runs out soon, the soonest first.",
        discussion: """
            Only cases with a limitation date (attributes.limitation_date) are listed; murder has none in most \
            jurisdictions. Check the date with the prosecutor before relying on it. A full page ends with the \
            --cursor of the next one.

            Examples:
              dossier cold-cases limitations
              dossier cold-cases limitations --within 90 --json
            """)
    @OptionGroup var options: DossierOptions
    @Option(help: "Days ahead to look, from today (0 to 3650).") var within = 365
    @Option(help: "Cases per page (1 to 500).") var limit = 100
    @Option(help: "Where the previous page ended.") var cursor: String?

    func run() async throws {
        try await options.withSession { session in
            let after = try cursor.map { text throws(DossierError) in try ListCursor(parsing: text, parameter: "--cursor").limitationWarning(parameter: "--cursor")
            }
            let warnings = try await session.coldCases.limitationWarnings(
                within: within, visibleTo: session.viewer, limit: limit, after: after)
            let next = warnings.count == limit ? warnings.last.map { ListCursor(after: $0).description } : nil
            if session.output.json {
                try session.output.printJSON(LimitationView.Page(cases: warnings.map(LimitationView.init), nextCursor: next))
                return
            }
            guard !warnings.isEmpty else { return print("no open cold case reaches its limitation date within \(within) days") }
            session.output.printTable(LimitationView.headers, warnings.map { LimitationView($0).row })
            if let next { print("more: --cursor \(next)") }
        }
    }
}
