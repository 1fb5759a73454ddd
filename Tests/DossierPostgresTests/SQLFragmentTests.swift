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
            // The same rule selects as a column and filters.
            let opened = try await db.openTestCase()
            let stranger = Actor(id: "someone", roles: [.investigator], agency: "JCF", clearance: .secret)
            let flags = try await db.client.query(
                """
                SELECT \(SQLFragment.casesVisible(to: stranger)), \(SQLFragment.casesVisible(to: .system))
                FROM cases c WHERE c.id = \(opened.id)
                """, logger: db.logger)
            for try await (visibleToStranger, visibleToSystem) in flags.decode((Bool, Bool).self) {
                #expect(!visibleToStranger && visibleToSystem)
            }
        }
    }
}
