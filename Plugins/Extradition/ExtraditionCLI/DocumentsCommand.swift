import Extradition
import ArgumentParser
import Crypto
import DossierCLI
import DossierCore
import Foundation

/// `dossier extradition documents add|list`.
struct DocumentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "documents", abstract: "Register and list an extradition's documents.",
        subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a document on an extradition with the SHA-256 of its file.",
            discussion: """
                The file stays where it is; its SHA-256 is computed here and registered, with you as the one who \
                registered it, so anyone can later prove which file it was. Steps that need documents (e.g. \
                receive_request needs the arrest warrant, statement of facts, legal provisions and translation) \
                refuse to run until they are registered.

                Kinds: \(DocumentKind.allowedValuesText).

                Examples:
                  dossier extradition documents add EXT-2026-000001 --kind arrest_warrant \\
                      --title "Warrant, District Court Lyon, 3 March 2026" \\
                      --file warrant.pdf --language fr --received 2026-03-04
                """)
        @OptionGroup var options: DossierOptions
        @Argument(help: "The case reference or id.") var reference: String
        @Option(help: ArgumentHelp("The kind of document.", valueName: "kind")) var kind: String
        @Option(help: "What the document is, e.g. its court, date and number.") var title: String
        @Option(help: "The file to register (its SHA-256 is computed here).") var file: String
        @Option(help: ArgumentHelp("The language it is written in, as an ISO 639 code (fr, en).", valueName: "code"))
        var language: String?
        @Option(help: ArgumentHelp("The day it was received.", valueName: "YYYY-MM-DD")) var received: String?

        func run() async throws {
            let kind = try DocumentKind.parse(kind, field: "--kind")
            let receivedOn: CalendarDate? = try received.map { text in
                do { return try CalendarDate(parsing: text) } catch {
                    throw DossierError.invalidInput("--received '\(text)' is not a valid YYYY-MM-DD date")
                }
            }
            let digest = try Self.sha256(ofFileAt: file)
            try await options.withSession { session in
                let found = try await session.resolveExtradition(reference)
                let document = try await session.extraditions.registerDocument(
                    caseID: found.id,
                    NewExtraditionDocument(
                        kind: kind, title: title, fileName: URL(fileURLWithPath: file).lastPathComponent, sha256: digest,
                        language: language ?? "", receivedOn: receivedOn),
                    by: session.actor)
                if session.output.json { return try session.output.printJSON(document) }
                print("registered \(kind.label) '\(document.title)' on \(found.reference) (sha256 \(document.sha256))")
            }
        }

        /// Hashes the file in 1 MiB chunks, so a large scan does not need to fit in memory.
        static func sha256(ofFileAt path: String) throws -> String {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw DossierError.invalidInput("--file '\(path)' cannot be read (missing, or no permission)")
            }
            defer { try? handle.close() }
            var hasher = SHA256()
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
            return hasher.finalize().map { String(format: "%02x", $0) }.joined()
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "An extradition's registered documents.",
            discussion: "Example:\n  dossier extradition documents list EXT-2026-000001")
        @OptionGroup var options: DossierOptions
        @Argument(help: "The case reference or id.") var reference: String

        func run() async throws {
            try await options.withSession { session in
                let found = try await session.resolveExtradition(reference)
                let documents = try await session.extraditions.documents(caseID: found.id)
                if session.output.json { return try session.output.printJSON(documents) }
                guard !documents.isEmpty else { return print("\(found.reference) has no registered document") }
                session.output.printTable(
                    ["KIND", "TITLE", "FILE", "SHA-256", "REGISTERED BY"],
                    documents.map { [$0.kind.label, $0.title, $0.fileName, String($0.sha256.prefix(16)) + "…", $0.registeredBy] })
            }
        }
    }
}
