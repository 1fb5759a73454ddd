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
            let first = try db.dossier("demo")
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout == "demo data loaded: 12 persons, 4 modules with demo cases; try `dossier case list`\n")
            let loaded = try await counts(in: db)
            #expect(try await states(in: db) == [
                "cold": 36, "under_review": 6, "reopened": 6, "cleared_arrest": 3, "cleared_exceptional": 6, "admin_closed": 3,
            ])

            let second = try db.dossier("demo")
            #expect(second.status == 0, "\(second.stderr)")
            #expect(try await counts(in: db) == loaded)

            #expect(loaded["cases"] == 60 + 24 + 3)
            #expect(loaded["persons"] == 12)
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

            #expect(try db.dossier("audit", "verify").status == 0)
            let queue = try db.dossierJSON("cold-cases", "queue", "--limit", "10")
            #expect((queue["entries"] as? [[String: Any]])?.first?["boosted"] as? Bool == true)
            #expect(try db.dossierJSON("cold-cases", "limitations")["cases"] as? [Any] != nil)

            // Extraditions at every step, with running and overdue deadlines on the board.
            #expect(Set(try await states(in: db, module: "extradition").keys) == Set(ExtraditionWorkflow.definition.states.map(\.name)))
            #expect(try await db.count("SELECT count(*)::int FROM extradition_deadlines WHERE status = 'running' AND due_at < now()") >= 5)
            #expect(try await db.count("SELECT count(*)::int FROM extradition_deadlines WHERE status = 'running' AND due_at > now()") >= 10)
            #expect(try await db.count("SELECT count(*)::int FROM extradition_deadlines WHERE status = 'superseded'") >= 2)
            let board = try db.dossierJSON("extradition", "board")
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
            let contacts = try db.dossier("network", "contacts", "ES", "--json")
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

    @Test func aSmallDemoStillShowsEveryStateAndExceptionalClearanceCodes() async throws {
        try await TestDatabase.with(modules: [ColdCases(), Extradition(), SurveillanceLogs(), InvestigatorNetwork()]) { db async throws in
            // 36 cases: 9 per module (surveillance has 3; the network directory has none).
            let summary = try db.dossierJSON("demo", "--scale", "36")
            #expect(summary["persons"] as? Int == 12)
            #expect(summary["modules"] as? Int == 4)
            #expect(try await states(in: db, module: "extradition").values.reduce(0, +) == 9)
            #expect(Set(try await states(in: db).keys) == [
                "cold", "under_review", "reopened", "cleared_arrest", "cleared_exceptional", "admin_closed",
            ])
            let listed = try db.dossierJSON("case", "list", "--state", "cleared_exceptional")
            let cleared = try #require((listed["cases"] as? [[String: Any]])?.first?["reference"] as? String)
            let timeline = try db.dossier("case", "timeline", cleared, "--json")
            let events = try #require(try timeline.json() as? [[String: Any]])
            let last = try #require(events.last?["payload"] as? [String: Any])
            #expect(last["transition"] as? String == "clear_exceptionally")
            #expect((last["inputs"] as? [String: Any])?["exceptional_clearance_code"] as? String == "A")
        }
    }
}
