import ArgumentParser
import DossierCore
import DossierPostgres
import Foundation

/// `dossier audit verify`.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check the tamper-evident timelines.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-walk every case's hash chain (or one case's), and modules' record chains such as surveillance logs; exit 0 when intact, 1 naming the first broken record per case.",
            discussion: """
                Examples:
                  dossier audit verify
                  dossier audit verify --case COLD-2026-000001
                """)
        @OptionGroup var options: DossierOptions
        @Option(name: .customLong("case"), help: "Only this case (reference or id).") var reference: String?

        func run() async throws {
            let report = try await options.withSession { session in
                let caseID = try await reference.asyncMap { try await session.resolveCase($0).id }
                let report = try await session.store.verifyChains(caseID: caseID)
                let summary = report.summary
                if session.output.json {
                    try session.output.printJSON(summary)
                } else {
                    for broken in summary.broken {
                        print("BROKEN \(broken.reference) (\(broken.chain)): \(broken.problem)")
                    }
                    let records = summary.recordsChecked > 0 ? ", \(summary.recordsChecked) module records" : ""
                    print("\(report.casesChecked) cases, \(report.eventsChecked) events\(records) checked: "
                        + (report.isIntact ? "every chain is intact" : "\(summary.broken.count) broken"))
                }
                return report
            }
            if !report.isIntact { throw ExitCode.failure }
        }
    }
}

extension Optional {
    func asyncMap<Mapped>(_ transform: (Wrapped) async throws -> Mapped) async rethrows -> Mapped? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
