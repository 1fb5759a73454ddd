import ArgumentParser
import DossierCore
import DossierPostgres
import Foundation

/// `dossier audit verify|checkpoint|public-key|admin-log`.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check the tamper-evident timelines; read the admin log.",
        subcommands: [Verify.self, CheckpointCommand.self, PublicKeyCommand.self, AdminLogCommand.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-walk every case's hash chain (or one case's), modules' record chains such as surveillance logs, and the admin log; exit 0 when intact, 1 naming the first broken record per chain.",
            discussion: """
                With a checkpoint directory (--checkpoint-dir; the embedded cluster has one), the chains are also \
                compared with the newest signed checkpoint: a case removed, newest records removed, or a database \
                restored from an older backup are named, with what was lost. Pin the key the checkpoints must be \
                signed by with --public-key (the content of signing-key.pub, kept apart from the server).

                Examples:
                  dossier audit verify
                  dossier audit verify --case COLD-2026-000001
                  dossier audit verify --public-key "$(cat ~/keys/dossier-signing-key.pub)"
                """)
        @OptionGroup var options: DossierOptions
        @Option(name: .customLong("case"), help: "Only this case (reference or id).") var reference: String?
        @Option(help: ArgumentHelp("The key the newest checkpoint must be signed by (64 hex digits; default: the checkpoint directory's own key).", valueName: "hex"))
        var publicKey: String?

        func run() async throws {
            let pinned = try publicKey.map(SigningKey.validatePublicKey)
            let report = try await options.withSession { session in
                let caseID = try await reference.asyncMap { try await session.resolveCase($0).id }
                var report: ChainVerificationReport
                if let directory = try session.existingCheckpoints() {
                    report = try await directory.verify(store: session.store, caseID: caseID, publicKey: pinned)
                } else {
                    report = try await session.store.verifyChains(caseID: caseID)
                    if pinned != nil {
                        report.checkpointProblem = "no checkpoint directory with a signing key "
                            + (session.checkpointDirectoryURL.map { "at \($0.path)" } ?? "is set (--checkpoint-dir)")
                            + ": nothing for the pinned key to verify"
                    }
                }
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
                    if let checkpoint = report.checkpoint {
                        let losses = checkpoint.losses.count
                        print("compared with the checkpoint \(checkpoint.file ?? "") (\(chains(checkpoint.chains))): "
                            + (losses == 0 ? "nothing it holds is missing" : "\(chains(losses)) lost records since"))
                    } else if report.checkpointProblem == nil {
                        print("no signed checkpoint to compare with: removed newest records would go unnoticed "
                            + "(dossier audit checkpoint takes one; dossier serve takes them hourly)")
                    }
                }
                return report
            }
            if !report.isIntact { throw ExitCode.failure }
        }
    }
}

/// `dossier audit checkpoint`.
struct CheckpointCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Sign and write a checkpoint of every chain's length and newest hash into the checkpoint directory.",
        discussion: """
            The server takes one hourly (serve --checkpoint-interval); this takes one now, before a backup or an \
            upgrade, say. The directory holds the signing key (created on first use, mode 0600) and the newest 48 \
            checkpoints; keep signing-key.pub elsewhere too, to pin it with audit verify --public-key. A chain that \
            lost records since the previous checkpoint is named, and its previous head kept, so the loss stays found.

            Examples:
              dossier audit checkpoint
              dossier audit checkpoint --checkpoint-dir /var/lib/dossier/checkpoints
            """)
    @OptionGroup var options: DossierOptions

    func run() async throws {
        let taken = try await options.withSession { session in
            let checkpoints = try session.openCheckpoints()
            let taken = try await checkpoints.take(store: session.store, logger: session.logger)
            if session.output.json {
                try session.output.printJSON(CheckpointSummary(
                    file: taken.file.path, takenAt: taken.takenAt, chains: taken.chains,
                    publicKey: checkpoints.key.publicKeyHex, losses: taken.losses))
            } else {
                for loss in taken.losses {
                    print("LOST \(loss.reference.isEmpty ? loss.chain : "\(loss.reference) (\(loss.chain))"): \(loss.description)")
                }
                print("wrote \(taken.file.path): \(chains(taken.chains)), signed by \(checkpoints.key.publicKeyHex)")
            }
            return taken
        }
        if !taken.losses.isEmpty { throw ExitCode.failure }
    }

    struct CheckpointSummary: Encodable {
        var file: String
        var takenAt: Date
        var chains: Int
        var publicKey: String
        var losses: [CheckpointLoss]
    }
}

/// `dossier audit public-key`.
struct PublicKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "public-key",
        abstract: "Print the public half of the key that signs checkpoints and disclosure manifests (64 hex digits).",
        discussion: """
            Give it to a disclosure's recipient by another channel, and keep a copy away from the server, to pin \
            with `audit verify --public-key`. Reads the checkpoint directory only; creates no key.

            Examples:
              dossier audit public-key
              dossier surveillance verify ./disclosure/SURV-2026-000001.jsonl \\
                  --public-key "$(dossier audit public-key)"
            """)
    @OptionGroup var options: DossierOptions

    func run() throws {
        let location = try DatabaseLocation(options: options)
        guard let directory = location.checkpointDirectory(options: options) else { throw Session.noCheckpointDirectory }
        guard let checkpoints = try CheckpointDirectory.existing(directory) else {
            throw DossierError.invalidInput(
                "\(directory.path) holds no signing key yet: `dossier audit checkpoint` or `dossier serve` creates it")
        }
        print(checkpoints.key.publicKeyHex)
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

/// "1 chain", "2 chains".
func chains(_ count: Int) -> String { count == 1 ? "1 chain" : "\(count) chains" }

extension Optional {
    func asyncMap<Mapped>(_ transform: (Wrapped) async throws -> Mapped) async rethrows -> Mapped? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
