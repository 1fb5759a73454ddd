import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import PostgresNIO
import Testing

@Suite struct TestDatabaseTests {
    @Test func eachTestGetsItsOwnMigratedDatabase() async throws {
        let names = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    try await TestDatabase.with { db async throws in
                        let rows = try await db.client.query("SELECT current_database(), (SELECT count(*) FROM cases)", logger: db.logger)
                        for try await (name, cases) in rows.decode((String, Int).self) {
                            #expect(cases == 0)
                            return name
                        }
                        return ""
                    }
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(Set(names).count == 4)
        #expect(names.allSatisfy { $0.hasPrefix("dossier_test_") })
    }

    @Test func theDatabaseIsDroppedWhenTheTestEnds() async throws {
        let name = try await TestDatabase.with { db in db.name }
        let stillThere = try await TestDatabase.with { db async throws in
            let rows = try await db.client.query("SELECT count(*) FROM pg_database WHERE datname = \(name)", logger: db.logger)
            for try await count in rows.decode(Int.self) { return count }
            return -1
        }
        #expect(stillThere == 0)
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["DATABASE_URL"] == nil, "with DATABASE_URL there is no throwaway server"))
    func theThrowawayServerListensOnAPrivateSocketOnly() async throws {
        try await TestDatabase.with { db async throws in
            let rows = try await db.client.query(
                "SELECT current_setting('listen_addresses'), current_setting('unix_socket_directories')", logger: db.logger)
            for try await (addresses, socketDirectory) in rows.decode((String, String).self) {
                #expect(addresses == "")
                let attributes = try FileManager.default.attributesOfItem(atPath: socketDirectory)
                #expect((attributes[.posixPermissions] as? Int) == 0o700)
            }
        }
    }
}
