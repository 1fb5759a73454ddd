public import DossierCore
public import DossierPostgres
public import Foundation
import PostgresNIO

extension ColdCaseStore {
    /// Records new information on an open case as a `cold-cases.lead_received` event and,
    /// when the case is waiting in `cold`, moves it up the review queue, among the cases with new leads.
    ///
    /// > Note: the boost is the module's `cold_cases.boosted_at`, not the core priority: a
    /// > priority change would need a transition from every state to itself, and the boost
    /// > is about the review queue only. Starting a review clears it.
    /// - Parameter options: `If-Match` and an idempotency key, so a retried request records
    ///   the lead once.
    public func addLead(caseID: UUID, _ new: NewLead, by actor: Actor, options: ChangeOptions = .init()) async throws -> Lead {
        try require(actor, oneOf: Roles.leadTakers, to: "recording a lead")
        let now = cases.clock.now()
        try new.validate(now: now)
        let lead = Lead(
            id: UUID.v7(at: now), caseID: caseID, source: new.source, receivedAt: new.receivedAt, summary: new.summary,
            assignedTo: new.assignedTo, outcome: new.outcome, recordedAt: now, recordedBy: actor.id)

        let request: JSONValue = [
            // received_at is left out: a client that omits it gets "now", which differs on retry.
            "source": .string(new.source), "summary": .string(new.summary),
            "assigned_to": new.assignedTo.map(JSONValue.string) ?? .null,
        ]
        return try await cases.recordModuleEvent(
            EventKind("cold-cases.lead_received"), caseID: caseID, actor: actor, options: options, request: request
        ) {
            found, connection in
            try Self.requireColdCase(found)
            guard found.closedAt == nil else {
                throw DossierError(.wrongState, "\(found.reference) is closed (\(found.state)); a lead cannot be added to it")
            }
            try await connection.query(
                """
                INSERT INTO cold_case_leads (id, case_id, source, received_at, summary, assigned_to, outcome,
                    recorded_at, recorded_by)
                VALUES (\(lead.id), \(caseID), \(lead.source), \(lead.receivedAt), \(lead.summary), \(lead.assignedTo),
                    \(lead.outcome), \(now), \(actor.id))
                """, logger: logger)
            let boosted = found.state == ColdCaseWorkflow.State.cold
            if boosted {
                try await connection.query(
                    "UPDATE cold_cases SET boosted_at = coalesce(boosted_at, \(now)) WHERE case_id = \(caseID)",
                    logger: logger)
            }
            let payload: JSONValue = [
                "lead_id": .string(lead.id.lowercased), "source": .string(lead.source),
                "received_at": .string(lead.receivedAt.formatted(.iso8601)), "summary": .string(lead.summary),
                "assigned_to": lead.assignedTo.map(JSONValue.string) ?? .null, "queue_boost": .bool(boosted),
            ]
            return (payload: payload, result: lead)
        }.result
    }

    /// The case's leads, in the order they were received.
    public func leads(caseID: UUID) async throws -> [Lead] {
        let rows = try await client.query(
            """
            SELECT id, case_id, source, received_at, summary, assigned_to, outcome, recorded_at, recorded_by
            FROM cold_case_leads WHERE case_id = \(caseID) ORDER BY received_at, id
            """, logger: logger)
        var leads: [Lead] = []
        for try await (id, caseID, source, receivedAt, summary, assignedTo, outcome, recordedAt, recordedBy)
            in rows.decode((UUID, UUID, String, Date, String, String?, String?, Date, String).self)
        {
            leads.append(Lead(
                id: id, caseID: caseID, source: source, receivedAt: receivedAt, summary: summary, assignedTo: assignedTo,
                outcome: outcome, recordedAt: recordedAt, recordedBy: recordedBy))
        }
        return leads
    }
}
