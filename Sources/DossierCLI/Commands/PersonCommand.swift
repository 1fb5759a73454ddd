import ArgumentParser
import DossierCore
import DossierPostgres
import Foundation

/// `dossier person add|show`.
struct PersonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person",
        abstract: "Record and show persons with their names in every script and spelling.",
        subcommands: [Add.self, Show.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a person.",
            discussion: """
                Example:
                  dossier person add --name "Dmitrii Ivanov" --original "Дмитрий Иванов" \\
                      --alias "Dmitry Ivanov|transliteration|Red Notice 2019/12345" \\
                      --born 1958-11 --nationality RU
                """)
        @OptionGroup var options: DossierOptions
        @Option(help: "The name in Latin script.") var name: String
        @Option(help: "The name in its original script.") var original: String?
        @Option(
            help: ArgumentHelp(
                "Another name (repeatable): name|kind|source, kind one of alias, transliteration, mrz, spelling.",
                valueName: "name|kind|source"))
        var alias: [String] = []
        @Option(help: ArgumentHelp("Date of birth, as precise as known.", valueName: "YYYY[-MM[-DD]]")) var born: String?
        @Option(help: "F, M or U.") var sex: String?
        @Option(help: "ISO 3166-1 alpha-2 nationality (repeatable).") var nationality: [String] = []
        @Option(help: ArgumentHelp("An INTERPOL notice (repeatable).", valueName: "kind:id")) var notice: [String] = []

        func run() async throws {
            let aliases = try alias.map { text throws(DossierError) -> PersonAlias in
                let parts = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                guard (1...3).contains(parts.count), !parts[0].isEmpty else {
                    throw .invalidInput("--alias '\(text)' must be name|kind|source")
                }
                let kind = parts.count > 1 ? try PersonAlias.Kind.parse(parts[1], field: "alias kind") : .alias
                return PersonAlias(name: parts[0], kind: kind, source: parts.count > 2 ? parts[2] : "")
            }
            let notices = try notice.map { text throws(DossierError) -> Notice in
                let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { throw .invalidInput("--notice '\(text)' must be kind:id, e.g. red:2019/12345") }
                return Notice(kind: try Notice.Kind.parse(parts[0], field: "notice kind"), id: parts[1])
            }
            let person = NewPerson(
                originalScriptName: original, latinName: name, aliases: aliases,
                dateOfBirth: try born.map { text throws(DossierError) in try PartialDate(parsing: text) },
                sex: try sex.map { text throws(DossierError) in try Sex.parse(text.uppercased(), field: "sex") },
                nationalities: nationality, notices: notices)
            try await options.withSession { session in
                let created = try await session.store.createPerson(person, by: session.actor)
                if session.output.json { try session.output.printJSON(created) } else {
                    print("recorded \(created.latinName): \(created.id.uuidString.lowercased())")
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a person with every name they are known by.",
            discussion: """
            Example:
              dossier person show 01939a7e-5b2c-7f10-8d4e-6a1b2c3d4e5f --json
            """)
        @OptionGroup var options: DossierOptions
        @Argument(help: "The person's id.") var id: String

        func run() async throws {
            guard let personID = UUID(uuidString: id) else { throw DossierError.invalidInput("'\(id)' is not a person's id") }
            try await options.withSession { session in
                let person = try await session.store.getPerson(id: personID, visibleTo: session.viewer)
                if session.output.json {
                    try session.output.printJSON(person)
                    return
                }
                var fields: [(String, String)] = [("name", person.latinName)]
                if let original = person.originalScriptName { fields.append(("original script", original)) }
                if let born = person.dateOfBirth { fields.append(("born", "\(born) (\(born.precision.rawValue))")) }
                if let sex = person.sex { fields.append(("sex", sex.rawValue)) }
                if !person.nationalities.isEmpty { fields.append(("nationalities", person.nationalities.joined(separator: ", "))) }
                for notice in person.notices { fields.append(("notice", "\(notice.kind.rawValue) \(notice.id)")) }
                session.output.printFields(fields)
                if !person.aliases.isEmpty {
                    print("\nAlso known as:")
                    session.output.printTable(["NAME", "KIND", "SOURCE"], person.aliases.map { [$0.name, $0.kind.rawValue, $0.source] })
                }
            }
        }
    }
}
