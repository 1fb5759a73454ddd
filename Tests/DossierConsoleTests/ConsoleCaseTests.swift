import DossierConsole
import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import HTTPTypes
import Testing

@Suite("Console: cases, transitions and access", .serialized)
struct ConsoleCaseTests {
    @Test("another agency's case is the same 404 page as a case that does not exist, and reveals nothing")
    func hiddenCaseIsNotFound() async throws {
        try await withConsole(passwords: ["ivy"]) { browser, db in
            var browser = browser
            let theirs = try await openInquiry(db, by: "otto", title: "Jamaica Constabulary secret matter")
            try await browser.signIn("ivy")
            let hidden = try await browser.get("/console/cases/\(theirs.reference)")
            let missing = try await browser.get("/console/cases/INQ-2026-999999")
            #expect(hidden.status == .notFound)
            #expect(missing.status == .notFound)
            #expect(!hidden.body.contains("Jamaica Constabulary"))
            #expect(hidden.body(naming: theirs.reference) == missing.body(naming: "INQ-2026-999999"))
            let byID = try await browser.get("/console/cases/\(theirs.id.uuidString)")
            #expect(byID.status == .notFound)
            let search = try await browser.get("/console/search?q=\(theirs.reference)")
            #expect(search.status == .ok, "a reference the user may not see is not followed")
            #expect(!search.body.contains("Jamaica Constabulary"))
        }
    }

    @Test("a notice id in the search box goes straight to the person who carries it, if the user may see them")
    func noticeSearch() async throws {
        try await withConsole(passwords: ["ivy"]) { browser, db in
            var browser = browser
            let mine = try await openInquiry(db, by: "ivy")
            let wanted = try await db.store.createPerson(
                NewPerson(latinName: "Viktor Wanted", notices: [Notice(kind: .red, id: "2021/75051")]), by: ConsoleUsers.actor("ivy"))
            _ = try await db.store.addParty(caseID: mine.id, personID: wanted.id, role: .fugitive, by: ConsoleUsers.actor("ivy"))
            let theirs = try await openInquiry(db, by: "otto")
            let hidden = try await db.store.createPerson(
                NewPerson(latinName: "Hidden Wanted", notices: [Notice(kind: .red, id: "2019/11111")]), by: ConsoleUsers.actor("otto"))
            _ = try await db.store.addParty(caseID: theirs.id, personID: hidden.id, role: .fugitive, by: ConsoleUsers.actor("otto"))
            try await browser.signIn("ivy")
            for typed in ["2021/75051", "2021-75051", " 2021/75051 "] {
                let found = try await browser.get("/console/search?q=\(Browser.encode(typed))")
                #expect(found.location == "/console/persons/\(wanted.id.uuidString.lowercased())", "\(typed)")
            }
            let other = try await browser.get("/console/search?q=2019%2F11111")
            #expect(other.status == .ok, "another agency's fugitive is not found, and nothing says they exist")
            #expect(!other.body.contains("Hidden Wanted"))
        }
    }

    @Test("a hidden person is the same 404 page as a missing one; a form on a hidden case writes nothing")
    func hiddenPersonsAndForms() async throws {
        try await withConsole(passwords: ["ivy"]) { browser, db in
            var browser = browser
            let theirs = try await openInquiry(db, by: "otto", title: "Their case")
            let person = try await db.store.createPerson(NewPerson(latinName: "Quentin Hidden", nationalities: ["JM"]), by: ConsoleUsers.actor("otto"))
            _ = try await db.store.addParty(caseID: theirs.id, personID: person.id, role: .suspect, by: ConsoleUsers.actor("otto"))
            let before = try await db.store.getCase(id: theirs.id)
            try await browser.signIn("ivy")
            let hidden = try await browser.get("/console/persons/\(person.id.uuidString.lowercased())")
            let missing = try await browser.get("/console/persons/\(UUID().uuidString.lowercased())")
            #expect(hidden.status == .notFound && missing.status == .notFound)
            #expect(!hidden.body.contains("Quentin"))
            #expect(!(try await browser.get("/console/persons?q=quentin+hidden")).body.contains("Quentin"))
            let home = try await browser.get("/console/")
            let posted = try await browser.post(
                "/console/cases/\(theirs.reference)/transitions/activate", [("csrf", home.csrf!), ("version", "\(before.version)")])
            #expect(posted.status == .notFound)
            let noted = try await browser.post("/console/cases/\(theirs.reference)/notes", [("csrf", home.csrf!), ("text", "mine now")])
            #expect(noted.status == .notFound)
            let current = try await db.store.getCase(id: theirs.id)
            #expect(current.state == "open" && current.version == before.version)
            #expect(try await browser.get("/console/no/such/page").status == .notFound)
        }
    }

    @Test("a form sent after the session ended goes back to its page after signing in; the message outlives asset requests")
    func endedSessionsAndMessages() async throws {
        let clock = MovableClock()
        try await withConsole(passwords: ["ivy"], clock: clock) { browser, db in
            var browser = browser
            let mine = try await openInquiry(db, by: "ivy", activated: true)
            try await browser.signIn("ivy")
            let page = try await browser.get("/console/cases/\(mine.reference)")
            clock.advance(by: 31 * 60)
            let ended = try await browser.post(
                "/console/cases/\(mine.reference)/notes", [("csrf", page.csrf!), ("text", "late note")],
                headers: [.referer: "http://localhost/console/cases/\(mine.reference)"])
            #expect(ended.status == .seeOther)
            #expect(ended.location == "/console/sign-in?next=/console/cases/\(mine.reference)&ended=1")
            let form = try await browser.get(ended.location!)
            #expect(form.body.contains("Your session ended"))
            let back = try await browser.post(
                "/console/sign-in",
                [("csrf", form.csrf!), ("user", "ivy"), ("password", ConsoleUsers.password), ("next", form.value(of: "next")!)])
            #expect(back.location == "/console/cases/\(mine.reference)")
            let fresh = try await browser.get(back.location!)
            let noted = try await browser.post("/console/cases/\(mine.reference)/notes", [("csrf", fresh.csrf!), ("text", "a note")])
            #expect(noted.status == .seeOther)
            #expect(try await browser.get("/console/assets/console.css").status == .ok)
            #expect(try await browser.get(noted.location!).body.contains("Note added."), "the stylesheet did not take the message")
        }
    }

    @Test("a case page shows fields, timers with their legal basis, the chain, and logs the read")
    func showsACase() async throws {
        try await withConsole(passwords: ["ivy"]) { browser, db in
            var browser = browser
            let mine = try await openInquiry(db, by: "ivy", activated: true)
            try await browser.signIn("ivy")
            let page = try await browser.get("/console/cases/\(mine.reference)")
            #expect(page.status == .ok)
            #expect(page.body.contains("Missing ledger"))
            #expect(page.body.contains("Policy 3 s.2: report within 7 days"))
            #expect(page.body.contains("badge must"))
            #expect(page.body.contains("chain verified"))
            #expect(page.body.contains("Inquiry panel for \(mine.reference)"), "the module's case panel")
            #expect(page.body.contains("Escalate"), "a blocked transition is listed")
            #expect(page.body.contains("needs the role admin"), "with the reason it is blocked")
            let log = try await AccessLog(client: db.client, logger: db.logger).entries(caseID: mine.id)
            #expect(log.contains { $0.actor == "ivy" && $0.action == "read" && $0.source.hasPrefix("console;") })
        }
    }

    @Test("a transition's required input is checked next to its field, the input kept; then it runs, post-redirect-get")
    func runsATransition() async throws {
        try await withConsole(passwords: ["ivy"]) { browser, db in
            var browser = browser
            let mine = try await openInquiry(db, by: "ivy", activated: true)
            try await browser.signIn("ivy")
            let page = try await browser.get("/console/cases/\(mine.reference)")
            let path = "/console/cases/\(mine.reference)/transitions/close"
            let version = try #require(page.value(of: "version"))
            let missing = try await browser.post(path, [("csrf", page.csrf!), ("version", version), ("input.closed_on", "2026-13-40")])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.body.contains("Required: give text."))
            #expect(missing.body.contains("is not a date (YYYY-MM-DD)"))
            #expect(missing.body.contains("value=\"2026-13-40\""), "the input is kept")
            #expect(try await db.store.getCase(id: mine.id).state == "active")
            let done = try await browser.post(path, [("csrf", page.csrf!), ("version", version), ("input.reason", "Ledger found")])
            #expect(done.status == .seeOther)
            #expect(done.location == "/console/cases/\(mine.reference)")
            let after = try await browser.get(done.location!)
            #expect(after.body.contains("Done: Close — the case is now Closed."))
            #expect(try await db.store.getCase(id: mine.id).state == "closed")
            #expect(!(try await browser.get(done.location!)).body.contains("Done: Close"), "the message shows once")
        }
    }

    @Test("a form sent against an older version changes nothing and shows what changed since")
    func staleFormShowsChanges() async throws {
        try await withConsole(passwords: ["ivy"]) { browser, db in
            var browser = browser
            let mine = try await openInquiry(db, by: "ivy", activated: true)
            try await browser.signIn("ivy")
            let page = try await browser.get("/console/cases/\(mine.reference)")
            _ = try await db.store.addNote(caseID: mine.id, text: "Sam moved the ledger to evidence", by: ConsoleUsers.actor("sam"))
            let stale = try await browser.post(
                "/console/cases/\(mine.reference)/transitions/close",
                [("csrf", page.csrf!), ("version", page.value(of: "version")!), ("seen", page.value(of: "seen")!), ("input.reason", "Done")])
            #expect(stale.status == .conflict)
            #expect(stale.body.contains("This case changed since you opened it"))
            #expect(stale.body.contains("Sam moved the ledger to evidence"))
            #expect(stale.body.contains("badge new"))
            #expect(try await db.store.getCase(id: mine.id).state == "active")
        }
    }

    @Test("a form without its CSRF token, with a wrong one, or from another origin writes nothing")
    func refusesForgedForms() async throws {
        try await withConsole(passwords: ["ivy"]) { browser, db in
            var browser = browser
            let mine = try await openInquiry(db, by: "ivy")
            try await browser.signIn("ivy")
            let page = try await browser.get("/console/cases/\(mine.reference)")
            let path = "/console/cases/\(mine.reference)/transitions/activate"
            let version = page.value(of: "version")!
            #expect(try await browser.post(path, [("version", version)]).status == .forbidden)
            #expect(try await browser.post(path, [("csrf", String(repeating: "0", count: 64)), ("version", version)]).status == .forbidden)
            let crossOrigin = try await browser.post(
                path, [("csrf", page.csrf!), ("version", version)], headers: [HTTPField.Name("Origin")!: "https://attacker.example"])
            #expect(crossOrigin.status == .forbidden)
            #expect(try await browser.post("/console/cases/\(mine.reference)/notes", [("text", "forged")]).status == .forbidden)
            let current = try await db.store.getCase(id: mine.id)
            #expect(current.state == "open")
            #expect(current.version == mine.version)
        }
    }

    @Test("read-only roles see no forms, and a posted transition is refused")
    func readOnlyRoles() async throws {
        try await withConsole(passwords: ["ana"]) { browser, db in
            var browser = browser
            let theirs = try await openInquiry(db, by: "ivy")
            _ = try await db.store.addMember(caseID: theirs.id, userID: "ana", role: .analyst, by: ConsoleUsers.actor("ivy"))
            try await browser.signIn("ana")
            let page = try await browser.get("/console/cases/\(theirs.reference)")
            #expect(page.status == .ok)
            #expect(!page.body.contains("/transitions/activate"))
            #expect(page.body.contains("Your role reads cases"))
            let refused = try await browser.post("/console/cases/\(theirs.reference)/transitions/activate", [("csrf", page.csrf!)])
            #expect(refused.status == .forbidden)
            #expect(try await db.store.getCase(id: theirs.id).state == "open")
        }
    }

    @Test("the case list filters in the URL, counts what the user may see, and exports formula-safe CSV")
    func listsAndExports() async throws {
        try await withConsole(passwords: ["ivy"]) { browser, db in
            var browser = browser
            _ = try await openInquiry(db, by: "ivy", title: "=HYPERLINK(\"http://x\",\"click\")")
            _ = try await openInquiry(db, by: "ivy", title: "Quiet one")
            _ = try await openInquiry(db, by: "otto", title: "Not for MET")
            try await browser.signIn("ivy")
            let all = try await browser.get("/console/cases")
            #expect(all.body.contains("2 cases"))
            #expect(!all.body.contains("Not for MET"))
            let filtered = try await browser.get("/console/cases?q=quiet")
            #expect(filtered.body.contains("1 case"))
            #expect(filtered.body.contains("value=\"quiet\""), "the filter stays in the form")
            let bad = try await browser.get("/console/cases?module=nonesuch")
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains("module &#39;nonesuch&#39; does not exist"))
            let badExport = try await browser.get("/console/export/cases.csv?priority=bogus")
            #expect(badExport.status == .unprocessableContent)
            #expect(badExport.body.contains("priority &#39;bogus&#39; is not one of"))
            let csv = try await browser.get("/console/export/cases.csv")
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.body.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\""))
            #expect(!csv.body.contains("Not for MET"))
        }
    }

    @Test("the case list sorts by last change or next deadline, and filters by classification and agency")
    func listOrders() async throws {
        try await withConsole(passwords: ["sam"]) { browser, db in
            var browser = browser
            let due = try await openInquiry(db, by: "ivy", title: "Report due", activated: true)
            let quiet = try await openInquiry(db, by: "ivy", title: "Quiet")
            _ = try await db.store.addNote(caseID: due.id, text: "Called the witness", by: ConsoleUsers.actor("ivy"))
            _ = try await db.store.openCase(
                NewCase(module: "inquiry", type: "inquiry", title: "Secret one", classification: .secret, owningAgency: "MET", country: "GB"),
                by: ConsoleUsers.actor("ivy"))
            try await browser.signIn("sam")
            let updated = try await browser.get("/console/cases?sort=updated")
            #expect(updated.body.contains("<th scope=\"col\">Last changed</th>"))
            #expect(updated.body.contains("<option value=\"updated\" selected>Last changed first</option>"))
            let deadline = try await browser.get("/console/cases?sort=deadline")
            #expect(deadline.body.contains("<th scope=\"col\">Next deadline</th>"))
            let first = try #require(deadline.body.range(of: due.reference)), second = try #require(deadline.body.range(of: quiet.reference))
            #expect(first.lowerBound < second.lowerBound, "the case with a deadline leads")
            let report = try #require(try await db.store.timers(caseID: due.id).first { $0.name == "report_due" })
            #expect(deadline.body.contains("<td class=\"when\">\(report.dueAt.formatted(Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day().dateSeparator(.dash)).prefix(10)) "))
            let secret = try await browser.get("/console/cases?classification=secret")
            #expect(secret.body.contains("1 case") && secret.body.contains("Secret one"))
            #expect(try await browser.get("/console/cases?agency=jcf").body.contains("0 cases"))
            let badSort = try await browser.get("/console/cases?sort=sideways")
            #expect(badSort.status == .unprocessableContent)
            #expect(badSort.body.contains("sort &#39;sideways&#39; is not one of opened, updated, deadline"))
            let csv = try await browser.get("/console/export/cases.csv?sort=deadline")
            #expect(csv.body.hasPrefix("reference,title,module,type,state,priority,classification,owning_agency,country,opened_at,closed_at,updated_at,next_deadline_at"))
            #expect(csv.body.split(separator: "\r\n")[1].hasPrefix(due.reference))
        }
    }

    @Test("a supervisor's My work lists an overdue deadline once, under overdue, not again under the next 14 days")
    func supervisorsOverdueOnce() async throws {
        let clock = MovableClock()
        try await withConsole(passwords: ["sam"], clock: clock) { browser, db in
            var browser = browser
            let late = try await openInquiry(db, by: "ivy", title: "Late report", activated: true)
            clock.advance(by: 8 * 86_400)
            _ = try await db.store.fireDueTimers()
            let soon = try await openInquiry(db, by: "ivy", title: "Report soon", activated: true)
            try await browser.signIn("sam")
            let page = try await browser.get("/console/")
            let overdue = try #require(page.body.components(separatedBy: "id=\"overdue-heading\"").last?.components(separatedBy: "</section>").first)
            let upcoming = try #require(page.body.components(separatedBy: "id=\"soon-heading\"").last?.components(separatedBy: "</section>").first)
            #expect(overdue.contains(late.reference) && !overdue.contains(soon.reference))
            #expect(upcoming.contains(soon.reference) && !upcoming.contains(late.reference))
        }
    }

    @Test("My work shows a legal officer's deadlines with the legal basis, must and may apart")
    func legalOfficersWork() async throws {
        try await withConsole(passwords: ["lee"]) { browser, db in
            var browser = browser
            let mine = try await openInquiry(db, by: "lee", activated: true)
            try await browser.signIn("lee")
            let home = try await browser.get("/console/")
            #expect(home.body.contains("Legal deadlines"))
            #expect(home.body.contains("Due in the next 7 days"))
            #expect(home.body.contains(mine.reference))
            #expect(home.body.contains("Policy 3 s.2: report within 7 days"))
            #expect(home.body.contains("badge must"))
        }
    }
}
