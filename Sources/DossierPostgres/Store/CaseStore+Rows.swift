import DossierCore
import Foundation
import PostgresNIO

extension CaseStore {
    static let caseColumns = """
        id, reference, module, type, title, summary, state, priority, classification, owning_agency, country, \
        opened_at, closed_at, version, attributes, tags, event_count, chain_head
        """

    typealias CaseRow = (
        UUID, String, String, String, String, String, String, String, String, String, String, Date, Date?, Int64,
        JSONValue, [String], Int64, Data?
    )

    static func lockedCase(from row: CaseRow) throws -> LockedCase {
        let (id, reference, module, type, title, summary, state, priority, classification, agency, country,
            openedAt, closedAt, version, attributes, tags, eventCount, chainHead) = row
        let value = Case(
            id: id, reference: reference, module: module, type: type, title: title, summary: summary, state: state,
            priority: try Priority.parse(priority, field: "priority"),
            classification: try Classification.parse(classification, field: "classification"),
            owningAgency: agency, country: country, openedAt: openedAt, closedAt: closedAt, version: version,
            attributes: attributes, tags: tags)
        return LockedCase(value: value, eventCount: eventCount, chainHead: chainHead.map(Array.init) ?? EventChain.genesisHash)
    }

    /// Locks the case row for the rest of the transaction.
    func lockCase(_ id: UUID, on connection: PostgresConnection) async throws -> LockedCase {
        let rows = try await connection.query(
            "SELECT \(unescaped: Self.caseColumns) FROM cases WHERE id = \(id) FOR UPDATE", logger: logger)
        for try await row in rows.decode(CaseRow.self) { return try Self.lockedCase(from: row) }
        throw DossierError.notFound("case \(id.uuidString.lowercased()) does not exist")
    }

    /// Appends an event to the locked case's chain. The time goes in as whole microseconds
    /// (not through a floating-point `Date`), so it reads back to exactly what was hashed.
    @discardableResult
    func appendEvent(
        _ kind: EventKind, payload: JSONValue, actor: String, at date: Date, to locked: inout LockedCase,
        on connection: PostgresConnection
    ) async throws -> CaseEvent {
        let event = EventChain.seal(
            caseID: locked.value.id, sequence: locked.eventCount + 1, kind: kind, actor: actor, occurredAt: date,
            payload: payload, previousHash: locked.chainHead)
        try await connection.query(
            """
            INSERT INTO case_events (case_id, sequence, kind, actor, occurred_at, payload, previous_hash, hash)
            VALUES (\(event.caseID), \(event.sequence), \(event.kind.rawValue), \(event.actor),
                    timestamptz 'epoch' + \(EventChain.microseconds(event.occurredAt)) * interval '1 microsecond',
                    \(event.payload), \(Data(event.previousHash)), \(Data(event.hash)))
            """, logger: logger)
        locked.eventCount = event.sequence
        locked.chainHead = event.hash
        locked.lastEventAt = max(locked.lastEventAt ?? event.occurredAt, event.occurredAt)
        return event
    }

    /// `updated_at = …`: the newest event's time, in whole microseconds as the event row
    /// keeps it; unchanged when this transaction appended no event.
    static func updatedAt(_ locked: LockedCase) -> SQLFragment {
        guard let at = locked.lastEventAt else { return "updated_at = updated_at" }
        return "updated_at = greatest(updated_at, \(timestamp(microseconds: EventChain.microseconds(at))))"
    }

    /// Writes the locked case's changed fields and chain position, bumping its version.
    func saveCase(_ locked: inout LockedCase, on connection: PostgresConnection) async throws {
        let value = locked.value
        let rows = try await connection.query(
            """
            UPDATE cases SET state = \(value.state), priority = \(value.priority.rawValue),
                classification = \(value.classification.rawValue), title = \(value.title), summary = \(value.summary),
                attributes = \(value.attributes), tags = \(value.tags), closed_at = \(value.closedAt),
                event_count = \(locked.eventCount), chain_head = \(Data(locked.chainHead)), version = version + 1,
                \(Self.updatedAt(locked))
            WHERE id = \(value.id)
            RETURNING version
            """, logger: logger)
        for try await version in rows.decode(Int64.self) { locked.value.version = version }
    }

    /// Runs the registered hooks for `point`, on this transaction's connection, with the
    /// core's operations on `locked` (``CaseTransaction``). What hooks chain onto the case is
    /// in `locked` afterwards, and its row's chain position is written at once.
    func runHooks(_ event: HookEvent, locked: inout LockedCase, on connection: PostgresConnection) async throws {
        let hooks = registry.hooks(at: event.point, forCaseOf: event.case.module)
        guard !hooks.isEmpty else { return }
        let transaction = CaseTransaction(store: self, connection: connection, actor: event.actor, now: event.now, locked: locked)
        defer { transaction.close() }
        for hook in hooks {
            try await hook.body(event, transaction)
        }
        let position = transaction.locked
        guard position.eventCount != locked.eventCount else { return }
        locked.eventCount = position.eventCount
        locked.chainHead = position.chainHead
        locked.lastEventAt = position.lastEventAt
        try await connection.query(
            """
            UPDATE cases SET event_count = \(locked.eventCount), chain_head = \(Data(locked.chainHead)),
                \(Self.updatedAt(locked))
            WHERE id = \(locked.value.id)
            """,
            logger: logger)
    }

    static func caseJSON(_ value: Case) -> JSONValue {
        (try? JSONValue(encoding: value)) ?? .null
    }
}
