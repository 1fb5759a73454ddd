import ColdCases
import ArgumentParser
import DossierCLI
import DossierCore
import DossierPostgres
import Foundation

/// `dossier cold-cases lead add`.
struct LeadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lead", abstract: "Record new information on a cold case.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a lead: a tip, a database hit, a laboratory result.",
            discussion: """
                On a case waiting in cold, a lead moves it up the review queue, among the cases with new leads, \
                until its next review starts; the answer says where it now stands. A closed case takes no leads.

                Examples:
                  dossier cold-cases lead add COLD-2026-000003 --source "NDNAD hit" \\
                      --summary "Partial profile from JS/3 matches a 2019 arrestee" \\
                      --assigned-to a.okafor
                  dossier cold-cases lead add COLD-2026-000009 --source Crimestoppers \\
                      --summary "Caller names the driver" --json
                """)
        @OptionGroup var options: DossierOptions
        @Argument(help: "The case reference or id.") var reference: String
        @Option(help: "Who or what it came from, e.g. Crimestoppers, NDNAD hit.") var source: String
        @Option(help: "What it says.") var summary: String
        @Option(help: "The user who follows it up.") var assignedTo: String?

        func run() async throws {
            try await options.withSession { session in
                let found = try await session.resolveColdCase(reference)
                let lead = try await session.coldCases.addLead(
                    caseID: found.id, NewLead(source: source, receivedAt: session.store.clock.now(), summary: summary, assignedTo: assignedTo),
                    by: session.actor)
                let view = LeadView(lead, caseReference: found.reference, queueBoost: found.state == ColdCaseWorkflow.State.cold)
                if session.output.json { return try session.output.printJSON(view) }
                let standing = if let place = try await session.coldCases.queuePosition(of: found.id, visibleTo: session.actor) {
                    "; the case is now \(place.position) of \(place.of) in your review queue, where cases with new leads come first"
                } else {
                    "; the case is \(found.state), not waiting in the review queue"
                }
                print("recorded lead \(lead.id.uuidString.lowercased()) on \(found.reference)\(standing)")
            }
        }
    }
}
