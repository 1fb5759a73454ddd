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
            abstract: "Re-walk every case's hash chain (or one case's); exit 0 when intact, 1 naming the first broken event per case.",
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
                if session.output.json {
                    try session.output.printJSON(AuditReport(report))
                } else {
                    for broken in report.broken {
                        print("BROKEN \(broken.reference): \(broken.firstBreak)")
                    }
                    print("\(report.casesChecked) cases, \(report.eventsChecked) events checked: "
                        + (report.isIntact ? "every chain is intact" : "\(report.broken.count) broken"))
                }
                return report
            }
            if !report.isIntact { throw ExitCode.failure }
        }
    }
}

/// The verification report with stable field names.
struct AuditReport: Encodable {
    struct Broken: Encodable {
        var caseId: UUID
        var reference: String
        var sequence: Int64
        var problem: String
    }

    var intact: Bool
    var casesChecked: Int
    var eventsChecked: Int
    var broken: [Broken]

    init(_ report: ChainVerificationReport) {
        intact = report.isIntact
        casesChecked = report.casesChecked
        eventsChecked = report.eventsChecked
        broken = report.broken.map {
            Broken(caseId: $0.caseID, reference: $0.reference, sequence: $0.firstBreak.sequence, problem: $0.firstBreak.description)
        }
    }
}

extension Optional {
    func asyncMap<Mapped>(_ transform: (Wrapped) async throws -> Mapped) async rethrows -> Mapped? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
