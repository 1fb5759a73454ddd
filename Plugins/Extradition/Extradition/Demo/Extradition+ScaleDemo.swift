public import DossierPostgres
import DossierCore
import Foundation
import PostgresNIO

extension Extradition: ScaleDemoModule {
    /// Generated extraditions: one per hundred generated cases, on top of them (so a data
    /// set generated before keeps its cold cases and operations). Each is a person arrested
    /// under one of the four seeded instruments in the last 90 days, with the deadlines
    /// that arrest started (the module's and the core's timers), running or overdue; one in
    /// five has been withdrawn since.
    ///
    /// These are load-test rows, not legal advice: due times are the run-from instant plus
    /// the instrument's period in calendar units, without the requested state's calendar.
    public func loadScaleData(into context: ScaleDemoContext) async throws {
        guard !context.persons.isEmpty else { return }
        let target = max(1, context.scale / 100)
        var index = try await generatedCount(context)
        if index < target {
            let progress = context.progress("generated extraditions", total: target)
            while index < target {
                let batch = (index..<min(target, index + 5_000)).map { Self.scaleDemoExtradition($0, in: context) }
                _ = try await context.store.writeBulk(batch)
                index += batch.count
                progress.update(index)
            }
        }
        try await context.client.query(
            """
            INSERT INTO extraditions (case_id, person_id, requesting_state, requested_state, instrument_id, custody, state, closed)
            SELECT c.id, (c.attributes->>'person_id')::uuid, c.attributes->>'requesting_state', c.attributes->>'requested_state',
                   c.attributes->>'instrument', CASE WHEN c.closed_at IS NULL THEN 'custody' ELSE 'released' END, c.state,
                   c.closed_at IS NOT NULL
            FROM cases c
            WHERE c.module = \(Self.moduleID) AND c.tags @> ARRAY[\(ScaleDemoContext.tag)]
              AND NOT EXISTS (SELECT 1 FROM extraditions e WHERE e.case_id = c.id)
            """, logger: context.logger)
        // The arrest's deadlines run from an hour after the case was opened.
        try await context.client.query(
            """
            INSERT INTO extradition_deadlines (id, case_id, timer, instrument_id, value, unit, counting, legal_basis, obligation,
                                               calendar, country, time_zone, started_by, runs_from, last_day, due_at, status)
            SELECT gen_random_uuid(), e.case_id, t.timer, t.instrument_id, t.value, t.unit, t.counting, t.legal_basis, t.obligation,
                   e.requested_state || ' (generated)', e.requested_state, 'UTC', s.started_by, s.runs_from,
                   CASE WHEN t.unit = 'hours' THEN NULL ELSE (s.due_at AT TIME ZONE 'UTC')::date END, s.due_at,
                   CASE WHEN e.closed THEN 'closed' WHEN s.due_at < \(context.now) THEN 'expired' ELSE 'running' END
            FROM extraditions e
            JOIN cases c ON c.id = e.case_id
            JOIN extradition_instrument_timers t ON t.instrument_id = e.instrument_id
                 AND t.timer IN ('request', 'request_limit', 'consent_notice', 'decision')
            CROSS JOIN LATERAL (
                SELECT CASE WHEN e.instrument_id = 'eu-eaw-2002' THEN 'arrest_on_request' ELSE 'provisionally_arrest' END AS started_by,
                       c.opened_at + interval '1 hour' AS runs_from,
                       c.opened_at + interval '1 hour' + CASE t.unit WHEN 'hours' THEN t.value * interval '1 hour'
                           WHEN 'calendar_months' THEN t.value * interval '1 month' ELSE t.value * interval '1 day' END AS due_at
            ) s
            WHERE c.tags @> ARRAY[\(ScaleDemoContext.tag)]
              AND NOT EXISTS (SELECT 1 FROM extradition_deadlines d WHERE d.case_id = e.case_id)
            """, logger: context.logger)
        // The core's timer for each deadline, as recording the arrest starts them: what
        // deadline lists, My work and the case list's deadline order read. A deadline past
        // its due time has fired and waits to be settled (overdue); a closed case's are
        // cancelled.
        try await context.client.query(
            """
            INSERT INTO case_timers (id, case_id, name, due_at, legal_basis, obligation, expiry, started_at, fired_at, cancelled_at)
            SELECT gen_random_uuid(), d.case_id, d.timer, d.due_at, d.legal_basis, d.obligation, '{"raiseEvent": {}}', d.runs_from,
                   CASE WHEN d.status = 'expired' THEN d.due_at END,
                   CASE WHEN d.status NOT IN ('running', 'expired') THEN coalesce(d.ended_at, d.runs_from) END
            FROM extradition_deadlines d JOIN cases c ON c.id = d.case_id
            WHERE c.tags @> ARRAY[\(ScaleDemoContext.tag)]
              AND NOT EXISTS (SELECT 1 FROM case_timers t WHERE t.case_id = d.case_id)
            """, logger: context.logger)
        try await context.client.query("VACUUM (ANALYZE) extraditions, extradition_deadlines, case_timers", logger: context.logger)
    }

    private func generatedCount(_ context: ScaleDemoContext) async throws -> Int {
        let rows = try await context.client.query(
            "SELECT count(*) FROM cases WHERE module = \(Self.moduleID) AND tags @> ARRAY[\(ScaleDemoContext.tag)]",
            logger: context.logger)
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }

    /// The `index`-th generated extradition: who, under which instrument, arrested when.
    static func scaleDemoExtradition(_ index: Int, in context: ScaleDemoContext) -> BulkCase {
        let (agency, _) = context.agency(index)
        let routes: [(instrument: String, requesting: String, requested: String)] = [
            ("ece-1957", "UA", "GB"), ("eu-eaw-2002", "PL", "DE"), ("uk-ea-2003-part-2", "US", "GB"), ("us-in-1997", "IN", "US"),
            ("ece-1957", "RS", "FR"), ("eu-eaw-2002", "RO", "FR"),
        ]
        let route = context.pick(routes, index)
        let person = context.pick(context.persons, index * 13 + 5)
        let arrestedOnRequest = route.instrument == "eu-eaw-2002"
        let closes = index % 5 == 0
        let openedAt = context.now.addingTimeInterval(-Double((index * 37) % 90 + 1) * 86_400 - Double((index * 7_919) % 86_400))
        let lead = context.investigator(index)
        let attributes = ExtraditionAttributes(
            personID: person.id, requestingState: route.requesting, requestedState: route.requested, instrument: route.instrument,
            offences: [Offence(description: "Fraud by false representation", legalProvision: "Fraud Act 2006 s.2",
                               maximumPenalty: "10 years' imprisonment")])
        typealias TransitionName = ExtraditionWorkflow.TransitionName
        typealias State = ExtraditionWorkflow.State
        let arrest = arrestedOnRequest ? TransitionName.arrestOnRequest : TransitionName.provisionallyArrest
        let arrested = arrestedOnRequest ? State.arrestedOnRequest : State.provisionallyArrested
        var events = [
            BulkCase.Event(.transition, actor: lead, payload: [
                "transition": .string(TransitionName.locate), "from": .string(State.wanted), "to": .string(State.located),
            ]),
            BulkCase.Event(.transition, actor: lead, payload: [
                "transition": .string(arrest), "from": .string(State.located), "to": .string(arrested),
            ]),
        ]
        if closes {
            events.append(BulkCase.Event(.transition, actor: "\(agency.lowercased()).legal01", payload: [
                "transition": .string(TransitionName.withdraw), "from": .string(arrested), "to": .string(State.withdrawn),
                "inputs": ["reason": "request withdrawn by the requesting state"],
            ]))
        }
        return BulkCase(
            NewCase(
                module: moduleID, type: caseTypeName, title: "Extradition \(index.zeroPadded(6)) of \(person.name)",
                classification: .confidential, owningAgency: agency, country: route.requested,
                attributes: (try? JSONValue(encoding: attributes)) ?? [:], tags: [ScaleDemoContext.tag]),
            state: closes ? State.withdrawn : arrested, openedAt: openedAt,
            closedAt: closes ? openedAt.addingTimeInterval(20 * 86_400) : nil, lead: lead,
            members: [("\(agency.lowercased()).legal01", .legal)],
            parties: [BulkCase.Party(personID: person.id, name: person.name, role: .fugitive)], events: events)
    }
}
