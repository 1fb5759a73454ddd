import DossierConsole
import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import HTTPTypes
import PostgresNIO
import Testing

@Suite("Console: workflows, audit and users", .serialized)
struct ConsoleAdminTests {
    @Test("the workflow page draws each case type as a state table with steps, roles and timers")
    func workflows() async throws {
        try await withConsole(passwords: ["ivy"]) { browser, _ in
            var browser = browser
            try await browser.signIn("ivy")
            let page = try await browser.get("/console/workflows")
            #expect(page.status == .ok)
            #expect(page.body.contains("A new case starts in <strong>Open</strong>"))
            #expect(page.body.contains("<strong>Close</strong> → Closed"))
            #expect(page.body.contains("asks for Reason, Closed on (optional)"))
            #expect(page.body.contains("must: Report due, 7 calendar days (Policy 3 s.2: report within 7 days)"))
            #expect(page.body.contains("closes the case"))
        }
    }

    @Test("auditors read a case's access log and verify the chains; others may not")
    func audit() async throws {
        try await withConsole(passwords: ["ivy", "aud"]) { browser, db in
            var investigator = browser
            let mine = try await openInquiry(db, by: "ivy")
            try await investigator.signIn("ivy")
            _ = try await investigator.get("/console/cases/\(mine.reference)")
            #expect(try await investigator.get("/console/audit").status == .forbidden)
            #expect(!(try await investigator.get("/console/")).body.contains("href=\"/console/audit\""))

            var auditor = Browser(browser.client)
            try await auditor.signIn("aud")
            let log = try await auditor.get("/console/audit?case=\(mine.reference)")
            #expect(log.status == .ok)
            #expect(log.body.contains("<td>ivy</td><td>read</td>"))
            #expect(log.body.contains("Signed in"), "the admin log shows sign-ins")
            let unknown = try await auditor.get("/console/audit?case=INQ-2026-999999")
            #expect(unknown.status == .unprocessableContent)
            let audit = try await auditor.get("/console/audit")
            #expect(try await auditor.get("/console/audit/verify").status == .notFound, "a form only: a GET runs nothing")
            let verified = try await auditor.post("/console/audit/verify", [("csrf", audit.csrf!)])
            #expect(verified.body.contains("<strong>Intact.</strong>"))
            // While another run (on any server) holds the verification's lock, a second is refused.
            let busy = try await db.client.withConnection { other in
                try await other.query("SELECT pg_advisory_lock(hashtextextended('dossier.exclusive:chain-verification', 0))", logger: db.logger)
                let refused = try await auditor.post("/console/audit/verify", [("csrf", audit.csrf!)])
                try await other.query("SELECT pg_advisory_unlock(hashtextextended('dossier.exclusive:chain-verification', 0))", logger: db.logger)
                return refused
            }
            #expect(busy.status == .conflict)
            #expect(busy.body.contains("already running"))
            #expect(try await auditor.post("/console/audit/verify", [("csrf", audit.csrf!)]).body.contains("<strong>Intact.</strong>"), "the lock is free again")
            let reads = try await AccessLog(client: db.client, logger: db.logger).entries(actor: "aud")
            #expect(reads.contains { $0.action == "audit-verify" } && reads.contains { $0.action == "read-access-log" })
        }
    }

    @Test("an admin adds a user, sets their password and disables them; each is in the admin log")
    func users() async throws {
        try await withConsole(passwords: ["admin", "ivy"]) { browser, db in
            var admin = browser
            try await admin.signIn("admin")
            let page = try await admin.get("/console/admin")
            #expect(page.status == .ok)
            let bad = try await admin.post(
                "/console/admin/users", [("csrf", page.csrf!), ("id", "J Ruiz"), ("agency", "MET"), ("role", "investigator"), ("clearance", "secret")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains("<p class=\"field-problem\" id=\"u-id-problem\">User id &#39;J Ruiz&#39; must be"))
            #expect(bad.body.contains("aria-describedby=\"u-id-help u-id-problem\" aria-invalid=\"true\""), "the error is tied to its field")
            #expect(bad.body.contains("value=\"MET\""), "the input is kept")
            let created = try await admin.post(
                "/console/admin/users",
                [("csrf", page.csrf!), ("id", "j.ruiz"), ("name", "Julia Ruiz"), ("agency", "MET"), ("role", "investigator"), ("clearance", "secret")])
            #expect(created.status == .seeOther)
            #expect(created.location == "/console/admin/users/j.ruiz")
            let differ = try await admin.post(
                "/console/admin/users/j.ruiz/password", [("csrf", page.csrf!), ("password", "first passphrase"), ("again", "second passphrase")])
            #expect(differ.status == .unprocessableContent)
            let unexplained = try await admin.post(
                "/console/admin/users/j.ruiz/password", [("csrf", page.csrf!), ("password", "julia's passphrase"), ("again", "julia's passphrase")])
            #expect(unexplained.status == .unprocessableContent)
            #expect(unexplained.body.contains("give a reason"), "setting someone else's password says why")
            let set = try await admin.post(
                "/console/admin/users/j.ruiz/password",
                [("csrf", page.csrf!), ("password", "julia's passphrase"), ("again", "julia's passphrase"), ("reason", "new starter")])
            #expect(set.status == .seeOther)
            var julia = Browser(browser.client)
            #expect(try await julia.signIn("j.ruiz", password: "julia's passphrase").status == .seeOther)
            let first = try await julia.get("/console/")
            #expect(first.location == "/console/account?next=/console/", "a password an admin set is replaced before anything opens")
            let choose = try await julia.get(first.location!)
            #expect(choose.body.contains("An administrator set the password you signed in with"))
            #expect(!choose.body.contains("href=\"/console/cases\""), "no navigation until it is replaced")
            let chosen = try await julia.post("/console/account/password", [
                ("csrf", choose.csrf!), ("current", "julia's passphrase"), ("password", "julia's own passphrase"),
                ("again", "julia's own passphrase"), ("next", "/console/"),
            ])
            #expect(chosen.location == "/console/")
            #expect(try await julia.get("/console/").status == .ok)
            #expect(try await julia.get("/console/admin").status == .forbidden)
            let juliasPage = try await julia.get("/console/")
            let forged = try await julia.post(
                "/console/admin/users", [("csrf", juliasPage.csrf!), ("id", "mallory"), ("agency", "MET"), ("role", "admin"), ("clearance", "secret")])
            #expect(forged.status == .forbidden)
            #expect(try await db.client.query("SELECT 1 FROM users WHERE id = 'mallory'", logger: db.logger).collect().isEmpty)
            let disabled = try await admin.post("/console/admin/users/j.ruiz/disable", [("csrf", page.csrf!)])
            #expect(disabled.status == .seeOther)
            #expect(try await julia.get("/console/").status == .seeOther, "her session ended")
            let actions = try await AdminLog(client: db.client, logger: db.logger).entries(subject: "j.ruiz").map(\.action)
            #expect(actions.contains(.userCreated) && actions.contains(.passwordSet) && actions.contains(.userDisabled))
            let passwordSet = try await AdminLog(client: db.client, logger: db.logger).entries(subject: "j.ruiz").first { $0.action == .passwordSet && $0.actor == "admin" }
            #expect(passwordSet?.detail.objectValue?["reason"] == .string("new starter"))
            #expect(passwordSet?.detail.objectValue?["temporary"] == .bool(true))
            #expect(try await admin.post("/console/admin/users/nobody/disable", [("csrf", page.csrf!)]).status == .notFound)
        }
    }
}
