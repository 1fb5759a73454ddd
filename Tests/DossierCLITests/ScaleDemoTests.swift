import ColdCases
import DossierCore
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
}
