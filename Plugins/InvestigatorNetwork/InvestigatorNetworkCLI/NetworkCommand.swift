import InvestigatorNetwork
import ArgumentParser
import DossierCLI
import DossierCore
import Foundation

/// `dossier network ...`: who to call in another country.
struct NetworkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: InvestigatorNetwork.moduleID,
        abstract: "The fugitive-investigator directory: search, points of contact, import and export, operations.",
        discussion: """
            Entries carry their verification (by whom, when, until when); an entry whose verification has expired is \
            shown as STALE, never hidden. With --as a registered user, entries limited to another agency are hidden.

            Examples:
              dossier network search --country ES --language spa \\
                  --specialty drug_trafficking
              dossier network search --q "garcia"
              dossier network contacts ES
              dossier network import directory.csv --dry-run
              dossier network export --format csv > directory.csv
              dossier network operation tally "Infra-Red 2026"
            """,
        subcommands: [SearchCommand.self, ContactsCommand.self, ImportCommand.self, ExportCommand.self, OperationCommand.self]
    )
}

extension Session {
    var network: NetworkStore { NetworkStore(cases: store, logger: logger) }
}

/// A directory entry as one table row.
enum DirectoryRow {
    static let headers = ["NAME", "AGENCY", "COUNTRY", "ROLE", "LANGUAGES", "SPECIALTIES", "CHANNEL", "AVAILABILITY", "VERIFIED UNTIL"]

    static func row(_ entry: Investigator, stale: Bool) -> [String] {
        [
            entry.latinName + (entry.originalName.map { " (\($0))" } ?? ""), entry.agency.name, entry.country, entry.role,
            entry.languages.joined(separator: ","), entry.specialties.map(\.rawValue).joined(separator: ","),
            entry.channels.first.map { "\($0.kind.rawValue): \($0.address)" } ?? "", entry.availability.rawValue,
            (stale ? "STALE " : "") + CalendarDate(entry.verificationExpiresAt, in: .gmt).description,
        ]
    }
}

/// `dossier network search`.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Who can help in a country, speaking a language, on an offence.",
        discussion: """
            Filters combine. --q matches names fuzzily (any script) and words in names, roles and specialties. Current \
            entries come first, then by how well the text matched, availability and the freshest verification; stale \
            entries follow, marked.

            Specialties: \(Specialty.allowedValuesText).

            Examples:
              dossier network search --country ES --language es \\
                  --specialty drug_trafficking
              dossier network search --q "Hernandes" --json
            """)
    @OptionGroup var options: DossierOptions
    @Option(help: "ISO 3166-1 alpha-2 country.") var country: String?
    @Option(help: "ISO 639 language: es, spa or INTERPOL's SPA.") var language: String?
    @Option(help: "A specialty from the vocabulary.") var specialty: String?
    @Option(name: .customLong("q"), help: "Free text: a name (fuzzy) or words.") var text: String?
    @Option(help: "Entries to show (1 to 200).") var limit = 20

    func run() async throws {
        let specialty = try specialty.map { raw throws(DossierError) in try Specialty.parse(raw, field: "--specialty") }
        try await options.withSession { session in
            let hits = try await session.network.search(
                DirectorySearch(country: country?.uppercased(), language: language, specialty: specialty, text: text, limit: limit),
                visibleTo: session.actor)
            if session.output.json { return try session.output.printJSON(hits) }
            guard !hits.isEmpty else { return print("no one in the directory matches") }
            session.output.printTable(DirectoryRow.headers, hits.map { DirectoryRow.row($0.investigator, stale: $0.stale) })
            let stale = hits.filter(\.stale).count
            print("\(hits.count) found" + (stale > 0 ? ", \(stale) stale (verification expired): confirm before relying on them" : ""))
        }
    }
}

/// `dossier network contacts COUNTRY`.
struct ContactsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contacts",
        abstract: "A country's points of contact for fugitive matters, by priority.",
        discussion: "Example:\n  dossier network contacts ES")
    @OptionGroup var options: DossierOptions
    @Argument(help: "ISO 3166-1 alpha-2 country.") var country: String

    func run() async throws {
        try await options.withSession { session in
            let contacts = try await session.network.contacts(country: country.uppercased(), visibleTo: session.actor)
            if session.output.json { return try session.output.printJSON(contacts) }
            guard !contacts.isEmpty else { return print("no point of contact is listed for \(country.uppercased())") }
            session.output.printTable(
                ["PRIORITY"] + DirectoryRow.headers,
                contacts.map { [String($0.priority)] + DirectoryRow.row($0.investigator, stale: $0.stale) })
        }
    }
}

/// `dossier network import FILE`.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import investigators from CSV, all or nothing, with a report of every rejected row.",
        discussion: """
            The first line names the columns: \(DirectoryColumns.all.joined(separator: ", ")). Lists (languages, \
            specialties, channels) are separated by semicolons; a channel is kind:address (i24_7, siena, \
            agency_mailbox, secure_network). An unknown agency_code is registered from agency_name, agency_country and \
            agency_kind. When any row is rejected nothing is imported, unless --skip-invalid; exit 1 then.

            Examples:
              dossier network import directory.csv --dry-run
              dossier network import directory.csv --skip-invalid
            """)
    @OptionGroup var options: DossierOptions
    @Argument(help: "The CSV file.") var file: String
    @Flag(help: "Check every row; write nothing.") var dryRun = false
    @Flag(help: "Import the valid rows even when others are rejected.") var skipInvalid = false

    func run() async throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
            throw DossierError.invalidInput("'\(file)': no such file")
        }
        guard !isDirectory.boolValue else { throw DossierError.invalidInput("'\(file)' is a directory, not a CSV file") }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw DossierError.invalidInput("'\(file)' cannot be read (permission denied?)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DossierError.invalidInput("'\(file)' is not UTF-8 text; save the CSV as UTF-8")
        }
        let report = try await options.withSession { session in
            let report = try await session.network.importCSV(text, dryRun: dryRun, skipInvalid: skipInvalid, by: session.actor)
            if session.output.json {
                try session.output.printJSON(report)
            } else {
                for rejection in report.rejected { print("rejected \(rejection)") }
                // All or nothing: with a rejected row and no --skip-invalid, a real run imports
                // nothing, so a dry run says so rather than counting the valid rows.
                let allOrNothingFails = !report.rejected.isEmpty && !skipInvalid
                let outcome = switch (report.dryRun, allOrNothingFails) {
                case (true, true): "would import nothing: fix the rows or use --skip-invalid"
                case (true, false): "would import \(report.valid)"
                case (false, true): "nothing imported: fix the rows or use --skip-invalid"
                case (false, false): "imported \(report.imported)"
                }
                print("\(report.rows) rows: \(report.valid) valid, \(report.rows - report.valid) rejected; \(outcome)"
                    + (report.agenciesCreated > 0 && !allOrNothingFails ? " (\(report.agenciesCreated) new agencies)" : ""))
            }
            return report
        }
        if !report.rejected.isEmpty { throw ExitCode.failure }
    }
}

/// `dossier network export`.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the entries you may see, as CSV (importable again) or JSON, to standard output.",
        discussion: """
            In CSV, a cell that a spreadsheet would run as a formula (one starting with =, +, -, @, a tab or a \
            carriage return) is written with a leading ' (OWASP's rule against CSV injection), so +44 20 7230 1212 \
            shows as text; import drops that ' again, so an exported file imports unchanged.

            Examples:
              dossier network export --format csv > directory.csv
              dossier network export --as a.okafor --format json
            """)
    @OptionGroup var options: DossierOptions
    @Option(help: "csv or json.") var format = "csv"

    func run() async throws {
        guard format == "csv" || format == "json" else { throw DossierError.invalidInput("--format '\(format)' is not allowed; use csv or json") }
        try await options.withSession { session in
            if format == "csv" {
                print(try await session.network.exportCSV(visibleTo: session.actor), terminator: "")
            } else {
                try session.output.printJSON(try await session.network.export(visibleTo: session.actor))
            }
        }
    }
}

/// `dossier network operation list|tally`.
struct OperationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operation", abstract: "Infra-style round-up operations and their results.",
        subcommands: [List.self, Tally.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The operations, newest first.", discussion: "Example:\n  dossier network operation list")
        @OptionGroup var options: DossierOptions

        func run() async throws {
            try await options.withSession { session in
                let operations = try await session.network.operations()
                if session.output.json { return try session.output.printJSON(operations) }
                guard !operations.isEmpty else { return print("no operation is registered") }
                session.output.printTable(
                    ["NAME", "FROM", "TO", "COORDINATOR", "COUNTRIES"],
                    operations.map { [$0.name, $0.startsOn.description, $0.endsOn.description, $0.coordinatingAgency.name, String($0.countries.count)] })
            }
        }
    }

    struct Tally: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "An operation's targets by country: arrested, located, still wanted.",
            discussion: "Example:\n  dossier network operation tally \"Infra-Red 2026\"")
        @OptionGroup var options: DossierOptions
        @Argument(help: "The operation's name or id.") var operation: String

        func run() async throws {
            try await options.withSession { session in
                let all = try await session.network.operations()
                guard let found = all.first(where: { $0.name == operation || $0.id.lowercased == operation.lowercased() }) else {
                    throw DossierError.notFound("operation '\(operation)' does not exist; `dossier network operation list` shows them")
                }
                let tally = try await session.network.tally(operationID: found.id)
                if session.output.json { return try session.output.printJSON(tally) }
                session.output.printTable(
                    ["COUNTRY", "TARGETS", "ARRESTED", "LOCATED", "STILL WANTED"],
                    (tally.byCountry + [tally.total]).map {
                        [$0.country, String($0.targets), String($0.arrested), String($0.located), String($0.stillWanted)]
                    })
            }
        }
    }
}
