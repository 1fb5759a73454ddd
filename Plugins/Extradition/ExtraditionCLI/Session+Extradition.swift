import Extradition
import DossierCLI
import DossierCore
import DossierPostgres

extension Session {
    /// The module's store on this session's database.
    var extraditions: ExtraditionStore { ExtraditionStore(cases: store, logger: logger) }

    /// The extradition named by a reference or an id; refuses a case of another module.
    func resolveExtradition(_ reference: String) async throws -> Case {
        let found = try await resolveCase(reference)
        try ExtraditionStore.requireExtradition(found)
        return found
    }
}
