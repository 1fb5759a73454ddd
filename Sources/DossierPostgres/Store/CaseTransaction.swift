public import DossierCore
public import Foundation
public import Logging
public import PostgresNIO

/// The core's operations on the case a hook runs for, inside the core's transaction and as
/// the actor of the change: a module changes the case's parties, links and notes through
/// these, never by writing the core's tables, so each change is validated, chained on the
/// timeline and runs its own hooks exactly as through ``CaseStore``.
///
/// One exists per hook run, confined to the transaction's task; the case's chain position
/// it advances is taken back by the core when the hooks return.
public final class CaseTransaction: @unchecked Sendable {
    let store: CaseStore
    public let connection: PostgresConnection
    let actor: Actor
    let now: Date
    var locked: LockedCase

    init(store: CaseStore, connection: PostgresConnection, actor: Actor, now: Date, locked: LockedCase) {
        self.store = store
        self.connection = connection
        self.actor = actor
        self.now = now
        self.locked = locked
    }

    /// The case as the core has it now.
    public var `case`: Case { locked.value }

    /// Records a person's part in the case (`party_added`, then `partyAdded` hooks).
    @discardableResult
    public func addParty(personID: UUID, role: CaseParty.Role, note: String = "") async throws -> CaseParty {
        var position = locked
        let party = try await store.insertParty(
            personID: personID, role: role, note: note, by: actor, at: now, to: &position, on: connection)
        locked = position
        return party
    }

    /// Links the case to another case, a person or a module entry (`link_added`).
    @discardableResult
    public func addLink(kind: String, to target: CaseLink.Target) async throws -> CaseLink {
        var position = locked
        let link = try await store.insertLink(kind: kind, to: target, by: actor, at: now, to: &position, on: connection)
        locked = position
        return link
    }

    /// Adds a note to the case's timeline.
    @discardableResult
    public func addNote(_ text: String) async throws -> CaseEvent {
        let text = try CaseStore.noteText(text)
        var position = locked
        let event = try await store.appendEvent(
            .note, payload: ["text": .string(text)], actor: actor.id, at: now, to: &position, on: connection)
        locked = position
        return event
    }

    /// Whether the actor may see the case with this id (the one visibility rule), read on
    /// this transaction's connection.
    public func actorMaySee(caseID: UUID) async throws -> Bool {
        for try await _ in try await connection.query(
            "SELECT 1 FROM cases c WHERE c.id = \(caseID) AND \(casesVisibleTo: actor)", logger: store.logger)
        {
            return true
        }
        return false
    }
}
