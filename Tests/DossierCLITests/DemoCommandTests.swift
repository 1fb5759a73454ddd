import ColdCases
import DossierCore
import Extradition
import InvestigatorNetwork
import SurveillanceLogs
import DossierTesting
import Foundation
import PostgresNIO
import Testing

/// `dossier demo` with the built-in modules registered.
@Suite struct DemoCommandTests {
    /// Row counts of everything the demo writes.
    func counts(in db: TestDatabase) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in [
            "cases", "case_events", "case_parties", "case_timers", "persons", "cold_cases", "cold_case_reviews",
            "cold_case_evidence", "cold_case_leads", "cold_review_policies", "extraditions", "extradition_documents",
            "extradition_steps", "extradition_deadlines", "surveillance_authorisations", "surveillance_renewals",
            "surveillance_entries", "network_agencies", "network_investigators", "network_contacts",
            "network_operation_targets",
        ] {
            counts[table] = try await db.count(PostgresQuery(unsafeSQL: "SELECT count(*)::int FROM \(table)"))
        }
        return counts
    }

    func states(in db: TestDatabase, module: String = "cold-cases") async throws -> [String: Int] {
        let rows = try await db.client.query(
            "SELECT state, count(*)::int FROM cases WHERE module = \(module) GROUP BY state", logger: db.logger)
        var states: [String: Int] = [:]
        for try await (state, count) in rows.decode((String, Int).self) { states[state] = count }
        return states
    }

    @Test func runningTheDemoTwiceLeavesTheSameDataAtEveryState() async throws {
        try await TestDatabase.with(modules: [ColdCases(), Extradition(), SurveillanceLogs(), InvestigatorNetwork()]) { db async throws in
            let first = try await db.dossier("demo")
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout == "demo data loaded: 24 persons, 4 modules with demo cases; try `dossier case list`\n")
            let loaded = try await counts(in: db)
            #expect(try await states(in: db) == [
                "cold": 36, "under_review": 6, "reopened": 6, "cleared_arrest": 3, "cleared_exceptional": 6, "admin_closed": 3,
            ])

            let second = try await db.dossier("demo")
            #expect(second.status == 0, "\(second.stderr)")
            #expect(try await counts(in: db) == loaded)
            // A day later the idempotency keys are purged; a complete demo still loads nothing twice.
            _ = try await db.count("WITH purged AS (DELETE FROM idempotency_keys RETURNING 1) SELECT count(*)::int FROM purged")
            #expect(try await db.dossier("demo").status == 0)
            #expect(try await counts(in: db) == loaded, "the demo loaded again once its keys had expired")

            #expect(loaded["cases"] == 60 + 24 + 3)
            #expect(loaded["persons"] == 24 + 4 + 15, "the fugitives, then the cold cases' victims and suspects")
            // Each person has one story: a party to one case only.
            #expect(try await db.count(
                "SELECT count(*)::int FROM (SELECT person_id FROM case_parties GROUP BY person_id HAVING count(DISTINCT case_id) > 1) twice") == 0)
            // Overdue reviews are months overdue, not decades: none fell due before 2025.
            #expect(try await db.count(
                "SELECT count(*)::int FROM cold_cases WHERE state = 'cold' AND review_due_at < '2025-01-01'") == 0)
            #expect((loaded["cold_case_evidence"] ?? 0) >= 60)
            #expect((loaded["cold_case_leads"] ?? 0) >= 10)
            #expect(loaded["cold_review_policies"] == 2)
            #expect(Set(try await countries(in: db)) == ["GB", "US", "DE", "NL", "JM", "AU", "IE"])

            // Reviews are conducted by the investigator and approved by a different supervisor.
            #expect(try await db.count("SELECT count(*)::int FROM cold_case_reviews WHERE approved_at IS NOT NULL AND approver = reviewer") == 0)
            #expect(try await db.count("SELECT count(*)::int FROM cold_case_reviews WHERE approver = 's.mendes' AND reviewer = 'a.okafor'") == 27)
            #expect(try await db.count("SELECT count(*)::int FROM cold_case_reviews WHERE completed_at IS NOT NULL AND approved_at IS NULL") == 3)
            #expect(try await db.count("SELECT count(*)::int FROM cold_case_reviews WHERE completed_at IS NULL") == 3)
            // Forensic opportunities, suspects and victims from the demo persons.
            #expect(try await db.count("SELECT count(*)::int FROM cold_case_evidence WHERE forensic_opportunity <> ''") > 30)
            #expect(try await db.count("SELECT count(*)::int FROM case_parties WHERE role = 'suspect'") == 15)
            #expect(try await db.count("SELECT count(*)::int FROM case_parties WHERE role = 'victim'") == 4)
            // Boosted by a lead and waiting at the top of the queue.
            #expect(try await db.count("SELECT count(*)::int FROM cold_cases WHERE boosted_at IS NOT NULL") == 6)

            #expect(try await db.dossier("audit", "verify").status == 0)
            let queue = try await db.dossierJSON("cold-cases", "queue", "--limit", "10")
            #expect((queue["entries"] as? [[String: Any]])?.first?["boosted"] as? Bool == true)
            #expect(try await db.dossierJSON("cold-cases", "limitations")["cases"] as? [Any] != nil)

            // Extraditions at every step, with running and overdue deadlines on the board.
            #expect(Set(try await states(in: db, module: "extradition").keys) == Set(ExtraditionWorkflow.definition.states.map(\.name)))
            #expect(try await db.count("SELECT count(*)::int FROM extradition_deadlines WHERE status = 'expired' AND due_at < now()") >= 5, "steps recorded after their periods ran out expire them at once")
            #expect(try await db.count("SELECT count(*)::int FROM extradition_deadlines WHERE status = 'running' AND due_at > now()") >= 10)
            #expect(try await db.count("SELECT count(*)::int FROM extradition_deadlines WHERE status = 'superseded'") >= 2)
            let board = try await db.dossierJSON("extradition", "board")
            #expect((board["overdue"] as? Int ?? 0) >= 5)
            let entries = try #require(board["entries"] as? [[String: Any]])
            #expect(entries.first?["overdue"] as? Bool == true)
            #expect(entries.allSatisfy { ($0["legal_basis"] as? String)?.isEmpty == false })

            // Surveillance operations with a renewal, a correction, an expired and a cancelled authorisation.
            #expect(loaded["surveillance_renewals"] == 1)
            #expect(try await db.count("SELECT count(*)::int FROM surveillance_entries WHERE corrects_entry_id IS NOT NULL") == 1)
            #expect(try await db.count("SELECT count(*)::int FROM surveillance_authorisations WHERE valid_to < now()") == 1)
            #expect(try await db.count("SELECT count(*)::int FROM surveillance_authorisations WHERE cancelled_at IS NOT NULL") == 1)

            // A network across 70 countries and an Infra-style operation with arrests and located targets.
            #expect(try await db.count("SELECT count(DISTINCT country)::int FROM network_investigators") == 70)
            #expect(try await db.count("SELECT count(*)::int FROM network_investigators WHERE verification_expires_at < now()") > 0)
            #expect(try await db.count("SELECT count(*)::int FROM network_operation_targets WHERE outcome = 'arrested'") > 0)
            #expect(try await db.count("SELECT count(*)::int FROM network_operation_targets WHERE outcome = 'located'") > 0)
            let contacts = try await db.dossier("network", "contacts", "ES", "--json")
            #expect(contacts.status == 0, "\(contacts.stderr)")
            #expect((try contacts.json() as? [[String: Any]])?.count == 2)
        }
    }

    func countries(in db: TestDatabase) async throws -> [String] {
        let rows = try await db.client.query("SELECT DISTINCT country FROM cases WHERE module = 'cold-cases'", logger: db.logger)
        var countries: [String] = []
        for try await country in rows.decode(String.self) { countries.append(country) }
        return countries
    }

    func count(_ sql: String, in db: TestDatabase) async throws -> Int {
        try await db.count(PostgresQuery(unsafeSQL: sql))
    }

    @Test func scaleGeneratesChainedCasesPersonsAndDirectoryEntriesOnceOnly() async throws {
        try await TestDatabase.with(modules: [ColdCases(), Extradition(), SurveillanceLogs(), InvestigatorNetwork()]) { db async throws in
            let summary = try await db.dossierJSON("demo", "--scale", "250")
            let generated = "SELECT count(*)::int FROM cases WHERE tags @> '{scale-demo}' AND module <> 'extradition'"
            #expect(try await count(generated, in: db) == 250)
            #expect(try await count(
                """
                SELECT count(*)::int FROM case_events e JOIN cases c ON c.id = e.case_id
                WHERE c.tags @> '{scale-demo}' AND c.module <> 'extradition'
                """,
                in: db) == 1250)
            // On top of the 250, one extradition per hundred, each with its row and the
            // deadlines its arrest started.
            #expect(try await count(
                "SELECT count(*)::int FROM extraditions e JOIN cases c ON c.id = e.case_id WHERE c.tags @> '{scale-demo}'",
                in: db) == 2)
            #expect(try await count(
                """
                SELECT count(DISTINCT d.case_id)::int FROM extradition_deadlines d JOIN cases c ON c.id = d.case_id
                WHERE c.tags @> '{scale-demo}'
                """,
                in: db) == 2)
            #expect(summary["cases_in_all"] as? Int == (try await count("SELECT count(*)::int FROM cases", in: db)))
            #expect(try await count("SELECT count(*)::int FROM person_names WHERE position = 0 AND source = 'scale-demo'", in: db) == 50)
            #expect(try await count("SELECT count(*)::int FROM network_investigators WHERE created_by = 'scale-demo'", in: db) == 25)
            // Four in five are cold cases, each with the module's own row; the rest are operations.
            #expect(try await count(
                "SELECT count(*)::int FROM cold_cases cc JOIN cases c ON c.id = cc.case_id WHERE c.tags @> '{scale-demo}'",
                in: db) == 200)
            let generatedStates = try await db.client.query(
                "SELECT DISTINCT state FROM cases WHERE tags @> '{scale-demo}' ORDER BY state", logger: db.logger)
            var states: [String] = []
            for try await state in generatedStates.decode(String.self) { states.append(state) }
            #expect(states == ["active", "admin_closed", "arrested_on_request", "closed", "cold", "withdrawn"])
            // The arrested one is on the deadline board; the withdrawn one is not.
            let board = try await ExtraditionStore(cases: db.store, logger: db.logger).boardForOperator(limit: 500)
            #expect(board.contains { $0.title.hasPrefix("Extradition 000001") })
            #expect(!board.contains { $0.title.hasPrefix("Extradition 000000") })

            // Every generated chain verifies like a hand-made one.
            let verified = try await db.dossier("audit", "verify")
            #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")

            // A second run adds nothing; a larger scale adds only the difference, with new references.
            let before = try await counts(in: db)
            _ = try await db.dossierJSON("demo", "--scale", "250")
            #expect(try await counts(in: db) == before)
            _ = try await db.dossierJSON("demo", "--scale", "300")
            #expect(try await count(generated, in: db) == 300)
            #expect(try await count("SELECT count(DISTINCT reference)::int FROM cases", in: db)
                == (try await count("SELECT count(*)::int FROM cases", in: db)))

            // A generated case reads like any other: its timeline ends where its state says.
            let reference = try #require(try await db.client.query(
                "SELECT reference FROM cases WHERE tags @> '{scale-demo}' AND state = 'admin_closed' LIMIT 1", logger: db.logger
            ).decode(String.self).first { _ in true })
            let timeline = try #require(try await db.dossier("case", "timeline", reference, "--json").json() as? [[String: Any]])
            #expect(timeline.count == 5)
            #expect((timeline.last?["payload"] as? [String: Any])?["to"] as? String == "admin_closed")

            let refused = try await db.dossier("demo", "--scale", "0")
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("--scale must be between 1 and 10000000, not 0"))
        }
    }
}
