import DossierCore
import DossierPostgres
@testable import DossierServer
import DossierTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PostgresNIO
import Testing

/// Every administrative action is in a tamper-evident log that auditors read.
@Suite struct AdminLogTests {
    @Test func adminActionsAreLoggedWithWhoDidItAndTokensForOthersNeedAReason() async throws {
        try await withServer { client, db, users in
            let created = try await client.execute(
                uri: "/api/v1/users", method: .post, headers: users.headers("admin"),
                body: json(#"{"id": "s.new", "roles": ["supervisor"], "agency": "MET", "clearance": "secret"}"#))
            #expect(created.status == .created, "\(created.text)")
            let unexplained = try await client.execute(
                uri: "/api/v1/tokens", method: .post, headers: users.headers("admin"), body: json(#"{"user_id": "s.new"}"#))
            #expect(unexplained.status == .unprocessableContent)
            #expect(unexplained.object["detail"] as? String == "a token for s.new lets its holder act as s.new; give a reason (why you issue it for them)")
            let issued = try await client.execute(
                uri: "/api/v1/tokens", method: .post, headers: users.headers("admin"),
                body: json(#"{"user_id": "s.new", "label": "first sign-in", "reason": "new starter, ticket 4411"}"#))
            #expect(issued.status == .created, "\(issued.text)")
            let tokenID = try #require(issued.object["id"] as? String)
            #expect(try await client.execute(uri: "/api/v1/tokens/\(tokenID)", method: .delete, headers: users.headers("admin")).status == .noContent)
            #expect(try await client.execute(uri: "/api/v1/users/s.new/disable", method: .post, headers: users.headers("admin")).status == .ok)

            // Admins do not read it; auditors do.
            #expect(try await client.execute(uri: "/api/v1/audit/admin-log", method: .get, headers: users.headers("admin")).status == .forbidden)
            let log = try await client.execute(uri: "/api/v1/audit/admin-log?user=s.new", method: .get, headers: users.headers("aud"))
            #expect(log.status == .ok, "\(log.text)")
            let entries = log.array
            #expect(entries.map { $0["action"] as? String } == ["user_disabled", "token_revoked", "token_issued", "user_created"])
            #expect(entries.allSatisfy { $0["actor"] as? String == "admin" })
            #expect(((entries[2]["detail"] as? [String: Any])?["reason"] as? String) == "new starter, ticket 4411")
            #expect(((entries[3]["detail"] as? [String: Any])?["clearance"] as? String) == "secret")
            let rows = try await db.client.query("SELECT issued_by, reason FROM api_tokens WHERE id = \(UUID(uuidString: tokenID)!)", logger: db.logger)
            for try await (issuedBy, reason) in rows.decode((String?, String).self) {
                #expect(issuedBy == "admin" && reason == "new starter, ticket 4411")
            }
            let verified = try await client.execute(uri: "/api/v1/audit/admin-log?verify=true", method: .get, headers: users.headers("aud"))
            #expect(verified.object["entries_checked"] as? Int == TestUsers.accounts.count * 2 + 4)
            #expect(verified.object["first_break"] == nil)
        }
    }

    @Test func anEditedOrRemovedEntryIsFoundAndTheTableRefusesChanges() async throws {
        try await TestDatabase.with { db in
            let users = UserStore(client: db.client, logger: db.logger)
            let admin = db.actor(.admin, id: "root.admin", agency: "HQ")
            for id in ["a.one", "a.two", "a.three"] {
                _ = try await users.createUser(id: id, displayName: id, roles: [.analyst], agency: "MET", clearance: .official, by: admin)
            }
            let log = AdminLog(client: db.client, logger: db.logger)
            let intact = try await log.verify()
            #expect(intact.entriesChecked == 3 && intact.isIntact)
            #expect(try await db.store.verifyChains().isIntact)

            await #expect(throws: (any Error).self) {
                try await db.client.query("UPDATE admin_log SET actor = 'someone' WHERE sequence = 2", logger: db.logger)
            }
            await #expect(throws: (any Error).self) {
                try await db.client.query("DELETE FROM admin_log WHERE sequence = 3", logger: db.logger)
            }
            // Past the trigger, as a superuser could: an edit, then a removal, are both caught.
            try await db.asSuperuser("""
                ALTER TABLE admin_log DISABLE TRIGGER admin_log_append_only;
                UPDATE admin_log SET detail = '{"roles": ["admin"], "agency": "MET", "clearance": "secret"}' WHERE sequence = 2;
                """)
            #expect(try await log.verify().firstBreak == "entry 2 was altered: its content does not match its hash")
            let report = try await db.store.verifyChains()
            #expect(!report.isIntact)
            #expect(report.summary.broken.first?.chain == "admin-log")
            try await db.asSuperuser("DELETE FROM admin_log WHERE sequence = 2")
            #expect(try await log.verify().firstBreak == "entry 2 is missing (the next is 3)")
        }
    }
}
