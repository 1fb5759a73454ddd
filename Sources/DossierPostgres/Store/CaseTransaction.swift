public import DossierCore
public import Foundation
public import Logging
public import PostgresNIO
import Synchronization

/// What a hook works with: the connection of the core's running transaction, for the
/// module's own tables, and the core's operations on the case the hook runs for, as the
/// actor of the change. A module changes the case's parties, links and notes through
/// these, never by writing the core's tables, so each change is validated, chained on the
/// timeline and runs its own hooks exactly as through ``CaseStore``.
///
/// Each operation runs under a savepoint: one that throws (a refusal, a nested hook's
/// error) leaves nothing behind, so a hook may catch it and go on. The handle works only
/// while its hooks run, one operation at a time; after that it refuses.
public final class CaseTransaction: Sendable {
    let store: CaseStore
    /// The connection of the core's transaction: what a hook writes here commits or rolls
    /// back with the core's change.
    public let connection: PostgresConnection
    let actor: Actor
    let now: Date
    private let state: Mutex<State>

    struct State {
        var locked: LockedCase
        var isOpen = true
        var isBusy = false
    }

    init(store: CaseStore, connection: PostgresConnection, actor: Actor, now: Date, locked: LockedCase) {
        self.store = store
        self.connection = connection
        self.actor = actor
        self.now = now
        state = Mutex(State(locked: locked))
    }

    /// The store's logger, for the hook's queries.
    public var logger: Logger { store.logger }

    /// The case as the core has it now.
    public var `case`: Case { state.withLock { $0.locked.value } }

    /// The case's chain position as the hooks left it.
    var locked: LockedCase { state.withLock { $0.locked } }

    /// Ends the handle's use, once its hooks have returned.
    func close() {
        state.withLock { $0.isOpen = false }
    }

    /// Records a person's part in the case (`party_added`, then `partyAdded` hooks).
    @discardableResult
    public func addParty(personID: UUID, role: CaseParty.Role, note: String = "") async throws -> CaseParty {
        try await change("add a party") { position in
            try await store.insertParty(personID: personID, role: role, note: note, by: actor, at: now, to: &position, on: connection)
        }
    }

    /// Links the case to another case (one the actor may see), a person or a module entry (`link_added`).
    @discardableResult
    public func addLink(kind: String, to target: CaseLink.Target) async throws -> CaseLink {
        try await change("add a link") { position in
            try await store.insertLink(kind: kind, to: target, by: actor, at: now, to: &position, on: connection)
        }
    }

    /// Adds a note to the case's timeline.
    @discardableResult
    public func addNote(_ text: String) async throws -> CaseEvent {
        let text = try CaseStore.noteText(text)
        return try await change("add a note") { position in
            try await store.appendEvent(.note, payload: ["text": .string(text)], actor: actor.id, at: now, to: &position, on: connection)
        }
    }

    /// Whether the actor may see the case with this id (the one visibility rule), read on
    /// this transaction's connection.
    public func actorMaySee(caseID: UUID) async throws -> Bool {
        try await store.isVisible(caseID: caseID, to: actor, on: connection)
    }

    /// Runs `operation` on the case's chain position under a savepoint, keeping what it did
    /// only when it succeeds.
    private func change<Result>(
        _ what: String, _ operation: (inout LockedCase) async throws -> Result
    ) async throws -> Result {
        var position = try state.withLock { state throws(DossierError) -> LockedCase in
            guard state.isOpen else {
                throw DossierError(.hookRefused, "a hook tried to \(what) after it returned; use the core only while the hook runs")
            }
            guard !state.isBusy else {
                throw DossierError(.hookRefused, "a hook tried to \(what) while another core operation ran; await each in turn")
            }
            state.isBusy = true
            return state.locked
        }
        defer { state.withLock { $0.isBusy = false } }
        try await connection.query("SAVEPOINT dossier_core_operation", logger: store.logger)
        do {
            let result = try await operation(&position)
            try await connection.query("RELEASE SAVEPOINT dossier_core_operation", logger: store.logger)
            state.withLock { $0.locked = position }
            return result
        } catch {
            try await connection.query("ROLLBACK TO SAVEPOINT dossier_core_operation", logger: store.logger)
            throw error
        }
    }
}
