import Extradition
import ArgumentParser
import DossierCLI
import DossierCore
import Foundation

/// `dossier extradition instruments`.
struct InstrumentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instruments",
        abstract: "Legal instruments with their deadline rules and document requirements.",
        discussion: """
            Instruments are data. Administrators add or replace one with `PUT /api/v1/extradition/instruments/{id}`; \
            the JSON that --json prints is the shape it takes.

            Examples:
              dossier extradition instruments
              dossier extradition instruments ece-1957 --json
            """)
    @OptionGroup var options: DossierOptions
    @Argument(help: "One instrument's id; all when omitted.") var id: String?

    func run() async throws {
        try await options.withSession { session in
            let instruments = if let id { [try await session.extraditions.instrument(id: id)] } else {
                try await session.extraditions.instruments()
            }
            if session.output.json {
                return id == nil ? try session.output.printJSON(instruments) : try session.output.printJSON(instruments[0])
            }
            for instrument in instruments {
                print("\(instrument.id): \(instrument.name)")
                print("  \(instrument.citation)")
                print("  executive stage: \(instrument.hasExecutiveStage ? "yes" : "no")")
                session.output.printTable(
                    ["TIMER", "PERIOD", "COUNTING", "EXPIRY", "LEGAL BASIS"],
                    instrument.timers.map {
                        [$0.timer.rawValue, $0.duration.description, $0.counting.rawValue.replacingOccurrences(of: "_", with: " "),
                         "\($0.obligation.rawValue) release", $0.legalBasis]
                    })
                let needs = Dictionary(grouping: instrument.documentRequirements, by: \.transition)
                for transition in needs.keys.sorted() {
                    print("  \(transition) needs: " + needs[transition, default: []].map(\.kind.label).joined(separator: ", "))
                }
                print("")
            }
        }
    }
}
