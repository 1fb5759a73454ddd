import Extradition
import DossierCLI
import DossierCore
import DossierPostgres
import Foundation

extension Session {
    /// The module's store on this session's database.
    var extraditions: ExtraditionStore { ExtraditionStore(cases: store, logger: logger) }

    /// The extradition named by a reference or an id; refuses a case of another module.
    func resolveExtradition(_ reference: String) async throws -> Case {
        let found = try await resolveCase(reference)
        try ExtraditionStore.requireExtradition(found)
        return found
    }

    /// Fires the timers that are due, as a server's scheduler would, so a deadline that ran
    /// out while no server was running is expired, with its release task, before it is
    /// shown. Bounded: at most 100,000 timers per command.
    func fireDueTimers() async throws {
        var fired = 0
        while fired < 100_000 {
            let batch = try await store.fireDueTimers(limit: 1_000).count
            fired += batch
            if batch < 1_000 { break }
        }
        if fired > 0, actor.agency == nil {
            FileHandle.standardError.write(Data("fired \(fired) due timers that no server had run\n".utf8))
        }
    }
}
