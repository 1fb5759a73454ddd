public import DossierCore
import DossierPostgres
import Foundation
import PostgresNIO

extension ExtraditionStore {
    /// Every instrument, with its timers and document requirements.
    public func instruments() async throws -> [LegalInstrument] {
        try await client.withConnection { connection in try await Instruments.all(on: connection, logger: logger) }
    }

    public func instrument(id: String) async throws -> LegalInstrument {
        let found = try await client.withConnection { connection in
            try await Instruments.load(id, on: connection, logger: logger)
        }
        guard let found else { throw DossierError.notFound("instrument '\(id)' does not exist") }
        return found
    }

    /// Adds or replaces an instrument (administrators only). Running deadlines keep the
    /// rule they were started with; steps taken afterwards use the new one.
    @discardableResult
    public func saveInstrument(_ instrument: LegalInstrument, by actor: Actor) async throws -> LegalInstrument {
        try actor.require(oneOf: Roles.instrumentEditors, to: "editing legal instruments")
        try instrument.validate()
        try await client.transaction(logger: logger) { connection in
            try await Instruments.save(instrument, by: actor.id, at: cases.clock.now(), on: connection, logger: logger)
        }
        return try await self.instrument(id: instrument.id)
    }
}
