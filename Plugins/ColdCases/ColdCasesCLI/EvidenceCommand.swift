import ColdCases
import ArgumentParser
import DossierCLI
import DossierCore
import DossierPostgres
import Foundation

/// `dossier cold-cases evidence add`.
struct EvidenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence", abstract: "Keep a cold case's evidence inventory.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an exhibit to a case's evidence inventory.",
            discussion: """
                The exhibit reference is unique within the case. Say what could still be done with the exhibit in \
                --forensic-opportunity: reviews use it to judge forensic solvability.

                Examples:
                  dossier cold-cases evidence add COLD-2026-000001 --item "Cigarette end" \\
                      --exhibit JS/3 \\
                      --location "Wakefield central store, bay 14" --condition good \\
                      --forensic-opportunity "touch DNA (DNA-17)" --verified-on 2026-02-11
                """)
        @OptionGroup var options: DossierOptions
        @Argument(help: "The case reference or id.") var reference: String
        @Option(help: "What the exhibit is.") var item: String
        @Option(help: "Its exhibit reference, e.g. JS/3.") var exhibit: String
        @Option(help: "Where it is stored.") var location: String
        @Option(help: "good, degraded, poor, destroyed, missing or unknown.") var condition: EvidenceCondition
        @Option(help: "What could still be done with it, e.g. touch DNA re-test.") var forensicOpportunity = ""
        @Option(help: ArgumentHelp("When its location and condition were last checked.", valueName: "YYYY-MM-DD"))
        var verifiedOn: String?
        @Option(help: "not_submitted, submitted, results_received or not_suitable.") var submission: SubmissionStatus = .notSubmitted

        func run() async throws {
            let verified = try verifiedOn.map { text throws(DossierError) in try CalendarDate(parsing: text) }
            try await options.withSession { session in
                let found = try await session.resolveColdCase(reference)
                let evidence = try await session.coldCases.addEvidence(
                    caseID: found.id,
                    NewEvidenceItem(
                        item: item, exhibitReference: exhibit, storageLocation: location, condition: condition,
                        lastVerifiedOn: verified, forensicOpportunity: forensicOpportunity, submissionStatus: submission),
                    by: session.actor)
                if session.output.json { return try session.output.printJSON(EvidenceView(evidence, caseReference: found.reference)) }
                print("added exhibit \(evidence.exhibitReference) (\(evidence.condition.rawValue)) to \(found.reference)"
                    + (evidence.forensicOpportunity.isEmpty ? "" : "; forensic opportunity: \(evidence.forensicOpportunity)"))
            }
        }
    }
}
