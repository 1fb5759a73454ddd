import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import PostgresNIO
import Testing

/// Fragments compose with their values in order, however they are nested and joined.
@Suite struct SQLFragmentTests {
    @Test func composedFragmentsBindEveryValueInItsPlace() async throws {
        let first: SQLFragment = "\(1)::int AS a, \("two") AS b"
        var second: SQLFragment = "\(Optional<String>.none)::text AS c"
        second += ", \(Int64(4)) AS d"
        let listed = SQLFragment.joined(["\(5)::int", "\(6)::int", "\(7)::int"], separator: " + ")
        let nested: SQLFragment = "(\(listed)) AS e, \(first)"
        #expect(nested.query.binds.count == 5)
        try await TestDatabase.withTested { db async throws in
            let rows = try await db.client.query("SELECT \(nested), \(second), \("last") AS f", logger: db.logger)
            for try await row in rows.decode((Int, Int, String, String?, Int64, String).self) {
                #expect(row.0 == 18 && row.1 == 1 && row.2 == "two" && row.3 == nil && row.4 == 4 && row.5 == "last")
            }
            // The same rule selects as a column and filters: member, agency supervisor, their
            // clearance, another agency, the unrestricted system.
            let opened = try await db.openTestCase()   // MET, official; ivy is its lead
            try await db.asSuperuser("UPDATE cases SET classification = 'confidential' WHERE id = '\(opened.id)'")
            let cases: [(Actor, Bool)] = [
                (db.actor(.investigator, id: "ivy", agency: "TEST", clearance: .confidential), true),
                (db.actor(.investigator, id: "ivy", agency: "TEST", clearance: .official), false),
                (db.actor(.supervisor, id: "sam", agency: "MET", clearance: .secret), true),
                (db.actor(.supervisor, id: "sam", agency: "MET", clearance: .official), false),
                (db.actor(.investigator, id: "ian", agency: "MET", clearance: .secret), false),
                (db.actor(.supervisor, id: "otto", agency: "JCF", clearance: .secret), false),
                (.system, true),
            ]
            for (actor, expected) in cases {
                let flags = try await db.client.query(
                    "SELECT \(SQLFragment.casesVisible(to: actor)) FROM cases c WHERE c.id = \(opened.id)", logger: db.logger)
                for try await visible in flags.decode(Bool.self) {
                    #expect(visible == expected, "\(actor.id) \(actor.roles) \(actor.agency ?? "-") \(actor.clearance)")
                }
            }
        }
    }
}
