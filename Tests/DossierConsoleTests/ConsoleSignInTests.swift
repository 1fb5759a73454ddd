import DossierConsole
import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import HTTPTypes
import PostgresNIO
import Testing

@Suite("Console: signing in, sessions and lockout", .serialized)
struct ConsoleSignInTests {
    @Test("sign-in sets an HttpOnly, SameSite=Strict session cookie and every page carries the security headers")
    func signsIn() async throws {
        try await withConsole(passwords: ["lee"]) { browser, db in
            var browser = browser
            let form = try await browser.get("/console/sign-in")
            #expect(form.status == .ok)
            #expect(form.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("script-src 'self'") == true)
            #expect(form.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("frame-ancestors 'none'") == true)
            #expect(form.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(form.headers[.cacheControl] == "no-store")
            let signedIn = try await browser.signIn("lee")
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.location == "/console/")
            let cookie = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("dossier_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/console"))
            #expect(!cookie.contains("Secure"), "plain HTTP from a client that is not a trusted proxy")
            let home = try await browser.get("/console/")
            #expect(home.status == .ok)
            #expect(home.body.contains("<a href=\"/console/account\" title=\"Your account: password, second factor, keyboard\">Lee</a> <span class=\"muted\">(legal, MET)</span>"))
            let log = try await AdminLog(client: db.client, logger: db.logger).entries(subject: "lee")
            #expect(log.map(\.action).contains(.signedIn))
        }
    }

    @Test("a wrong password is refused with the name kept, and no session starts")
    func refusesWrongPassword() async throws {
        try await withConsole(passwords: ["lee"]) { browser, _ in
            var browser = browser
            let refused = try await browser.signIn("lee", password: "not the password at all")
            #expect(refused.status == .forbidden)
            #expect(refused.body.contains("do not match an active account"))
            #expect(refused.body.contains("value=\"lee\""))
            #expect(browser.cookies["dossier_session"] == nil)
            #expect(try await browser.get("/console/").status == .seeOther)
        }
    }

    @Test("a sign-in form posted without its cookie's token, or from another site, is refused")
    func signInNeedsItsToken() async throws {
        try await withConsole(passwords: ["lee"]) { browser, _ in
            var browser = browser
            _ = try await browser.get("/console/sign-in")
            let forged = try await browser.post("/console/sign-in", [("csrf", "0" + String(repeating: "a", count: 63)), ("user", "lee"), ("password", ConsoleUsers.password)])
            #expect(forged.status == .forbidden)
            let form = try await browser.get("/console/sign-in")
            let crossSite = try await browser.post(
                "/console/sign-in", [("csrf", form.csrf!), ("user", "lee"), ("password", ConsoleUsers.password)],
                headers: [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"])
            #expect(crossSite.status == .forbidden)
            #expect(browser.cookies["dossier_session"] == nil)
        }
    }

    @Test("signing out ends the session in the database: the old cookie no longer works")
    func signsOut() async throws {
        try await withConsole(passwords: ["ivy"]) { browser, db in
            var browser = browser
            try await browser.signIn("ivy")
            let session = try #require(browser.cookies["dossier_session"])
            let home = try await browser.get("/console/")
            let out = try await browser.post("/console/sign-out", [("csrf", home.csrf!)])
            #expect(out.status == .seeOther)
            #expect(out.location == "/console/sign-in?signed_out=1")
            browser.cookies["dossier_session"] = session   // a copy of the cookie kept elsewhere
            let after = try await browser.get("/console/cases")
            #expect(after.status == .seeOther)
            #expect(after.location?.hasPrefix("/console/sign-in?next=") == true)
            let log = try await AdminLog(client: db.client, logger: db.logger).entries(subject: "ivy")
            #expect(log.map(\.action).contains(.signedOut))
        }
    }

    @Test("a session ends after the idle timeout and after its lifetime, and when its user is disabled")
    func sessionsExpire() async throws {
        let clock = MovableClock()
        let policy = ConsoleConfiguration(sessions: SessionPolicy(idleTimeout: .seconds(30 * 60), lifetime: .seconds(2 * 3600)))
        try await withConsole(passwords: ["ivy", "sam"], clock: clock, console: policy) { browser, db in
            var browser = browser
            try await browser.signIn("ivy")
            clock.advance(by: 29 * 60)
            #expect(try await browser.get("/console/").status == .ok, "used within the idle timeout")
            clock.advance(by: 29 * 60)
            #expect(try await browser.get("/console/").status == .ok, "each use restarts the idle timeout")
            clock.advance(by: 31 * 60)
            let idle = try await browser.get("/console/")
            #expect(idle.status == .seeOther)
            #expect(idle.location?.contains("ended=1") == true)

            try await browser.signIn("ivy")
            for _ in 0..<5 {
                clock.advance(by: 25 * 60)
                _ = try await browser.get("/console/")
            }
            #expect(try await browser.get("/console/").status == .seeOther, "past the 2 h lifetime, however busy")

            var other = Browser(browser.client)
            try await other.signIn("sam")
            #expect(try await other.get("/console/").status == .ok)
            _ = try await UserStore(client: db.client, clock: db.clock, logger: db.logger).disableUser(id: "sam")
            #expect(try await other.get("/console/").status == .seeOther, "a disabled user's session ends at once")
        }
    }

    @Test("a page view within a minute of the last recorded use only reads its session; a later one records it")
    func sessionsAreTouchedOncePerMinute() async throws {
        let clock = MovableClock()
        try await withConsole(passwords: ["ivy"], clock: clock) { browser, db in
            var browser = browser
            try await browser.signIn("ivy")
            func lastSeen() async throws -> Date {
                let rows = try await db.client.query("SELECT last_seen_at FROM console_sessions WHERE user_id = 'ivy'", logger: db.logger)
                for try await seen in rows.decode(Date.self) { return seen }
                throw DossierError.notFound("session")
            }
            let signedIn = try await lastSeen()
            clock.advance(by: 30)
            #expect(try await browser.get("/console/").status == .ok)
            #expect(try await lastSeen() == signedIn, "read, not written")
            clock.advance(by: 31)
            #expect(try await browser.get("/console/").status == .ok)
            #expect(try await lastSeen() > signedIn, "a minute on, the use is recorded")
        }
    }

    @Test("repeated failures lock the name, even against the right password, and the admin log says so")
    func locksOut() async throws {
        var signIn = SignInPolicy()
        signIn.failuresBeforeUserLockout = 3
        signIn.delayStep = .milliseconds(10)
        let clock = MovableClock()
        try await withConsole(passwords: ["ivy"], clock: clock, console: ConsoleConfiguration(signIn: signIn)) { browser, db in
            var browser = browser
            #expect(try await browser.signIn("ivy", password: "wrong password 1").status == .forbidden)
            #expect(try await browser.signIn("ivy", password: "wrong password 2").status == .forbidden)
            let locked = try await browser.signIn("ivy", password: "wrong password 3")
            #expect(locked.status == .tooManyRequests)
            #expect(locked.body.contains("Too many failed sign-ins"))
            let stillLocked = try await browser.signIn("ivy")
            #expect(stillLocked.status == .tooManyRequests, "the right password does not lift the lock")
            #expect(browser.cookies["dossier_session"] == nil)
            clock.advance(by: 16 * 60)
            #expect(try await browser.signIn("ivy").status == .seeOther, "the lock lifts after 15 minutes")
            let actions = try await AdminLog(client: db.client, logger: db.logger).entries(subject: "ivy").map(\.action)
            #expect(actions.filter { $0 == .signInFailed }.count == 3)
            #expect(actions.contains(.lockedOut))
        }
    }

    @Test("a lock lasts its own time from the failure that caused it, not just while the failures stay in the window")
    func lockLastsItsTime() async throws {
        var signIn = SignInPolicy()
        signIn.failuresBeforeUserLockout = 3
        signIn.window = .seconds(15 * 60)
        signIn.lockout = .seconds(60 * 60)
        signIn.delayStep = .milliseconds(1)
        let clock = MovableClock()
        try await withConsole(passwords: ["ivy"], clock: clock, console: ConsoleConfiguration(signIn: signIn)) { browser, _ in
            var browser = browser
            for attempt in 1...3 { _ = try await browser.signIn("ivy", password: "wrong password \(attempt)") }
            clock.advance(by: 20 * 60)
            let still = try await browser.signIn("ivy")
            #expect(still.status == .tooManyRequests, "20 minutes on, the failures left the window but the hour's lock holds")
            #expect(still.headers[.retryAfter].flatMap(Int.init).map { (2300...2400).contains($0) } == true)
            clock.advance(by: 41 * 60)
            #expect(try await browser.signIn("ivy").status == .seeOther)
        }
    }

    @Test("parallel guesses get no more tries than sequential ones")
    func parallelGuessesAreSerialised() async throws {
        var signIn = SignInPolicy()
        signIn.failuresBeforeUserLockout = 3
        signIn.delayStep = .milliseconds(1)
        signIn.concurrentChecks = 20
        try await withConsole(passwords: ["ivy"], console: ConsoleConfiguration(signIn: signIn)) { browser, db in
            var first = browser
            let form = try await first.get("/console/sign-in")
            let token = try #require(form.csrf)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for attempt in 0..<8 {
                    group.addTask {
                        var guesser = browser
                        guesser.cookies["dossier_sign_in"] = token
                        return try await guesser.post(
                            "/console/sign-in", [("csrf", token), ("user", "ivy"), ("password", "guess number \(attempt)")]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .forbidden }.count == 2)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 6)
            let rows = try await db.client.query("SELECT count(*) FROM sign_in_failures WHERE user_id = 'ivy'", logger: db.logger)
            for try await count in rows.decode(Int.self) { #expect(count == 3, "three guesses checked, then locked") }
        }
    }

    @Test("a failure on a name that is no user is logged without the text typed")
    func unknownNamesAreNotLogged() async throws {
        try await withConsole(passwords: []) { browser, db in
            var browser = browser
            #expect(try await browser.signIn("my secret passphrase", password: "x").status == .forbidden)
            let entries = try await AdminLog(client: db.client, logger: db.logger).entries()
            #expect(entries.contains { $0.action == .signInFailed && $0.subject == "(unknown user)" })
            #expect(!entries.contains { $0.subject.contains("secret") })
        }
    }

    @Test("old failed sign-ins and long-ended sessions are purged; live ones are kept")
    func purgesOldRecords() async throws {
        try await withConsole(passwords: ["ivy", "sam"]) { browser, db in
            var ended = browser
            try await ended.signIn("ivy")
            let home = try await ended.get("/console/")
            _ = try await ended.post("/console/sign-out", [("csrf", home.csrf!)])
            var live = Browser(browser.client)
            try await live.signIn("sam")
            var guesser = Browser(browser.client)
            #expect(try await guesser.signIn("nobody", password: "wrong guess").status == .forbidden)
            let now = db.now
            #expect(try await db.store.purgeConsoleRecords(now: now) == (0, 0), "nothing is old yet")
            let day = try await db.store.purgeConsoleRecords(now: now.addingTimeInterval(CaseStore.signInFailureRetention + 60))
            #expect(day.failures == 1 && day.sessions == 0)
            let month = try await db.store.purgeConsoleRecords(now: now.addingTimeInterval(CaseStore.endedSessionRetention + 60))
            #expect(month.sessions == 1, "the signed-out session; the live one's lifetime has not run out 30 days ago")
            #expect(try await live.get("/console/").status == .ok, "a live session is never purged")
            let later = try await db.store.purgeConsoleRecords(now: now.addingTimeInterval(CaseStore.endedSessionRetention + 12 * 3600 + 60))
            #expect(later.sessions == 1, "30 days after its 12-hour lifetime ran out, the other one goes too")
            #expect(try await live.get("/console/").status == .seeOther)
        }
    }

    @Test("passwords: bcrypt cost 12, the length rule, and a new password ends the user's sessions")
    func passwords() async throws {
        try await withConsole(passwords: ["ivy"]) { browser, db in
            var browser = browser
            let users = UserStore(client: db.client, clock: db.clock, logger: db.logger)
            await #expect(throws: DossierError.self) { try await users.setPassword("short", forUser: "ivy") }
            _ = try await users.createUser(id: "investigator.one", displayName: "One", roles: [.investigator], agency: "MET", clearance: .secret)
            let ownID = await #expect(throws: DossierError.self) { try await users.setPassword("Investigator.One", forUser: "investigator.one") }
            #expect(ownID?.message == "a password must not be the user's own id")
            let rows = try await db.client.query("SELECT hash FROM user_passwords WHERE user_id = 'ivy'", logger: db.logger)
            var hashes: [String] = []
            for try await hash in rows.decode(String.self) { hashes.append(hash) }
            #expect(hashes.count == 1)
            #expect(hashes.first?.hasPrefix("$2b$12$") == true)
            try await browser.signIn("ivy")
            #expect(try await browser.get("/console/").status == .ok)
            try await users.setPassword("a brand new passphrase", forUser: "ivy")
            #expect(try await browser.get("/console/").status == .seeOther)
        }
    }
}
