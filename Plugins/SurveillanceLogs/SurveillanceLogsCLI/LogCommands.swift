import SurveillanceLogs
import ArgumentParser
import DossierCLI
import DossierCore
import Foundation

/// The fields of a log entry, shared by `log` and `correct`.
struct EntryOptions: ParsableArguments {
    @Option(help: "The authorisation's id it falls under.") var authorisation: String
    @Option(help: "When it started (ISO 8601).") var at: String
    @Option(help: "When it ended (ISO 8601; default: when it started).") var until: String?
    @Option(help: "The local time zone (IANA, e.g. Europe/London).") var timeZone = "UTC"
    @Option(help: "Where.") var location: String
    @Option(help: "Who was observed.") var subject: String
    @Option(help: "interception, location_tracking, visual or device.") var method: String
    @Option(help: "The device or equipment used.") var device = ""
    @Option(help: "An observer (repeatable).") var observer: [String] = []
    @Option(help: "What was observed.") var text: String
    @Option(help: "An exhibit or chain-of-custody reference (repeatable).") var exhibit: [String] = []
    @Flag(help: "Others' privacy was intruded on.") var collateralIntrusion = false
    @Flag(help: "Privileged material (legal, journalistic, medical) was met.") var privilegedMaterial = false
    @Option(help: "What was done to minimise intrusion.") var minimisation = ""

    func newEntry() throws -> NewLogEntry {
        let start = try Parse.timestamp(at, option: "--at")
        return NewLogEntry(
            authorisationID: try Parse.id(authorisation, of: "an authorisation"), startedAt: start,
            endedAt: try until.map { text throws(DossierError) in try Parse.timestamp(text, option: "--until") } ?? start,
            timeZone: timeZone, location: location, subject: subject, method: try Parse.method(method), device: device,
            observers: observer, text: text, exhibits: exhibit, collateralIntrusion: collateralIntrusion,
            privilegedMaterial: privilegedMaterial, minimisation: minimisation)
    }
}

/// `dossier surveillance log`.
struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Append an entry to an operation's log.",
        discussion: """
            Refused, with the reason, when its time falls outside the authorisation (or after its cancellation), its \
            subject or method is not covered, or the authorisation belongs to another operation.

            Example:
              dossier surveillance log SURV-2026-000001 --authorisation 0193a1b2-... \\
                  --at 2026-11-03T09:12:00Z \\
                  --until 2026-11-03T09:19:00Z --time-zone Europe/London \\
                  --location "LI room 2" \\
                  --subject "Daniel Pryce" --method interception \\
                  --observer "DC A. Patel" \\
                  --text "Outgoing call to unknown male; meeting arranged for Friday" \\
                  --exhibit AP/14
            """)
    @OptionGroup var options: DossierOptions
    @Argument(help: "The operation's reference or id.") var reference: String
    @OptionGroup var entry: EntryOptions

    func run() async throws {
        let new = try entry.newEntry()
        try await options.withSession { session in
            let operation = try await session.resolveOperation(reference)
            let written = try await session.surveillance.appendEntry(caseID: operation.id, new, by: session.actor)
            if session.output.json { return try session.output.printJSON(written) }
            print("entry \(written.sequence) (\(written.id.lowercased)) logged on \(operation.reference); hash \(written.hash)")
        }
    }
}

/// `dossier surveillance correct`.
struct CorrectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correct",
        abstract: "Correct an entry: a new entry naming the original and why. The original is never changed.",
        discussion: """
            Example:
              dossier surveillance correct 0193c4d5-... \\
                  --reason "wrong time: call was at 09:21" \\
                  --authorisation 0193a1b2-... --at 2026-11-03T09:21:00Z \\
                  --location "LI room 2" \\
                  --subject "Daniel Pryce" --method interception \\
                  --text "Outgoing call ..."
            """)
    @OptionGroup var options: DossierOptions
    @Argument(help: "The id of the entry to correct.") var id: String
    @Option(help: "Why it is corrected.") var reason: String
    @OptionGroup var entry: EntryOptions

    func run() async throws {
        let original = try Parse.id(id, of: "an entry")
        let new = try entry.newEntry()
        try await options.withSession { session in
            let written = try await session.surveillance.correctEntry(original, with: new, reason: reason, by: session.actor)
            if session.output.json { return try session.output.printJSON(written) }
            print("entry \(written.sequence) corrects \(original.lowercased); hash \(written.hash)")
        }
    }
}

/// `dossier surveillance entries`.
struct EntriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entries",
        abstract: "An operation's log, in sequence order, by time range, subject or method.",
        discussion: """
            Corrections follow the entries they correct and name them in the CORRECTS column.

            Examples:
              dossier surveillance entries SURV-2026-000001
              dossier surveillance entries SURV-2026-000001 --from 2026-11-01T00:00:00Z \\
                  --subject "Daniel Pryce" --json
            """)
    @OptionGroup var options: DossierOptions
    @Argument(help: "The operation's reference or id.") var reference: String
    @Option(help: "Entries that started at or after (ISO 8601).") var from: String?
    @Option(help: "Entries that started before (ISO 8601).") var to: String?
    @Option(help: "Only this subject.") var subject: String?
    @Option(help: "Only this method.") var method: String?
    @Option(help: "Entries after this sequence number.") var after: Int64?
    @Option(help: "Entries to show (1 to 10000).") var limit = 100

    func run() async throws {
        let filter = EntryFilter(
            from: try from.map { text throws(DossierError) in try Parse.timestamp(text, option: "--from") },
            to: try to.map { text throws(DossierError) in try Parse.timestamp(text, option: "--to") }, subject: subject,
            method: try method.map(Parse.method), afterSequence: after, limit: limit)
        try await options.withSession { session in
            let operation = try await session.resolveOperation(reference)
            let entries = try await session.surveillance.entries(caseID: operation.id, filter)
            if session.output.json { return try session.output.printJSON(entries) }
            guard !entries.isEmpty else { return print("no entry matches in \(operation.reference)'s log") }
            let sequences = Dictionary(uniqueKeysWithValues: entries.map { ($0.id, $0.sequence) })
            session.output.printTable(
                ["SEQ", "STARTED", "SUBJECT", "METHOD", "AUTHOR", "CORRECTS", "TEXT"],
                entries.map { entry in
                    let corrects = entry.correctsEntryID.map { id in sequences[id].map { "#\($0)" } ?? id.lowercased } ?? ""
                    return [String(entry.sequence), entry.startedAt.formatted(.iso8601), entry.subject, entry.method.rawValue,
                            entry.author, corrects, String(entry.text.prefix(60))]
                })
        }
    }
}
