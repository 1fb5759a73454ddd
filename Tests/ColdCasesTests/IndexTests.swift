import ColdCases
import DossierCore
import DossierTesting
import Foundation
import PostgresNIO
import Testing

/// Each work list's query shape is served by its index (sequential scans disabled, so the
/// planner shows whether an index can serve the filter and the order at all).
@Suite struct IndexTests {
    @Test(arguments: [
        ("""
         SELECT case_id FROM cold_cases q WHERE q.state = 'cold'
         ORDER BY (q.boosted_at IS NULL), q.tier, (-q.score), coalesce(q.review_due_at, 'infinity'::timestamptz), q.case_id
         LIMIT 50
         """, "cold_cases_queue"),
        ("""
         SELECT case_id FROM cold_cases q WHERE q.state = 'cold' AND q.review_due_at IS NOT NULL AND q.review_due_at <= now()
         ORDER BY q.review_due_at, q.case_id LIMIT 100
         """, "cold_cases_review_due"),
        ("""
         SELECT case_id FROM cold_cases q WHERE NOT q.closed AND q.limitation_date IS NOT NULL
           AND q.limitation_date BETWEEN current_date AND current_date + 180
         ORDER BY q.limitation_date, q.case_id LIMIT 100
         """, "cold_cases_limitation"),
        ("SELECT id FROM cold_case_reviews WHERE case_id = '00000000-0000-0000-0000-000000000000'::uuid ORDER BY started_at, id", "cold_case_reviews_case"),
        ("SELECT id FROM cold_case_evidence WHERE case_id = '00000000-0000-0000-0000-000000000000'::uuid ORDER BY id", "cold_case_evidence_case"),
        ("SELECT id FROM cold_case_leads WHERE case_id = '00000000-0000-0000-0000-000000000000'::uuid ORDER BY received_at, id", "cold_case_leads_case"),
    ])
    func listQueriesUseTheirIndex(sql: String, index: String) async throws {
        try await TestDatabase.withColdCases { db async throws in
            let plan = try await db.client.withTransaction(logger: db.logger) { connection in
                try await connection.query("SET LOCAL enable_seqscan = off", logger: db.logger)
                try await connection.query("SET LOCAL enable_sort = off", logger: db.logger)
                let rows = try await connection.query(PostgresQuery(unsafeSQL: "EXPLAIN " + sql), logger: db.logger)
                var lines: [String] = []
                for try await line in rows.decode(String.self) { lines.append(line) }
                return lines.joined(separator: "\n")
            }
            #expect(plan.contains(index), "\(plan)")
            #expect(!plan.contains("Sort "), "\(plan)")
        }
    }
}
