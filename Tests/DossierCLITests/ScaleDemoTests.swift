import ColdCases
import DossierCore
import Extradition
@testable import DossierCLI
import DossierPostgres
import DossierTesting
import Foundation
import PostgresNIO
import Testing

/// The scaled demo in a program that registers only some modules (as a team's own
/// executable does): it must not touch the tables of modules that are not there.
@Suite struct ScaleDemoTests {
    @Test func aProgramWithOnlyColdCasesGeneratesItsShareAndNothingElse() async throws {
        try await TestDatabase.with(modules: [ColdCases()]) { db async throws in
            let session = Session(
                client: db.client, registry: db.registry, store: db.store, actor: .system, output: Output(json: true),
                logger: db.logger)
            let summary = try await ScaleDemo(session: session, scale: 40).load()
            #expect(summary.cases == 40)
            #expect(summary.events == 200)
            #expect(summary.persons == 8)
            #expect(try await db.count("SELECT count(*)::int FROM cold_cases") == 40)
            #expect(try await db.store.verifyChains().isIntact)
        }
    }

    /// Generated extraditions carry the core's timers beside the module's deadlines, so
    /// deadline lists, My work and the deadline order have rows to read at scale.
    @Test func generatedExtraditionsCarryTheCoresTimersForTheirDeadlines() async throws {
        try await TestDatabase.with(modules: [ColdCases(), Extradition()]) { db async throws in
            let session = Session(
                client: db.client, registry: db.registry, store: db.store, actor: .system, output: Output(json: true),
                logger: db.logger)
            _ = try await ScaleDemo(session: session, scale: 500).load()
            let deadlines = try await db.count("SELECT count(*)::int FROM extradition_deadlines")
            #expect(deadlines > 0)
            #expect(try await db.count("SELECT count(*)::int FROM case_timers") == deadlines)
            #expect(try await db.count("""
                SELECT count(*)::int FROM case_timers t JOIN extradition_deadlines d ON d.case_id = t.case_id AND d.timer = t.name
                WHERE t.due_at = d.due_at AND (t.fired_at IS NOT NULL) = (d.status = 'expired')
                  AND (t.cancelled_at IS NOT NULL) = (d.status NOT IN ('running', 'expired'))
                """) == deadlines)
            #expect(try await db.count("""
                SELECT count(*)::int FROM cases c WHERE c.module = 'extradition'
                  AND c.next_due_at IS DISTINCT FROM (SELECT min(due_at) FROM case_timers t WHERE t.case_id = c.id AND t.cancelled_at IS NULL)
                """) == 0, "the next deadline follows the timers")
            _ = try await ScaleDemo(session: session, scale: 500).load()
            #expect(try await db.count("SELECT count(*)::int FROM case_timers") == deadlines, "a rerun adds none")
        }
    }
}
