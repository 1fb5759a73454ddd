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

            --scale N adds a generated data set for benchmarks, written in bulk: N cases with about \
            five hash-chained events each, N/5 persons with aliases, and each module's own generated \
            rows (the investigator directory: N/10 entries; N/100 extraditions with their deadlines, on \
            top of the N). A second run adds only what is missing.

            Examples:
              dossier demo
              dossier demo --scale 1000000 \\
                  # 1M cases, 5M events, 200k persons, 100k directory entries
            """)
    @OptionGroup var options: DossierOptions
    @Option(help: "Also generate this many cases (with persons and directory entries in proportion), for benchmarks.")
    var scale: Int?

    func validate() throws {
        if let scale, !(1...10_000_000).contains(scale) {
            throw ValidationError("--scale must be between 1 and 10000000, not \(scale)")
        }
    }

    func run() async throws {
        try await options.withSession { session in
            let summary = try await Self.load(into: session)
            var generated: ScaleDemo.Summary?
            if let scale { generated = try await ScaleDemo(session: session, scale: scale).load() }
            if session.output.json {
                var fields: [String: Int] = ["persons": summary.persons, "modules": summary.modules]
                if let generated {
                    fields["cases_in_all"] = generated.cases
                    fields["events_in_all"] = generated.events
                    fields["persons_in_all"] = generated.persons
                    fields["seconds"] = generated.seconds
                }
                try session.output.printJSON(fields)
            } else {
                print("demo data loaded: \(summary.persons) persons, \(summary.modules) modules with demo cases; try `dossier case list`")
                if let generated {
                    print("generated data: \(generated.cases) cases, \(generated.events) events, \(generated.persons) persons in all (\(generated.seconds) s)")
                }
            }
        }
    }

    /// Loads the demo data set (idempotently) and says how much there is. Modules whose demo
    /// is loaded completely are skipped, however long ago that was.
    @discardableResult
    static func load(into session: Session) async throws -> (persons: Int, modules: Int) {
        let demoModules = session.registry.modules.compactMap { $0 as? any DemoDataModule }
        let loaded = try await DemoLoads.completed(on: session.client, logger: session.logger)
        let pending = demoModules.filter { !loaded.contains($0.id) }
        guard !pending.isEmpty else { return (DemoPersons.seeds.count, demoModules.count) }
        let progress = Progress("persons", total: DemoPersons.seeds.count)
        var persons: [Person] = []
        let demoUser = Actor(id: "a.okafor", roles: [.investigator], agency: "MET", clearance: .secret)
        for index in DemoPersons.seeds.indices {
            persons.append(try await session.store.createPerson(
                DemoPersons.person(index), by: demoUser, idempotencyKey: "demo:person:\(index)"))
            progress.update(index + 1)
        }
        for module in pending {
            try await module.loadDemoData(into: DemoContext(
                store: session.store, client: session.client, logger: session.logger, persons: persons,
                progress: Progress.factory))
            try await DemoLoads.markCompleted(module.id, at: session.store.clock.now(), on: session.client, logger: session.logger)
        }
        return (persons.count, demoModules.count)
    }
}
