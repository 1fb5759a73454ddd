import SurveillanceLogs
import ArgumentParser
import DossierCLI
import DossierCore
import DossierPostgres
import Foundation

/// `dossier surveillance export`.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write an operation's authorisations and log as JSON Lines plus a manifest, for disclosure.",
        discussion: """
            Writes <output>/<REFERENCE>.jsonl and <output>/<REFERENCE>.jsonl.manifest.json (counts, first and last \
            sequence, chain head hash, export time, exporter). The recipient checks them with `dossier surveillance \
            verify`, which needs no database. The export is recorded on the case's timeline.

            Example:
              dossier surveillance export SURV-2026-000001 --output ./disclosure
            """)
    @OptionGroup var options: DossierOptions
    @Argument(help: "The operation's reference or id.") var reference: String
    @Option(help: "The directory to write to (created if missing).") var output = "."

    func run() async throws {
        try await options.withSession { session in
            let operation = try await session.resolveOperation(reference)
            // Exports are signed: the checkpoint directory's key (created on first use) signs the manifest.
            let key = try session.openCheckpoints().key
            let disclosure = try await SurveillanceStore(cases: session.store.signing(with: key), logger: session.logger)
                .export(caseID: operation.id, by: session.actor)
            let directory = URL(fileURLWithPath: output, isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let file = directory.appendingPathComponent("\(operation.reference).jsonl")
            let manifestFile = URL(fileURLWithPath: file.path + ".manifest.json")
            for existing in [file, manifestFile] where FileManager.default.fileExists(atPath: existing.path) {
                throw DossierError.invalidInput("'\(existing.path)' already exists; choose another --output or move it away")
            }
            try PrivateFile.write(Data(disclosure.jsonLines.utf8), to: file)
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try PrivateFile.write(try encoder.encode(disclosure.manifest), to: manifestFile)
            if session.output.json { return try session.output.printJSON(disclosure.manifest) }
            print("wrote \(file.path) (\(disclosure.manifest.authorisations) authorisations, \(disclosure.manifest.entries) entries)")
            print("wrote \(manifestFile.path) (chain head \(disclosure.manifest.chainHead))")
            print("signed by key \(key.publicKeyHex): give the recipient this key by another channel, to verify with --public-key")
        }
    }
}

/// `dossier surveillance verify`.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a disclosure export from the file alone; exit 1 naming the first entry that does not match.",
        discussion: """
            Recomputes every entry's hash from its content and the previous entry's hash, and checks it against the \
            manifest beside the file (<file>.manifest.json): its entry count, last sequence and chain head. The \
            manifest is required, and so is its signature by the exporter's key, given with --public-key (its \
            signing-key.pub, had from the exporter by another channel): without them an export with its last lines \
            removed, and its manifest rewritten and signed by anyone, would still verify. Without --public-key the \
            file and the manifest are still checked, but the result is NOT AUTHENTICATED (exit 1). Needs no database.

            Examples:
              dossier surveillance verify ./disclosure/SURV-2026-000001.jsonl
              dossier surveillance verify ./disclosure/SURV-2026-000001.jsonl \\
                  --public-key "$(dossier audit public-key)"
            """)
    @Argument(help: "The .jsonl file.") var file: String
    @Option(help: "The manifest (default: <file>.manifest.json).") var manifest: String?
    @Option(help: ArgumentHelp("The key the manifest must be signed by (64 hex digits).", valueName: "hex")) var publicKey: String?
    @Flag(help: "Print JSON with stable field names, for scripts.") var json = false

    func run() async throws {
        let pinned = try publicKey.map(SigningKey.validatePublicKey)
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw DossierError.invalidInput("'\(file)' cannot be read as UTF-8 text")
        }
        let manifestPath = manifest ?? file + ".manifest.json"
        var loaded: DisclosureManifest?
        if let manifestData = FileManager.default.contents(atPath: manifestPath) {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            do {
                loaded = try decoder.decode(DisclosureManifest.self, from: manifestData)
            } catch {
                throw DossierError.invalidInput("'\(manifestPath)' is not a disclosure manifest: \(error)")
            }
        } else {
            throw DossierError.invalidInput(
                "'\(manifestPath)' cannot be read: a disclosure is verified against its manifest, without which removed "
                    + "last lines would go unnoticed; give the manifest the export wrote with --manifest")
        }
        guard let loaded else { throw DossierError.invalidInput("'\(manifestPath)' holds no manifest") }
        let result = DisclosureVerifier.verify(jsonLines: text, manifest: loaded, publicKey: pinned)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let report: [String: JSONValue] = [
                "intact": .bool(result.isIntact), "entries_checked": .int(Int64(result.entriesChecked)),
                "authorisations": .int(Int64(result.authorisations)), "chain_head": .string(result.chainHead),
                "manifest_checked": .bool(true), "authenticated": .bool(result.isIntact && pinned != nil),
                "problem": result.firstProblem.map { .string($0.description) } ?? .null,
                "sequence": result.firstProblem?.sequence.map(JSONValue.int) ?? .null,
            ]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else if let problem = result.firstProblem {
            print("NOT VERIFIED \(file): \(problem)")
        } else if pinned == nil {
            print("NOT AUTHENTICATED \(file): \(result.entriesChecked) entries and \(result.authorisations) authorisations match "
                + "the manifest, signed by key \(loaded.publicKey ?? ""); but anyone can sign a manifest: give the exporter's "
                + "key with --public-key")
        } else {
            print("verified \(file): \(result.entriesChecked) entries and \(result.authorisations) authorisations, "
                + "chain head \(result.chainHead), matches the manifest signed by the exporter's key \(loaded.publicKey ?? "")")
        }
        if !result.isIntact || pinned == nil { throw ExitCode.failure }
    }
}
