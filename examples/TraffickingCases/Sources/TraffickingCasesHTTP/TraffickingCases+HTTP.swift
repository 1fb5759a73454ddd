public import TraffickingCases
import DossierCore
import DossierPostgres
public import DossierServer
import Foundation
public import Hummingbird

/// Routes under `/api/v1/trafficking/`, behind Dossier's authentication; a case the user
/// may not see answers 404.
extension TraffickingCases: HTTPModule {
    public func addRoutes(to group: RouterGroup<DossierRequestContext>, services: DossierServices) {
        let store = TraffickingStore(cases: services.store, logger: services.logger)
        group.get("cases/{ref}/tally") { _, context in
            let (found, _) = try await services.moduleCase(in: context, module: id, action: "read-tally")
            return try context.json(try await store.tally(caseID: found.id))
        }
    }

    public var documentedRoutes: [DocumentedRoute] {
        [DocumentedRoute("GET", "/cases/{ref}/tally", "Victims identified and referred, suspects named and arrested", tag: "trafficking")]
    }
}
