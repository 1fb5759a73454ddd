public import DossierCore
import DossierPostgres
public import Foundation
import PostgresNIO

extension ExtraditionStore {
    /// The case's release tasks, open ones first.
    public func releaseTasks(caseID: UUID) async throws -> [ReleaseTask] {
        let rows = try await client.query(
            """
            SELECT id, case_id, deadline_id, legal_basis, opened_at, resolved_at, resolved_by, resolution, note
            FROM extradition_release_tasks WHERE case_id = \(caseID) ORDER BY resolved_at IS NULL DESC, opened_at
            """, logger: logger)
        var tasks: [ReleaseTask] = []
        for try await (id, caseID, deadlineID, legalBasis, openedAt, resolvedAt, resolvedBy, resolution, note)
            in rows.decode((UUID, UUID, UUID, String, Date, Date?, String?, String?, String).self)
        {
            tasks.append(ReleaseTask(
                id: id, caseID: caseID, deadlineID: deadlineID, legalBasis: legalBasis, openedAt: openedAt,
                resolvedAt: resolvedAt, resolvedBy: resolvedBy,
                resolution: try resolution.map { text throws(DossierError) in try ReleaseResolution.parse(text, field: "resolution") },
                note: note))
        }
        return tasks
    }

    /// Records why a person whose "must release" deadline expired is still lawfully held
    /// (an extension granted, a request that arrived in time after all), resolving the
    /// case's open release tasks. To release the person, run `release_on_timeout` instead.
    public func recordLawfulDetention(caseID: UUID, note: String, by actor: Actor) async throws -> [ReleaseTask] {
        try actor.require(oneOf: Roles.lawyers, to: "resolving a release task")
        try FreeText.require(note, field: "note", max: 2000)
        let now = cases.clock.now()
        _ = try await cases.recordModuleEvent(EventKind("extradition.release_task_resolved"), caseID: caseID, actor: actor) {
            found, connection in
            try Self.requireExtradition(found)
            let rows = try await connection.query(
                """
                UPDATE extradition_release_tasks SET resolved_at = \(now), resolved_by = \(actor.id),
                    resolution = 'lawfully_held', note = \(note)
                WHERE case_id = \(caseID) AND resolved_at IS NULL RETURNING id
                """, logger: logger)
            var resolved: [String] = []
            for try await id in rows.decode(UUID.self) { resolved.append(id.lowercased) }
            guard !resolved.isEmpty else {
                throw DossierError(.wrongState, "\(found.reference) has no open release task")
            }
            let payload: JSONValue = [
                "resolution": "lawfully_held", "note": .string(note), "tasks": .array(resolved.map(JSONValue.string)),
            ]
            return (payload: payload, result: resolved.count)
        }
        return try await releaseTasks(caseID: caseID)
    }

    /// Records that the person was brought before a judge, which meets the
    /// `first_appearance` deadline.
    public func recordFirstAppearance(caseID: UUID, at date: Date? = nil, by actor: Actor) async throws -> [LegalDeadline] {
        try actor.require(oneOf: Roles.documentKeepers, to: "recording a first appearance")
        let now = cases.clock.now()
        let date = date ?? now
        guard date <= now.addingTimeInterval(StepChecks.allowedClockSkew) else {
            throw DossierError.invalidInput("appeared_at \(date.formatted(.iso8601)) is in the future")
        }
        _ = try await cases.recordModuleEvent(EventKind("extradition.first_appearance"), caseID: caseID, actor: actor) {
            found, connection in
            try Self.requireExtradition(found)
            let keeper = DeadlineKeeper(caseID: caseID, actor: actor.id, connection: connection, logger: logger)
            let open = try await connection.query(
                """
                SELECT 1 FROM extradition_deadlines
                WHERE case_id = \(caseID) AND timer = 'first_appearance' AND status IN ('running', 'expired')
                """, logger: logger)
            var isOpen = false
            for try await _ in open { isOpen = true }
            guard isOpen else {
                throw DossierError(.wrongState, "\(found.reference) has no first-appearance deadline running")
            }
            try await keeper.end([.firstAppearance], status: .met, at: date, by: "first_appearance")
            return (payload: ["appeared_at": .string(date.formatted(.iso8601))], result: true)
        }
        return try await deadlines(caseID: caseID)
    }

    /// Changes the custody status between custody and bail while the person is held
    /// (arrests, releases and surrender set it themselves).
    public func setCustody(caseID: UUID, to status: CustodyStatus, note: String, by actor: Actor) async throws {
        try actor.require(oneOf: Roles.documentKeepers, to: "changing custody status")
        guard status == .custody || status == .bail else {
            throw DossierError.invalidInput("custody can be set to custody or bail; releases are workflow steps")
        }
        try FreeText.require(note, field: "note", max: 2000)
        _ = try await cases.recordModuleEvent(EventKind("extradition.custody_changed"), caseID: caseID, actor: actor) {
            found, connection in
            try Self.requireExtradition(found)
            guard ExtraditionWorkflow.State.inCustodyStates.contains(found.state) else {
                throw DossierError(.wrongState, "\(found.reference) is \(found.state.replacingOccurrences(of: "_", with: " ")); custody applies only after arrest")
            }
            try await connection.query(
                "UPDATE extraditions SET custody = \(status.rawValue) WHERE case_id = \(caseID)", logger: logger)
            return (payload: ["custody": .string(status.rawValue), "note": .string(note)], result: true)
        }
    }
}
