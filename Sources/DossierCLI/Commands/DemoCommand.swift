import ArgumentParser
import DossierCore
import DossierPostgres
import Foundation

/// `dossier demo [--scale N]`.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Load a realistic demo data set through the public APIs; running it again changes nothing.",
        discussion: """
            Persons with aliases and transliterations, then each module's demo cases (cold cases with \
            reviews, extraditions with running deadlines, ... as modules are registered).

            Examples:
              dossier demo
              dossier demo --scale 100000     # large data sets for benchmarks
            """)
    @OptionGroup var options: DossierOptions
    @Option(help: "Open about this many cases in all, spread over the modules (default: each module's demo set).")
    var scale: Int?

    func run() async throws {
        if let scale, scale < 1 { throw ValidationError("--scale must be at least 1") }
        try await options.withSession { session in
            let summary = try await Self.load(into: session, scale: scale)
            if session.output.json {
                try session.output.printJSON(["persons": summary.persons, "modules": summary.modules])
            } else {
                print("demo data loaded: \(summary.persons) persons, \(summary.modules) modules with demo cases; try `dossier case list`")
            }
        }
    }

    /// Loads the demo data set (idempotently) and says how much there is.
    @discardableResult
    static func load(into session: Session, scale: Int?) async throws -> (persons: Int, modules: Int) {
            let personCount = max(DemoPersons.seeds.count, (scale ?? 0) / 5)
            let progress = Progress("persons", total: personCount)
            var persons: [Person] = []
            let demoUser = Actor(id: "a.okafor", roles: [.investigator], agency: "MET", clearance: .secret)
            for index in 0..<personCount {
                persons.append(try await session.store.createPerson(
                    DemoPersons.person(index), by: demoUser, idempotencyKey: "demo:person:\(index)"))
                progress.update(index + 1)
            }
            let demoModules = session.registry.modules.compactMap { $0 as? any DemoDataModule }
            let perModule = scale.map { max(1, $0 / max(1, demoModules.count)) }
            for module in demoModules {
                try await module.loadDemoData(into: DemoContext(session: session, caseCount: perModule, persons: persons))
            }
            return (persons.count, demoModules.count)
    }
}
