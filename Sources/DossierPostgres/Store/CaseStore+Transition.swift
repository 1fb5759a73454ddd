public import DossierCore
public import Foundation
import PostgresNIO

/// A request to move a case along its workflow.
public struct TransitionRequest: Sendable, Hashable {
    public var caseID: UUID
    public var transition: String
    public var inputs: [String: JSONValue]
    public var actor: Actor
    /// When given, the transition is refused unless the case is still at this version.
    public var expectedVersion: Int64?
    /// A retry with the same key replays the first result.
    public var idempotencyKey: String?

    public init(
        caseID: UUID, transition: String, inputs: [String: JSONValue] = [:], actor: Actor, expectedVersion: Int64? = nil,
        idempotencyKey: String? = nil
    ) {
        self.caseID = caseID
        self.transition = transition
        self.inputs = inputs
        self.actor = actor
        self.expectedVersion = expectedVersion
        self.idempotencyKey = idempotencyKey
    }
}

/// The case after a transition, and the event that records it.
public struct TransitionResult: Sendable, Hashable, Codable {
    public var `case`: Case
    public var event: CaseEvent
}

extension CaseStore {
    /// Runs a transition in one transaction: lock the case row, check the expected version,
    /// state, role, inputs and guards, run `beforeTransition` hooks, apply the effects and
    /// timers, append the hash-chained event, bump the version, run `afterTransition` hooks,
    /// commit. A refusal throws and leaves nothing behind.
    public func runTransition(_ request: TransitionRequest) async throws -> TransitionResult {
        let fingerprint: JSONValue = [
            "case": .string(request.caseID.uuidString), "transition": .string(request.transition),
            "inputs": .object(request.inputs),
            "expected_version": request.expectedVersion.map(JSONValue.int) ?? .null,
        ]
        return try await client.transaction(logger: logger) { connection in
            try await idempotent(
                key: request.idempotencyKey, actor: request.actor, operation: "transition", request: fingerprint,
                on: connection
            ) {
                var locked = try await lockCase(request.caseID, on: connection)
                try Self.check(expectedVersion: request.expectedVersion, of: locked.value)
                let event = try await applyTransition(
                    request.transition, inputs: request.inputs, actor: request.actor, at: clock.now(), to: &locked,
                    on: connection)
                return TransitionResult(case: locked.value, event: event)
            }
        }
    }

    /// The checks and changes of a transition on a case already locked in this transaction.
    func applyTransition(
        _ name: String, inputs: [String: JSONValue], actor: Actor, at now: Date, to locked: inout LockedCase,
        on connection: PostgresConnection
    ) async throws -> CaseEvent {
        try await requireMayChange(locked.value, by: actor, on: connection)
        let caseType = try registry.caseType(module: locked.value.module, type: locked.value.type)
        let evaluator = TransitionEvaluator(workflow: caseType.workflow)
        let transition = try evaluator.check(name, on: locked.value, actor: actor, inputs: inputs)
        let before = locked.value
        try await runHooks(
            .beforeTransition(.init(
                case: before, actor: actor, transition: name, fromState: before.state, inputs: inputs, now: now)),
            locked: &locked, on: connection)

        let plan = evaluator.plan(transition, on: before, inputs: inputs)
        locked.value = plan.updatedCase
        if plan.closesCase, before.closedAt == nil { locked.value.closedAt = now }
        if plan.reopensCase { locked.value.closedAt = nil }

        // Entering a terminal state stops every running timer; a restarted timer replaces
        // its running namesake.
        var toCancel = Set(plan.timersToCancel).union(plan.timersToStart.map(\.name))
        if plan.closesCase { toCancel.formUnion(caseType.workflow.timers.map(\.name)) }
        let cancelled = try await cancelTimers(named: Array(toCancel), caseID: before.id, at: now, on: connection)
        // A closed case has nothing overdue, whatever its timers were named (modules name
        // some per record, as surveillance does per authorisation).
        if plan.closesCase { try await CaseTimers.settleAll(caseID: before.id, at: now, on: connection, logger: logger) }
        let started = try await startTimers(
            plan.timersToStart, for: locked.value, calendar: caseType.calendar(locked.value), at: now, on: connection)

        var payload: [String: JSONValue] = [
            "transition": .string(name), "from": .string(before.state), "to": .string(transition.to),
            "inputs": .object(inputs),
        ]
        if !started.isEmpty { payload["timers_started"] = .array(started.map(Self.timerJSON)) }
        if !cancelled.isEmpty { payload["timers_cancelled"] = .array(cancelled.sorted().map(JSONValue.string)) }
        if before.priority != locked.value.priority { payload["priority"] = .string(locked.value.priority.rawValue) }
        if before.attributes != locked.value.attributes { payload["attributes"] = locked.value.attributes }

        let event = try await appendEvent(
            .transition, payload: .object(payload), actor: actor.id, at: now, to: &locked, on: connection)
        try await saveCase(&locked, on: connection)
        try await runHooks(
            .afterTransition(.init(
                case: locked.value, actor: actor, transition: name, fromState: before.state, inputs: inputs, now: now)),
            locked: &locked, on: connection)
        return event
    }

    /// What `actor` can do next on the case, and why each other way out is blocked.
    public func availableTransitions(caseID: UUID, actor: Actor) async throws -> [TransitionEvaluator.Availability] {
        let found = try await getCase(id: caseID)
        let caseType = try registry.caseType(module: found.module, type: found.type)
        return TransitionEvaluator(workflow: caseType.workflow).availableTransitions(for: found, actor: actor)
    }
}
