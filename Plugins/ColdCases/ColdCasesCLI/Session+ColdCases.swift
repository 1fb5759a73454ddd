import ColdCases
import DossierCLI
import DossierCore
import DossierPostgres
import Foundation

extension Session {
    /// The module's store on this session's database.
    var coldCases: ColdCaseStore { ColdCaseStore(cases: store, logger: logger) }

    /// The cold case named by a reference or an id; refuses a case of another module.
    func resolveColdCase(_ reference: String) async throws -> Case {
        let found = try await resolveCase(reference)
        try ColdCaseStore.requireColdCase(found)
        return found
    }

    /// A review named by its id, with a message that says what an id looks like.
    func review(_ text: String) async throws -> Review {
        guard let id = UUID(uuidString: text) else {
            throw DossierError.invalidInput("'\(text)' is not a review id (a UUID, as `review start` prints)")
        }
        return try await coldCases.review(id: id)
    }
}
