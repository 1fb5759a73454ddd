import DossierCore
import DossierPostgres
import DossierServer
import DossierTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PostgresNIO
import Testing

/// The server's PostgreSQL role: no superuser, no UPDATE or DELETE on the append-only
/// tables, so even a compromised server cannot rewrite a case's history.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["DATABASE_URL"] == nil, "roles are created on the throwaway cluster only"))
struct DatabaseRoleTests {
    @Test func theApplicationRoleServesButCannotRewriteHistoryOrSilenceTheTriggers() async throws {
        try await TestDatabase.with(modules: [ServerTestModule()]) { db async throws in
            let role = "app_" + db.name.suffix(12)
            try await db.client.withConnection { connection in
                try await ApplicationRole.ensureLoginRole(role, password: "not-used-on-trust", on: connection, logger: db.logger)
                try await ApplicationRole.grant(to: role, on: connection, logger: db.logger)
            }
            let superuserExcess = try await db.client.withConnection { connection in
                try await ApplicationRole.excessPrivileges(on: connection, logger: db.logger)
            }
            #expect(superuserExcess.contains { $0.hasSuffix("is a superuser") })
            var configuration = try DatabaseURL(db.url).clientConfiguration
            configuration.username = role
            let client = PostgresClient(configuration: configuration, backgroundLogger: db.logger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await client.run() }
                defer { group.cancelAll() }
                let excess = try await client.withConnection { connection in
                    try await ApplicationRole.excessPrivileges(on: connection, logger: db.logger)
                }
                #expect(excess.isEmpty)
                // It does the server's work: open a case, run a transition, log the access.
                let store = CaseStore(client: client, registry: db.registry, clock: db.clock, logger: db.logger)
                let actor = Actor(id: "ivy", roles: [.investigator], agency: "MET", clearance: .secret)
                let opened = try await store.openCase(
                    NewCase(module: "inquiry", type: "inquiry", title: "As the app", owningAgency: "MET", country: "GB"), by: actor)
                _ = try await store.runTransition(.init(caseID: opened.id, transition: "activate", actor: actor))
                try await AccessLog(client: client, logger: db.logger).record(actor: "ivy", caseID: opened.id, action: "read")

                // And it cannot rewrite history, nor switch the append-only triggers off.
                for attack in [
                    "UPDATE case_events SET actor = 'someone else'",
                    "DELETE FROM case_events",
                    "TRUNCATE case_events",
                    "DELETE FROM access_log",
                    "UPDATE admin_log SET actor = 'x'",
                    "SET session_replication_role = replica",
                    "ALTER TABLE case_events DISABLE TRIGGER case_events_append_only",
                    "INSERT INTO schema_migrations (module, version, name, checksum, applied_at) VALUES ('x', 1, 'x', 'x', now())",
                ] {
                    let refused = await #expect(throws: PSQLError.self, "\(attack)") {
                        try await client.query(PostgresQuery(unsafeSQL: attack), logger: db.logger)
                    }
                    #expect(refused?.serverInfo?[.sqlState] == "42501", "\(attack): \(String(reflecting: refused))")
                }
            }
            #expect(try await db.store.verifyChains().isIntact)
        }
    }

    @Test func theServerRefusesToServeAsASuperuserUnlessAllowedAndMigratesAsTheOwner() async throws {
        try await TestDatabase.with(modules: [ServerTestModule()]) { db async throws in
            var logger = Logger(label: "dossier.roles.test")
            logger.logLevel = .critical
            var privileged = ServerConfiguration(database: try DatabaseURL(db.url).clientConfiguration)
            privileged.databaseCheckTimeout = .seconds(30)   // a loaded test machine is not an outage
            privileged.runsTimerScheduler = false
            let refusing = try buildApplication(configuration: privileged, modules: [ServerTestModule()], logger: logger)
            let refusal = await #expect(throws: PrivilegedDatabaseRole.self) {
                try await refusing.test(.router) { _ in }
            }
            #expect(refusal?.problems.contains { $0.hasSuffix("is a superuser") } == true)

            // As the application role, migrating (and granting) as the owner: it serves.
            let role = "srv_" + db.name.suffix(12)
            try await db.client.withConnection { connection in
                try await ApplicationRole.ensureLoginRole(role, password: "not-used-on-trust", on: connection, logger: db.logger)
            }
            var configuration = ServerConfiguration(database: try DatabaseURL(db.url).clientConfiguration)
            configuration.databaseCheckTimeout = .seconds(30)   // a loaded test machine is not an outage
            configuration.database.username = role
            configuration.migrationDatabase = try DatabaseURL(db.url).clientConfiguration
            configuration.runsTimerScheduler = false
            let users = try await TestUsers.create(in: db)
            let app = try buildApplication(configuration: configuration, modules: [ServerTestModule()], logger: logger)
            try await app.test(.router) { client in
                let opened = try await client.execute(
                    uri: "/api/v1/cases", method: .post, headers: users.headers("ivy"),
                    body: ByteBuffer(string: #"{"module": "inquiry", "type": "inquiry", "title": "Least privilege", "country": "GB"}"#))
                #expect(opened.status == .created, "\(String(buffer: opened.body))")
            }
        }
    }
}
