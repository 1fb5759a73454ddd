import ColdCases
import ArgumentParser

/// `dossier cold-cases ...`: the review queue, reviews under the segregation of duties,
/// leads, the evidence inventory and limitation warnings.
struct ColdCasesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: ColdCases.moduleID,
        abstract: "Work cold cases: the review queue, reviews, leads, the evidence inventory, limitation dates.",
        discussion: """
            A cold case waits in `cold` for its next review. An investigator starts and records the review \
            (solvability factors, findings, a decision); a supervisor who did not conduct it approves it, which \
            returns the case to `cold` with its next review timed from the agency's policy, or reopens it.

            Examples:
              dossier cold-cases queue
              dossier cold-cases review start COLD-2026-000001 --type periodic
              dossier cold-cases review record 0193a1b2-... --suspect-identified \\
                  --forensic-evidence \\
                  --findings "JS/3 suitable for touch DNA" --decision reopen
              dossier cold-cases review approve 0193a1b2-... --as s.mendes \\
                  --as-role supervisor
              dossier cold-cases limitations --within 180
            """,
        subcommands: [
            QueueCommand.self, OverdueCommand.self, ReviewCommand.self, LeadCommand.self, EvidenceCommand.self,
            LimitationsCommand.self,
        ]
    )
}
