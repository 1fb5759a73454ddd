public import DossierCore
import DossierPostgres
import Foundation
import Hummingbird

extension DossierServices {
    /// The case named by the path's `{ref}` (an id or a reference), if it belongs to
    /// `module` and the user may see it; otherwise 404, exactly as for a case that does not
    /// exist. The access is recorded as `<module>.<action>`.
    ///
    /// ```swift
    /// let (found, actor) = try await services.moduleCase(in: context, module: "extradition", action: "read-deadlines")
    /// ```
    public func moduleCase(
        in context: AuthenticatedContext, module: String, action: String
    ) async throws -> (case: Case, actor: Actor) {
        let actor = context.actor
        let reference: String = try context.parameters.require("ref")
        let found = try await store.visibleCase(named: reference, to: actor)
        guard found.module == module else { throw DossierError.notFound("case \(reference) does not exist") }
        try await accessLog.record(actor: actor.id, caseID: found.id, action: "\(module).\(action)", source: context.accessSource)
        return (found, actor)
    }
}
