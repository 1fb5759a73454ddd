import DossierConsole
import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import HTTPTypes
import HummingbirdOTP
import PostgresNIO
import Testing

/// The second factor, temporary passwords, a user's own account page, and what an
/// administrator changes about a user.
@Suite("Console: accounts, second factor and user administration", .serialized)
struct ConsoleAccountTests {
    /// The user's TOTP key, as their authenticator app holds it.
    func secret(of user: String, _ db: TestDatabase) async throws -> String {
        let rows = try await db.client.query("SELECT secret FROM user_second_factors WHERE user_id = \(user)", logger: db.logger)
        for try await secret in rows.decode(String.self) { return secret }
        throw DossierError.notFound("no key for \(user)")
    }

    func users(_ db: TestDatabase) -> UserStore { UserStore(client: db.client, clock: db.clock, logger: db.logger) }

    /// The code an authenticator app shows now, six digits.
    func code(_ secret: String, at date: Date) -> String {
        let value = TOTP(secret: secret).compute(date: date)
        return String(repeating: "0", count: 6 - String(value).count) + String(value)
    }

    /// Sets up ivy's second factor through her account page; the key.
    func enrol(_ browser: inout Browser, _ db: TestDatabase, clock: MovableClock) async throws -> String {
        let account = try await browser.get("/console/account")
        #expect(account.body.contains("Set up a second factor"))
        #expect(try await browser.post("/console/account/second-factor", [("csrf", account.csrf!)]).status == .seeOther)
        let pending = try await browser.get("/console/account")
        let key = try await secret(of: "ivy", db)
        #expect(pending.body.contains("<code id=\"factor-key\">"))
        #expect(pending.body.contains("otpauth://totp/Dossier:ivy?secret="))
        let wrong = try await browser.post(
            "/console/account/second-factor/confirm", [("csrf", pending.csrf!), ("password", ConsoleUsers.password), ("code", "000000")])
        #expect(wrong.status == .unprocessableContent || code(key, at: clock.clock.now()) == "000000")
        // Whoever holds the session without the password cannot tie the account to their phone.
        let noPassword = try await browser.post(
            "/console/account/second-factor/confirm", [("csrf", pending.csrf!), ("code", code(key, at: clock.clock.now()))])
        #expect(noPassword.status == .unprocessableContent)
        #expect(noPassword.body.contains("id=\"factor-password-problem\""))
        let confirmed = try await browser.post(
            "/console/account/second-factor/confirm",
            [("csrf", pending.csrf!), ("password", ConsoleUsers.password), ("code", code(key, at: clock.clock.now()))])
        #expect(confirmed.status == .seeOther)
        #expect(try await browser.get(confirmed.location!).body.contains("Signing in asks for a code"))
        return key
    }

    @Test("with a second factor, the password opens only the code form; a right code signs in once, under a new cookie")
    func secondFactor() async throws {
        let clock = MovableClock()
        try await withConsole(passwords: ["ivy"], clock: clock) { browser, db in
            var ivy = browser
            try await ivy.signIn("ivy")
            let key = try await enrol(&ivy, db, clock: clock)
            let enrolled = try await AdminLog(client: db.client, logger: db.logger).entries(subject: "ivy").map(\.action)
            #expect(enrolled.contains(.secondFactorEnrolled))
            clock.advance(by: 30)   // the code that confirmed the key is spent

            var again = Browser(browser.client)
            let password = try await again.signIn("ivy")
            #expect(password.location == "/console/sign-in/code?next=/console/")
            let waiting = try #require(again.cookies["dossier_session"])
            // Halfway in, nothing opens but the code form.
            let cases = try await again.get("/console/cases")
            #expect(cases.status == .seeOther)
            #expect(cases.location == "/console/sign-in/code?next=/console/cases")
            let form = try await again.get("/console/sign-in/code?next=/console/cases")
            #expect(form.status == .ok)
            #expect(form.body.contains("inputmode=\"numeric\""))
            #expect(!form.body.contains("id=\"search-box\""), "no search, no navigation")
            let wrongCode = code(key, at: clock.clock.now().addingTimeInterval(-600))
            let refused = try await again.post("/console/sign-in/code", [("csrf", form.csrf!), ("code", wrongCode), ("next", "/console/cases")])
            #expect(refused.status == .forbidden)
            #expect(refused.body.contains("aria-invalid=\"true\""))
            let right = code(key, at: clock.clock.now())
            let signedIn = try await again.post("/console/sign-in/code", [("csrf", form.csrf!), ("code", right), ("next", "/console/cases")])
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.location == "/console/cases")
            #expect(again.cookies["dossier_session"] != waiting, "the session that carried only the password gets a new cookie")
            #expect(try await again.get("/console/cases").status == .ok)
            var stale = Browser(browser.client)
            stale.cookies["dossier_session"] = waiting
            #expect(try await stale.get("/console/cases").location?.hasPrefix("/console/sign-in?next=") == true, "the old cookie is dead")
            let log = try await AdminLog(client: db.client, logger: db.logger).entries(subject: "ivy")
            #expect(log.contains { $0.action == .signedIn && $0.detail.objectValue?["second_factor"] == .bool(true) })
            #expect(log.contains { $0.action == .signInFailed && $0.detail.objectValue?["factor"] == .string("code") })

            // The same code again, within its 30 seconds, is refused: it was used.
            var replay = Browser(browser.client)
            try await replay.signIn("ivy")
            let replayForm = try await replay.get("/console/sign-in/code")
            #expect(try await replay.post("/console/sign-in/code", [("csrf", replayForm.csrf!), ("code", right)]).status == .forbidden)
            clock.advance(by: 30)
            #expect(try await replay.post("/console/sign-in/code", [("csrf", replayForm.csrf!), ("code", code(key, at: clock.clock.now()))]).status == .seeOther)
        }
    }

    @Test("wrong codes count as failed sign-ins: the fifth locks the name and ends the waiting session")
    func codeLockout() async throws {
        let clock = MovableClock()
        try await withConsole(passwords: ["ivy"], clock: clock, console: ConsoleConfiguration(signIn: Self.quickPolicy)) { browser, db in
            var ivy = browser
            try await ivy.signIn("ivy")
            let key = try await enrol(&ivy, db, clock: clock)
            var guesser = Browser(browser.client)
            try await guesser.signIn("ivy")
            let form = try await guesser.get("/console/sign-in/code")
            let wrong = code(key, at: clock.clock.now().addingTimeInterval(-3600))
            for _ in 0..<4 { #expect(try await guesser.post("/console/sign-in/code", [("csrf", form.csrf!), ("code", wrong)]).status == .forbidden) }
            let locked = try await guesser.post("/console/sign-in/code", [("csrf", form.csrf!), ("code", wrong)])
            #expect(locked.status == .tooManyRequests)
            #expect(guesser.cookies["dossier_session"] == nil, "the waiting session ended")
            // Locked, even the password and a right code do nothing until the lock lifts.
            var later = Browser(browser.client)
            #expect(try await later.signIn("ivy").status == .tooManyRequests)
            #expect(try await AdminLog(client: db.client, logger: db.logger).entries(subject: "ivy").contains { $0.action == .lockedOut })
        }
    }

    @Test("a session's holder guessing the password on the account page is counted like a sign-in: locked out, the session ends")
    func accountFormsAreThrottled() async throws {
        try await withConsole(passwords: ["ivy"], console: ConsoleConfiguration(signIn: Self.quickPolicy)) { browser, db in
            var ivy = browser
            try await ivy.signIn("ivy")
            let account = try await ivy.get("/console/account")
            let guess: [(String, String)] = [
                ("csrf", account.csrf!), ("current", "a guess at her password"), ("password", "a new passphrase here"),
                ("again", "a new passphrase here"),
            ]
            for _ in 0..<4 {
                let refused = try await ivy.post("/console/account/password", guess)
                #expect(refused.status == .unprocessableContent)
                #expect(refused.body.contains("id=\"pw-current-problem\">Your password is not right"))
            }
            let locked = try await ivy.post("/console/account/password", guess)
            #expect(locked.status == .tooManyRequests)
            #expect(ivy.cookies["dossier_session"] == nil)
            let log = try await AdminLog(client: db.client, logger: db.logger).entries(subject: "ivy").map(\.action)
            #expect(log.contains(.lockedOut) && log.filter { $0 == .signInFailed }.count == 5)
            var again = Browser(browser.client)
            #expect(try await again.signIn("ivy").status == .tooManyRequests, "the name is locked at the sign-in form too")
        }
    }

    @Test("a session waiting for its code posts nothing anywhere else; a factor removed meanwhile sends it back to sign in")
    func waitingSessionsPostNothing() async throws {
        let clock = MovableClock()
        try await withConsole(passwords: ["ivy", "admin"], clock: clock) { browser, db in
            let theirs = try await openInquiry(db, by: "ivy")
            var ivy = browser
            try await ivy.signIn("ivy")
            let key = try await enrol(&ivy, db, clock: clock)
            var waiting = Browser(browser.client)
            try await waiting.signIn("ivy")
            let form = try await waiting.get("/console/sign-in/code")
            for (path, fields) in [
                ("/console/cases/bulk", [("action", "transition"), ("transition", "activate"), ("case", theirs.reference)]),
                ("/console/account/second-factor", []), ("/console/account/preferences", []),
                ("/console/cases/\(theirs.reference)/notes", [("text", "written while waiting")]),
            ] {
                let posted = try await waiting.post(path, [("csrf", form.csrf!)] + fields)
                #expect(posted.status == .seeOther && posted.location?.hasPrefix("/console/sign-in/code") == true, "\(path)")
            }
            #expect(try await db.store.getCase(id: theirs.id).version == theirs.version, "nothing was written")
            _ = try await users(db).removeSecondFactor(of: "ivy", reason: "lost phone", by: .system)
            let after = try await waiting.post("/console/sign-in/code", [("csrf", form.csrf!), ("code", code(key, at: clock.clock.now()))])
            #expect(after.location == "/console/sign-in?ended=1")
            let failures = try await db.client.query("SELECT count(*)::int FROM sign_in_failures WHERE user_id = 'ivy'", logger: db.logger)
            for try await count in failures.decode(Int.self) { #expect(count == 0, "not counted as a guess") }
        }
    }

    static var quickPolicy: SignInPolicy {
        var policy = SignInPolicy()
        policy.delayStep = .zero
        return policy
    }

    @Test("a user removes their own second factor with password and code; an admin removes a lost one with a reason")
    func removingTheSecondFactor() async throws {
        let clock = MovableClock()
        try await withConsole(passwords: ["ivy", "admin"], clock: clock) { browser, db in
            var ivy = browser
            try await ivy.signIn("ivy")
            var key = try await enrol(&ivy, db, clock: clock)
            clock.advance(by: 30)
            let account = try await ivy.get("/console/account")
            let badPassword = try await ivy.post("/console/account/second-factor/remove", [
                ("csrf", account.csrf!), ("password", "not my password at all"), ("code", code(key, at: clock.clock.now())),
            ])
            #expect(badPassword.status == .unprocessableContent)
            #expect(badPassword.body.contains("id=\"remove-problem\""))
            let removed = try await ivy.post("/console/account/second-factor/remove", [
                ("csrf", account.csrf!), ("password", ConsoleUsers.password), ("code", code(key, at: clock.clock.now())),
            ])
            #expect(removed.status == .seeOther)
            #expect(try await users(db).secondFactor(of: "ivy") == .none)

            clock.advance(by: 30)
            key = try await enrol(&ivy, db, clock: clock)
            var admin = Browser(browser.client)
            try await admin.signIn("admin")
            let page = try await admin.get("/console/admin/users/ivy")
            #expect(page.body.contains("A code from an authenticator app, since"))
            let unexplained = try await admin.post("/console/admin/users/ivy/second-factor/remove", [("csrf", page.csrf!)])
            #expect(unexplained.status == .unprocessableContent)
            #expect(unexplained.body.contains("give a reason"))
            let ownRemoval = try await admin.post(
                "/console/admin/users/admin/second-factor/remove", [("csrf", page.csrf!), ("reason", "mine")])
            #expect(ownRemoval.status == .unprocessableContent, "an admin's own goes through their account page, with password and code")
            let reset = try await admin.post(
                "/console/admin/users/ivy/second-factor/remove", [("csrf", page.csrf!), ("reason", "lost phone, seen in person")])
            #expect(reset.status == .seeOther)
            var next = Browser(browser.client)
            #expect(try await next.signIn("ivy").location == "/console/", "the password alone signs in again")
            let entry = try await AdminLog(client: db.client, logger: db.logger).entries(subject: "ivy").first { $0.action == .secondFactorRemoved && $0.actor == "admin" }
            #expect(entry?.detail.objectValue?["reason"] == .string("lost phone, seen in person"))
            _ = key
        }
    }

    @Test("an admin changes roles, agency and clearance with a reason; the user's next page follows")
    func changingAUser() async throws {
        try await withConsole(passwords: ["ivy", "admin"]) { browser, db in
            let theirs = try await openInquiry(db, by: "ivy")
            var ivy = browser
            try await ivy.signIn("ivy")
            #expect(try await ivy.get("/console/cases/\(theirs.reference)").status == .ok)
            var admin = Browser(browser.client)
            try await admin.signIn("admin")
            let page = try await admin.get("/console/admin/users/ivy")
            #expect(page.body.contains("<input type=\"checkbox\" name=\"role\" value=\"investigator\" checked>"))
            let fields: [(String, String)] = [("csrf", page.csrf!), ("name", "Ivy"), ("role", "analyst"), ("agency", "JCF"), ("clearance", "restricted")]
            let unexplained = try await admin.post("/console/admin/users/ivy", fields)
            #expect(unexplained.status == .unprocessableContent)
            #expect(unexplained.body.contains("aria-describedby=\"d-reason-help d-reason-problem\" aria-invalid=\"true\""))
            #expect(unexplained.body.contains("value=\"JCF\""), "what was typed is kept")
            let noRole = try await admin.post("/console/admin/users/ivy", [("csrf", page.csrf!), ("agency", "JCF"), ("clearance", "secret"), ("reason", "x")])
            #expect(noRole.body.contains("id=\"d-roles-problem\""))
            let saved = try await admin.post("/console/admin/users/ivy", fields + [("reason", "seconded to JCF")])
            #expect(saved.status == .seeOther)
            let home = try await ivy.get("/console/")
            #expect(home.body.contains("(analyst, JCF)"))
            #expect(try await ivy.get("/console/cases/\(theirs.reference)").status == .ok, "she is still a member of her case")
            let entry = try #require(try await AdminLog(client: db.client, logger: db.logger).entries(subject: "ivy").first { $0.action == .userChanged })
            #expect(entry.detail.objectValue?["agency"] == ["from": "MET", "to": "JCF"])
            #expect(entry.detail.objectValue?["clearance"] == ["from": "secret", "to": "restricted"])
            #expect(entry.detail.objectValue?["reason"] == .string("seconded to JCF"))
            let own = try await admin.get("/console/admin/users/admin")
            #expect(own.body.contains("Your password") && !own.body.contains("Disable admin"), "an admin's own page offers no self-disabling")
            let demoted = try await admin.post(
                "/console/admin/users/admin", [("csrf", own.csrf!), ("role", "auditor"), ("agency", "DOSSIER"), ("clearance", "official"), ("reason", "x")])
            #expect(demoted.status == .unprocessableContent)
            #expect(demoted.body.contains("You cannot take the admin role from yourself"))
        }
    }

    @Test("an admin issues a token shown once, then revokes it; enabling a disabled user leaves their old tokens revoked")
    func tokensAndEnabling() async throws {
        try await withConsole(passwords: ["admin"]) { browser, db in
            var admin = browser
            try await admin.signIn("admin")
            let page = try await admin.get("/console/admin/users/ivy")
            #expect(page.body.contains("No tokens."))
            let badDays = try await admin.post("/console/admin/users/ivy/tokens", [("csrf", page.csrf!), ("expires_days", "forever"), ("reason", "r")])
            #expect(badDays.body.contains("id=\"t-days-problem\""))
            let issued = try await admin.post(
                "/console/admin/users/ivy/tokens", [("csrf", page.csrf!), ("label", "import script"), ("expires_days", "30"), ("reason", "nightly import")])
            #expect(issued.status == .created)
            let token = try #require(issued.body.range(of: "<code id=\"issued-token\">").map { String(issued.body[$0.upperBound...].prefix(68)) })
            #expect(token.hasPrefix("dsr_"))
            #expect(try await users(db).authenticate(token: token)?.id == "ivy")
            let flashes = try await db.client.query("SELECT count(*) FROM console_sessions WHERE flash LIKE '%dsr_%'", logger: db.logger)
            for try await count in flashes.decode(Int.self) { #expect(count == 0, "the secret is never kept") }
            let listed = try await admin.get("/console/admin/users/ivy")
            #expect(listed.body.contains("import script") && listed.body.contains("nightly import") && listed.body.contains(">active<"))
            let id = try #require(try await users(db).tokens(of: "ivy").first?.id)
            #expect(try await admin.post("/console/admin/users/sam/tokens/\(id)/revoke", [("csrf", page.csrf!)]).status == .notFound,
                    "a token is revoked under its own user only")
            #expect(try await admin.post("/console/admin/users/ivy/tokens/\(id)/revoke", [("csrf", page.csrf!)]).status == .seeOther)
            #expect(try await users(db).authenticate(token: token) == nil)

            let second = try await users(db).issueToken(userID: "ivy", label: "laptop")
            #expect(try await admin.post("/console/admin/users/ivy/disable", [("csrf", page.csrf!)]).status == .seeOther)
            let disabled = try await admin.get("/console/admin/users/ivy")
            let unexplained = try await admin.post("/console/admin/users/ivy/enable", [("csrf", disabled.csrf!)])
            #expect(unexplained.body.contains("id=\"status-problem\""))
            #expect(try await admin.post("/console/admin/users/ivy/enable", [("csrf", disabled.csrf!), ("reason", "back from leave")]).status == .seeOther)
            #expect(try await users(db).user(id: "ivy").isDisabled == false)
            #expect(try await users(db).authenticate(token: second.token) == nil, "a token from before stays revoked")
            let own = try await admin.post("/console/admin/users/admin/disable", [("csrf", page.csrf!)])
            #expect(own.status == .unprocessableContent)
        }
    }

    @Test("a user turns single-key shortcuts off, and the pages say so to the script")
    func shortcuts() async throws {
        try await withConsole(passwords: ["ivy"]) { browser, _ in
            var ivy = browser
            try await ivy.signIn("ivy")
            let on = try await ivy.get("/console/account")
            #expect(on.body.contains("<body>"))
            #expect(on.body.contains("press /"))
            #expect(try await ivy.post("/console/account/preferences", [("csrf", on.csrf!)]).status == .seeOther)
            let off = try await ivy.get("/console/")
            #expect(off.body.contains("<body data-shortcuts=\"off\">"))
            #expect(!off.body.contains("press /"))
            _ = try await ivy.post("/console/account/preferences", [("csrf", on.csrf!), ("shortcuts", "on")])
            #expect(try await ivy.get("/console/").body.contains("<body>"))
        }
    }
}
