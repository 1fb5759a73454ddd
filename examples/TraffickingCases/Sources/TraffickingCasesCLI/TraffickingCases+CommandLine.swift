public import TraffickingCases
public import ArgumentParser
public import DossierCLI
import DossierCore

/// `dossier-thb trafficking tally THB-2026-000001`.
extension TraffickingCases: CommandLineModule {
    public var command: any ParsableCommand.Type { TraffickingCommand.self }
}

struct TraffickingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trafficking", abstract: "Trafficking-in-human-beings investigations.", subcommands: [Tally.self])

    struct Tally: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Victims identified and referred, suspects named and arrested on a case.",
            discussion: "Example:\n  dossier-thb trafficking tally THB-2026-000001")
        @OptionGroup var options: DossierOptions
        @Argument(help: "The case reference or id.") var reference: String

        func run() async throws {
            try await options.withSession { session in
                let found = try await session.resolveCase(reference)
                let tally = try await TraffickingStore(cases: session.store, logger: session.logger).tally(caseID: found.id)
                if session.output.json { return try session.output.printJSON(tally) }
                print("\(found.reference): \(tally.victimsIdentified) victims identified (\(tally.victimsReferred) referred, "
                    + "\(tally.referralsOverdue) overdue), \(tally.suspectsArrested) of \(tally.suspectsNamed) suspects arrested")
            }
        }
    }
}
