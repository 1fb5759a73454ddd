public import TraffickingCases
import DossierCore
import DossierPostgres
public import DossierServer
import Foundation
public import Hummingbird

/// Routes under `/api/v1/trafficking/`, behind Dossier's authentication; a case the user
/// may not see answers 404. Each is declared once, with what it answers: the router serves
/// it and the OpenAPI document describes it from the same declaration.
extension TraffickingCases: HTTPModule {
    public func routes(services: DossierServices) -> [APIRoute] {
        let store = TraffickingStore(cases: services.store, logger: services.logger)
        return [
            .get(
                "cases/{ref}/tally", "Victims identified and referred, suspects named and arrested", response: .ok(Self.tally)
            ) { _, context in
                let (found, _) = try await services.moduleCase(in: context, module: id, action: "read-tally")
                return try context.json(try await store.tally(caseID: found.id))
            }
        ]
    }

    /// What the tally route answers.
    static let tally = JSONSchema.object([
        "victims_identified": JSONSchema.integer, "victims_referred": JSONSchema.integer,
        "referrals_overdue": JSONSchema.integer, "suspects_named": JSONSchema.integer, "suspects_arrested": JSONSchema.integer,
    ])
}
