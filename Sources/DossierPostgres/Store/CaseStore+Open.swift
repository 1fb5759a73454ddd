public import DossierCore
import Foundation
import PostgresNIO

extension CaseStore {
    /// Opens a case in its workflow's initial state, with a reference allocated per module
    /// prefix and year (`COLD-2026-000001`) without gaps or duplicates, and the opener as
    /// its lead member. Starts the initial state's timers and runs `caseOpened` hooks.
    public func openCase(_ new: NewCase, by actor: Actor, idempotencyKey: String? = nil) async throws -> Case {
        try new.validate()
        let caseType = try registry.caseType(module: new.module, type: new.type)
        guard let module = registry.module(new.module) else { throw DossierError.notFound("module \(new.module)") }
        var new = new
        let now = clock.now()
        new.attributes = try caseType.validateAttributes(new.attributes, now)
        new.title = new.title.trimmingCharacters(in: .whitespacesAndNewlines)
        let request = try JSONValue(encoding: new)

        return try await client.transaction(logger: logger) { connection in
            try await idempotent(key: idempotencyKey, actor: actor, operation: "open-case", request: request, on: connection) {
                let reference = try await allocateReference(prefix: module.referencePrefix, at: now, on: connection)
                let id = UUID.v7(at: now)
                let workflow = caseType.workflow
                try await connection.query(
                    """
                    INSERT INTO cases (id, reference, module, type, title, summary, state, priority, classification,
                                       owning_agency, country, opened_at, updated_at, attributes, tags)
                    VALUES (\(id), \(reference), \(new.module), \(new.type), \(new.title), \(new.summary),
                            \(workflow.initialState), \(new.priority.rawValue), \(new.classification.rawValue),
                            \(new.owningAgency), \(new.country), \(now), \(now), \(new.attributes), \(new.tags))
                    """, logger: logger)
                var locked = try await lockCase(id, on: connection)
                if !actor.isSystem {
                    try await connection.query(
                        """
                        INSERT INTO case_members (case_id, user_id, role, added_at, added_by)
                        VALUES (\(id), \(actor.id), 'lead', \(now), \(actor.id))
                        """, logger: logger)
                }
                let started = try await startTimers(
                    workflow.timersStarted(enteringState: workflow.initialState), for: locked.value,
                    calendar: caseType.calendar(locked.value), at: now, on: connection)
                let payload: JSONValue = [
                    "reference": .string(reference), "module": .string(new.module), "type": .string(new.type),
                    "title": .string(new.title), "summary": .string(new.summary),
                    "state": .string(workflow.initialState), "priority": .string(new.priority.rawValue),
                    "classification": .string(new.classification.rawValue),
                    "owning_agency": .string(new.owningAgency), "country": .string(new.country),
                    "attributes": new.attributes, "tags": .array(new.tags.map(JSONValue.string)),
                    "lead": actor.isSystem ? .null : .string(actor.id),
                    "timers_started": .array(started.map(Self.timerJSON)),
                ]
                try await appendEvent(.opened, payload: payload, actor: actor.id, at: now, to: &locked, on: connection)
                try await runHooks(
                    .caseOpened(.init(case: locked.value, actor: actor, now: now)), locked: &locked, on: connection)
                try await connection.query(
                    """
                    UPDATE cases SET event_count = \(locked.eventCount), chain_head = \(Data(locked.chainHead)),
                        \(Self.updatedAt(locked))
                    WHERE id = \(id)
                    """, logger: logger)
                return locked.value
            }
        }
    }

    /// The next reference for `prefix` in the current year. The counter row stays locked
    /// until the transaction ends, so concurrent openings queue and a rollback leaves no gap.
    func allocateReference(prefix: String, at date: Date, on connection: PostgresConnection) async throws -> String {
        let year = CalendarDate(date, in: .gmt).components.year
        let rows = try await connection.query(
            """
            INSERT INTO reference_counters (prefix, year, last_value) VALUES (\(prefix), \(year), 1)
            ON CONFLICT (prefix, year) DO UPDATE SET last_value = reference_counters.last_value + 1
            RETURNING last_value
            """, logger: logger)
        for try await value in rows.decode(Int64.self) {
            return "\(prefix)-\(year.zeroPadded(4))-\(value.zeroPadded(6))"
        }
        throw DossierError(.invalidInput, "no reference could be allocated for prefix \(prefix)")
    }
}
