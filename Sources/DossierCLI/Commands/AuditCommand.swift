import ArgumentParser
import DossierCore
import DossierPostgres
import Foundation

/// `dossier audit verify|admin-log`.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check the tamper-evident timelines; read the admin log.",
        subcommands: [Verify.self, AdminLogCommand.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-walk every case's hash chain (or one case's), modules' record chains such as surveillance logs, and the admin log; exit 0 when intact, 1 naming the first broken record per chain.",
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
                        print("BROKEN \(broken.reference.isEmpty ? broken.chain : "\(broken.reference) (\(broken.chain))"): \(broken.problem)")
                    }
                    var records = summary.recordsChecked > 0 ? ", \(summary.recordsChecked) module records" : ""
                    if let entries = summary.adminLogEntriesChecked { records += ", \(entries) admin log entries" }
                    print("\(report.casesChecked) cases, \(report.eventsChecked) events\(records) checked: "
                        + (report.isIntact ? "every chain is intact" : "\(summary.broken.count) broken"))
                }
                return report
            }
            if !report.isIntact { throw ExitCode.failure }
        }
    }
}

/// `dossier audit admin-log`.
struct AdminLogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin-log",
        abstract: "Who created or disabled which user and issued or revoked which token, newest first.",
        discussion: """
            The admin log is append-only and hash-chained; dossier audit verify re-walks it.

            Examples:
              dossier audit admin-log
              dossier audit admin-log --user a.okafor --json
            """)
    @OptionGroup var options: DossierOptions
    @Option(help: "Only the entries about this user.") var user: String?
    @Option(help: "Entries to show (1 to 1000).") var limit = 50

    func run() async throws {
        try await options.withSession { session in
            let entries = try await AdminLog(client: session.client, logger: session.logger).entries(subject: user, limit: limit)
            if session.output.json { return try session.output.printJSON(entries) }
            guard !entries.isEmpty else { return print("the admin log is empty") }
            session.output.printTable(
                ["#", "AT", "BY", "ACTION", "USER", "DETAIL"],
                entries.map { ["\($0.sequence)", $0.at.formatted(.iso8601), $0.actor, $0.action.rawValue, $0.subject, $0.detail.canonicalString] })
        }
    }
}

extension Optional {
    func asyncMap<Mapped>(_ transform: (Wrapped) async throws -> Mapped) async rethrows -> Mapped? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
