import ColdCases
import ArgumentParser
import DossierCLI
import DossierCore
import DossierPostgres
import Foundation

/// `dossier cold-cases review start|record|approve`.
struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Start, record and approve a cold-case review.",
        discussion: """
            An investigator or supervisor starts a review (the case goes to under_review) and records it; a \
            supervisor who did not conduct it approves it (segregation of duties).

            Examples:
              dossier cold-cases review start COLD-2026-000001 --type periodic
              dossier cold-cases review record 0193a1b2-... --forensic-evidence \\
                  --witnesses-available \\
                  --findings "Exhibit JS/3 held at Wakefield store" --decision remain_cold
              dossier cold-cases review approve 0193a1b2-... --as s.mendes \\
                  --as-role supervisor
            """,
        subcommands: [Start.self, Record.self, Approve.self]
    )

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a review of a cold case; you become its reviewer.",
            discussion: """
                Runs the start_review transition (cold -> under_review) and stops the review_due timer.

                Examples:
                  dossier cold-cases review start COLD-2026-000001 --type periodic
                  dossier cold-cases review start COLD-2026-000007 --type new_information \\
                      --json
                """)
        @OptionGroup var options: DossierOptions
        @Argument(help: "The case reference or id.") var reference: String
        @Option(help: "periodic, new_information or forensic.") var type: ReviewType

        func run() async throws {
            try await options.withSession { session in
                let found = try await session.resolveColdCase(reference)
                let review = try await session.coldCases.startReview(caseID: found.id, type: type, by: session.actor)
                let view = ReviewView(review, of: try await session.store.getCase(id: found.id))
                if session.output.json { return try session.output.printJSON(view) }
                print("started \(type.rawValue) review \(view.id.uuidString.lowercased()) of \(found.reference) (\(found.state) -> \(view.caseState))")
                print("record it: dossier cold-cases review record \(view.id.uuidString.lowercased()) --findings ... --decision remain_cold|reopen")
            }
        }
    }

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a review's solvability factors, findings and decision; only its reviewer may.",
            discussion: """
                A factor's flag says it is present; a factor left out is recorded as absent, except the limitation, \
                which is open unless --no-limitation-open says it has run out. The factors are scored out of 100 and \
                set the case's tier in the review queue. Until approved, the reviewer may record again.

                Examples:
                  dossier cold-cases review record 0193a1b2-... --suspect-identified \\
                      --forensic-evidence \\
                      --findings "Partial profile on JS/3; suspect's DNA on NDNAD" \\
                      --recommendations "Submit JS/3 for DNA-17" --decision reopen
                  dossier cold-cases review record 0193a1b2-... --findings "No new lines" \\
                      --decision remain_cold --json
                """)
        @OptionGroup var options: DossierOptions
        @Argument(help: "The review's id, as `review start` printed it.") var reviewID: String
        @Flag(help: "A suspect has been identified.") var suspectIdentified = false
        @Flag(help: "DNA-suitable or other forensic evidence can still be examined.") var forensicEvidence = false
        @Flag(help: "Witnesses are still available.") var witnessesAvailable = false
        @Flag(help: "The victim or their family can be contacted.") var familyContact = false
        @Flag(help: "A technique not available when the case went cold applies (touch DNA, genealogy).")
        var newTechnique = false
        @Flag(inversion: .prefixedNo, help: "Prosecution is still possible: no limitation applies or it has not run out.")
        var limitationOpen = true
        @Option(help: "What the review found.") var findings: String
        @Option(help: "What the reviewer recommends.") var recommendations = ""
        @Option(help: "remain_cold or reopen; a supervisor approves it.") var decision: ReviewDecision

        func run() async throws {
            let factors = SolvabilityFactors(
                suspectIdentified: suspectIdentified, forensicEvidenceAvailable: forensicEvidence,
                witnessesAvailable: witnessesAvailable, victimFamilyContact: familyContact,
                newTechniqueApplicable: newTechnique, limitationOpen: limitationOpen)
            try await options.withSession { session in
                let started = try await session.review(reviewID)
                let review = try await session.coldCases.recordReview(
                    started.id, ReviewRecord(factors: factors, findings: findings, recommendations: recommendations, decision: decision),
                    by: session.actor)
                let view = ReviewView(review, of: try await session.store.getCase(id: review.caseID))
                if session.output.json { return try session.output.printJSON(view) }
                view.print(to: session.output)
                print("\nawaiting approval by a supervisor other than \(review.reviewer): "
                    + "dossier cold-cases review approve \(review.id.uuidString.lowercased())")
            }
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve a recorded review as a supervisor who did not conduct it.",
            discussion: """
                Runs the transition the decision calls for: complete_review (back to cold, the next review timed \
                from the agency's policy) or reopen (active investigation). An approval given earlier is entered \
                with --approved-at: the next review is timed from it.

                Examples:
                  dossier cold-cases review approve 0193a1b2-... --as s.mendes \\
                      --as-role supervisor
                  dossier cold-cases review approve 0193a1b2-... \\
                      --approved-at 2026-11-27T16:30:00Z
                """)
        @OptionGroup var options: DossierOptions
        @Argument(help: "The review's id.") var reviewID: String
        @Option(help: ArgumentHelp("When it was approved (ISO 8601; default: now).", valueName: "time"))
        var approvedAt: String?

        func run() async throws {
            let approved = try approvedAt.map { text throws(DossierError) in try Date(iso8601: text, field: "--approved-at") }
            try await options.withSession { session in
                let recorded = try await session.review(reviewID)
                let review = try await session.coldCases.approveReview(recorded.id, approvedAt: approved, by: session.actor)
                let view = ReviewView(review, of: try await session.store.getCase(id: review.caseID))
                if session.output.json { return try session.output.printJSON(view) }
                let outcome = review.decision == .reopen
                    ? "\(view.caseReference) is reopened for active investigation"
                    : "\(view.caseReference) is cold again; next review due \(review.nextReviewDue?.dayGMT ?? "-")"
                print("approved review \(view.id.uuidString.lowercased()) by \(review.approver ?? session.actor.id): \(outcome)")
            }
        }
    }
}
