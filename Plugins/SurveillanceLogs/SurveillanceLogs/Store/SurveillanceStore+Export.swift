public import DossierCore
import DossierPostgres
public import Foundation
import PostgresNIO

extension SurveillanceStore {
    /// The operation's disclosure export: every authorisation and every entry, with a
    /// manifest naming the exporter, the counts and the chain head. Recorded on the case's
    /// timeline as `surveillance.exported`.
    public func export(caseID: UUID, by actor: Actor) async throws -> Disclosure {
        try actor.require(oneOf: Roles.exporters, to: "exporting a surveillance log")
        guard let key = cases.signingKey else {
            throw DossierError(
                .notConfigured,
                "disclosure exports are signed, and this deployment has no signing key: give the server or the command a "
                    + "checkpoint directory (--checkpoint-dir or DOSSIER_CHECKPOINT_DIR)")
        }
        let found = try await cases.getCase(id: caseID)
        try Self.requireOperation(found)
        let authorisations = try await authorisations(caseID: caseID)
        var entries: [LogEntry] = []
        while true {
            let page = try await self.entries(caseID: caseID, EntryFilter(afterSequence: entries.last?.sequence, limit: 10_000))
            entries += page
            if page.count < 10_000 { break }
        }
        let disclosure = try Disclosure(
            reference: found.reference, caseID: caseID, authorisations: authorisations, entries: entries, exporter: actor.id,
            at: cases.clock.now(), signedWith: key)
        _ = try await cases.recordModuleEvent(EventKind("surveillance.exported"), caseID: caseID, actor: actor) { _, _ in
            let payload: JSONValue = [
                "entries": .int(Int64(entries.count)), "chain_head": .string(disclosure.manifest.chainHead),
                "last_sequence": disclosure.manifest.lastSequence.map(JSONValue.int) ?? .null,
            ]
            return (payload: payload, result: true)
        }
        return disclosure
    }
}
