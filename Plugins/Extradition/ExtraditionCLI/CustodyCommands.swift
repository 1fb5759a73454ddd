import Extradition
import ArgumentParser
import DossierCLI
import DossierCore
import Foundation

/// `dossier extradition first-appearance CASE [--at TIME]`.
struct FirstAppearanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "first-appearance",
        abstract: "Record that the arrested person was brought before a judge, meeting the first-appearance deadline.",
        discussion: """
            The first-appearance deadline the case's instrument sets (Extradition Act 2003 s.6: before the judge \
            within 48 hours of a provisional arrest) is met at the time given. The same as \
            POST /api/v1/extradition/cases/{ref}/first-appearance.

            Examples:
              dossier extradition first-appearance EXT-2026-000005
              dossier extradition first-appearance EXT-2026-000005 \\
                  --at 2026-11-29T10:30:00Z
            """)
    @OptionGroup var options: DossierOptions
    @Argument(help: "The case reference or id.") var reference: String
    @Option(help: ArgumentHelp("When the person appeared (ISO 8601; default: now).", valueName: "time")) var at: String?

    func run() async throws {
        let appeared = try at.map { text throws(DossierError) in try Date(iso8601: text, field: "--at") }
        try await options.withSession { session in
            let found = try await session.resolveExtradition(reference)
            let deadlines = try await session.extraditions.recordFirstAppearance(caseID: found.id, at: appeared, by: session.actor)
            if session.output.json { return try session.output.printJSON(deadlines) }
            print("recorded the first appearance on \(found.reference): its first-appearance deadline is met")
        }
    }
}

/// `dossier extradition lawful-detention CASE --note TEXT`.
struct LawfulDetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lawful-detention",
        abstract: "Resolve a case's open release tasks by recording why the person is still lawfully held.",
        discussion: """
            When a "must release" deadline runs out, a release task opens: release the person (a workflow step) \
            or record here the lawful ground for holding them (a new order, an extension, a different \
            warrant). Legal staff only. The same as POST /api/v1/extradition/cases/{ref}/lawful-detention.

            Example:
              dossier extradition lawful-detention EXT-2026-000004 --as l.chen \\
                  --note "Domestic remand order of 2026-11-30 (Amtsgericht Berlin)"
            """)
    @OptionGroup var options: DossierOptions
    @Argument(help: "The case reference or id.") var reference: String
    @Option(help: "The lawful ground, as the order says (1 to 2000 characters).") var note: String

    func run() async throws {
        try await options.withSession { session in
            let found = try await session.resolveExtradition(reference)
            let resolved = try await session.extraditions.recordLawfulDetention(caseID: found.id, note: note, by: session.actor)
            if session.output.json { return try session.output.printJSON(resolved) }
            print("resolved \(resolved.count) release task\(resolved.count == 1 ? "" : "s") on \(found.reference)")
        }
    }
}

/// `dossier extradition custody CASE custody|bail --note TEXT`.
struct CustodyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "custody",
        abstract: "Set whether the person is held in custody or on bail (releases are workflow steps).",
        discussion: """
            Example:
              dossier extradition custody EXT-2026-000006 bail \\
                  --note "Bail granted at the hearing, reporting daily"
            """)
    @OptionGroup var options: DossierOptions
    @Argument(help: "The case reference or id.") var reference: String
    @Argument(help: "custody or bail.") var status: String
    @Option(help: "Why, e.g. the order granting bail.") var note = ""

    func run() async throws {
        let custody = try CustodyStatus.parse(status, field: "status")
        try await options.withSession { session in
            let found = try await session.resolveExtradition(reference)
            try await session.extraditions.setCustody(caseID: found.id, to: custody, note: note, by: session.actor)
            if session.output.json { return try session.output.printJSON(["custody": custody.rawValue]) }
            print("\(found.reference): \(custody.rawValue)")
        }
    }
}
