public import DossierCore
public import Foundation
public import PostgresNIO

extension CaseStore {
    /// Runs a module's own change to a case (a row in its tables) and records it on the
    /// case's hash-chained timeline, in one transaction.
    ///
    /// The case row is locked first, so the change and the event are serialised with
    /// transitions; `body` writes on the connection it is lent and returns the event's
    /// payload with its own result. The event is appended and the case's version bumped;
    /// when `body` throws, nothing is kept.
    ///
    /// ```swift
    /// let (lead, event) = try await store.recordModuleEvent(
    ///     EventKind("cold-cases.lead_received"), caseID: id, actor: actor
    /// ) { found, connection in
    ///     try await connection.query("INSERT INTO cold_case_leads ...", logger: logger)
    ///     return (payload: ["lead_id": .string(leadID.uuidString)], result: leadID)
    /// }
    /// ```
    ///
    /// > Note: `kind` must be `<module-id>.<snake_name>` with a registered module id, so a
    /// > module cannot forge a core event. Do not call this from a hook: a hook already runs
    /// > inside the core's transaction, which appends its own event.
    public func recordModuleEvent<Result: Sendable>(
        _ kind: EventKind, caseID: UUID, actor: Actor,
        _ body: (Case, PostgresConnection) async throws -> (payload: JSONValue, result: Result)
    ) async throws -> (result: Result, event: CaseEvent) {
        try checkModuleEventKind(kind)
        return try await client.transaction(logger: logger) { connection in
            try await applyModuleEvent(kind, caseID: caseID, actor: actor, expectedVersion: nil, on: connection, body)
        }
    }

    /// The same, guarded by `If-Match` and replayed for a known idempotency key: a retry
    /// with the key gets the first result and event back and writes nothing.
    /// - Parameter request: what the caller asked for, so a key reused for another request
    ///   is refused.
    public func recordModuleEvent<Result: Codable & Sendable>(
        _ kind: EventKind, caseID: UUID, actor: Actor, options: ChangeOptions, request: JSONValue,
        _ body: (Case, PostgresConnection) async throws -> (payload: JSONValue, result: Result)
    ) async throws -> (result: Result, event: CaseEvent) {
        try checkModuleEventKind(kind)
        let fingerprint: JSONValue = ["case": .string(caseID.uuidString), "request": request]
        let outcome = try await client.transaction(logger: logger) { connection in
            try await idempotent(key: options.idempotencyKey, actor: actor, operation: kind.rawValue, request: fingerprint, on: connection) {
                let (result, event) = try await applyModuleEvent(
                    kind, caseID: caseID, actor: actor, expectedVersion: options.expectedVersion, on: connection, body)
                return ModuleEventOutcome(result: result, event: event)
            }
        }
        return (outcome.result, outcome.event)
    }

    /// Runs a module's correction of what its case recorded when it opened (its
    /// attributes), with its event, in one transaction. `body` returns the corrected
    /// attributes, which the case type checks as it does at opening, and the event's
    /// payload, which should say what changed and why; the case row keeps the corrected
    /// attributes. When anything throws, nothing is kept.
    ///
    /// ```swift
    /// let (_, event) = try await store.recordModuleEvent(
    ///     EventKind("extradition.instrument_corrected"), correctingAttributesOf: id, actor: actor
    /// ) { found, connection in
    ///     var attributes = try found.attributes.decode(as: ExtraditionAttributes.self)
    ///     attributes.instrument = "eu-eaw-2002"
    ///     return (attributes: try JSONValue(encoding: attributes), payload: ["instrument": "eu-eaw-2002"], result: ())
    /// }
    /// ```
    public func recordModuleEvent<Result: Sendable>(
        _ kind: EventKind, correctingAttributesOf caseID: UUID, actor: Actor,
        _ body: (Case, PostgresConnection) async throws -> (attributes: JSONValue, payload: JSONValue, result: Result)
    ) async throws -> (result: Result, event: CaseEvent) {
        try checkModuleEventKind(kind)
        return try await client.transaction(logger: logger) { connection in
            var locked = try await lockCase(caseID, on: connection)
            try await requireMayChange(locked.value, by: actor, on: connection)
            let (attributes, payload, result) = try await body(locked.value, connection)
            let caseType = try registry.caseType(module: locked.value.module, type: locked.value.type)
            let now = clock.now()
            locked.value.attributes = try caseType.validateAttributes(attributes, now)
            let event = try await appendEvent(kind, payload: payload, actor: actor.id, at: now, to: &locked, on: connection)
            try await saveCase(&locked, on: connection)
            return (result, event)
        }
    }

    private func applyModuleEvent<Result: Sendable>(
        _ kind: EventKind, caseID: UUID, actor: Actor, expectedVersion: Int64?, on connection: PostgresConnection,
        _ body: (Case, PostgresConnection) async throws -> (payload: JSONValue, result: Result)
    ) async throws -> (result: Result, event: CaseEvent) {
        var locked = try await lockCase(caseID, on: connection)
        try Self.check(expectedVersion: expectedVersion, of: locked.value)
        try await requireMayChange(locked.value, by: actor, on: connection)
        let (payload, result) = try await body(locked.value, connection)
        let event = try await appendEvent(kind, payload: payload, actor: actor.id, at: clock.now(), to: &locked, on: connection)
        try await saveCase(&locked, on: connection)
        return (result, event)
    }

    func checkModuleEventKind(_ kind: EventKind) throws(DossierError) {
        let parts = kind.rawValue.split(separator: ".", omittingEmptySubsequences: false)
        let modules = registry.modules.map(\.id)
        guard parts.count == 2, modules.contains(String(parts[0])), Self.isSnakeCase(parts[1]) else {
            throw .invalidInput(
                "event kind '\(kind.rawValue)' must be <module-id>.<snake_name> with a registered module id "
                    + "(modules: \(modules.joined(separator: ", ")))")
        }
    }

    static func isSnakeCase(_ name: Substring) -> Bool {
        guard let first = name.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else { return false }
        return name.utf8.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                || $0 == UInt8(ascii: "_")
        }
    }
}

/// What an idempotent module event stores for replay.
struct ModuleEventOutcome<Result: Codable & Sendable>: Codable, Sendable {
    var result: Result
    var event: CaseEvent
}
