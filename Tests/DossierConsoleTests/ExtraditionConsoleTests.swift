import DossierConsole
import DossierCore
import DossierPostgres
import DossierTesting
import Extradition
import ExtraditionConsole
import Foundation
import HTTPTypes
import PostgresNIO
import Testing

/// The extradition module's console pages, on a clock that starts at 25 March 2026,
/// 12:00 UTC (Paris is UTC+1 until 29 March, then UTC+2). Worked out by hand from the
/// European Convention on Extradition (ECE) and its 3rd Protocol, periods counted from
/// the day after the arrest, each ending at midnight in Paris:
///
/// | step (typed in the form) | rule | last day | due (UTC) |
/// |---|---|---|---|
/// | provisional arrest "2026-03-23T10:30" Paris = 09:30 UTC, two days before now | ECE Art. 16(4), 18 days, may release | 10 Apr | 10 Apr 22:00 |
/// | the same | ECE Art. 16(4), 40 days, must release | 2 May | 2 May 22:00 |
/// | the same | 3rd Protocol Art. 6, 10 days | 2 Apr | 2 Apr 22:00 |
/// | corrected to "2026-03-21T08:00" Paris = 07:00 UTC | ECE Art. 16(4), 18 days | 8 Apr | 8 Apr 22:00 |
/// | the same | ECE Art. 16(4), 40 days | 30 Apr | 30 Apr 22:00 |
/// Serialized, and with passwords only for the users who sign in: each bcrypt hash costs
/// a quarter of a second of a core, which the suites running beside these need.
@Suite(.serialized) struct ExtraditionConsoleTests {
    static let start = Date(timeIntervalSince1970: 1_774_440_000)   // 2026-03-25T12:00:00Z

    func withExtraditionConsole(_ body: @Sendable @escaping (Browser, TestDatabase) async throws -> Void) async throws {
        try await withConsole(passwords: ["lee", "ana"], clock: MovableClock(startingAt: Self.start), modules: [Extradition()], body)
    }

    /// Opens an ECE extradition (the US asks France) of `user`'s agency, located on 1 March;
    /// `lee`, legal staff, joins those of MET as the case's lawyer.
    func openExtradition(_ db: TestDatabase, by user: String, title: String = "Extradition of V. Sokolov") async throws -> Case {
        let actor = ConsoleUsers.actor(user)
        let person = try await db.store.createPerson(NewPerson(latinName: "Viktor Sokolov"), by: actor)
        let attributes = ExtraditionAttributes(
            personID: person.id, requestingState: "US", requestedState: "FR", instrument: "ece-1957",
            offences: [Offence(description: "wire fraud", legalProvision: "18 U.S.C. §1343", maximumPenalty: "20 years")])
        let opened = try await db.store.openCase(
            NewCase(
                module: Extradition.moduleID, type: Extradition.caseTypeName, title: title, classification: .confidential,
                owningAgency: actor.agency!, country: "FR", attributes: try JSONValue(encoding: attributes)),
            by: actor)
        if actor.agency == "MET" {
            _ = try await db.store.addMember(caseID: opened.id, userID: "lee", role: .legal, reason: "the case's lawyer", by: actor)
        }
        return try await db.store.runTransition(TransitionRequest(
            caseID: opened.id, transition: "locate", inputs: ["occurred_at": .string("2026-03-01T08:00:00Z")], actor: actor)).case
    }

    func date(_ text: String) throws -> Date { try Date(text, strategy: .iso8601) }

    func extraditions(_ db: TestDatabase) -> ExtraditionStore { ExtraditionStore(cases: db.store, logger: db.logger) }

    /// Records the provisional arrest through the case page's form, as a lawyer would.
    func recordArrest(_ browser: inout Browser, _ found: Case, at local: String) async throws -> Browser.Page {
        let page = try await browser.get("/console/cases/\(found.reference)")
        #expect(page.body.contains("read as the clock in Europe/Paris showed it"))
        return try await browser.post("/console/cases/\(found.reference)/transitions/provisionally_arrest", [
            ("csrf", page.csrf ?? ""), ("version", page.value(of: "version") ?? ""), ("input.occurred_at", local),
            ("input.custody", "custody"),
        ])
    }

    @Test func anArrestTypedAsParisTimeTwoDaysAgoCountsItsDeadlinesFromThen() async throws {
        try await withExtraditionConsole { browser, db in
            var browser = browser
            let found = try await openExtradition(db, by: "ivy")
            try await browser.signIn("lee")
            let answer = try await recordArrest(&browser, found, at: "2026-03-23T10:30")
            #expect(answer.status == .seeOther)

            let steps = try await extraditions(db).steps(caseID: found.id)
            let arrest = try #require(steps.last)
            #expect(arrest.transition == "provisionally_arrest")
            #expect(arrest.occurredAt == (try date("2026-03-23T09:30:00Z")))
            #expect(arrest.recordedAt > arrest.occurredAt.addingTimeInterval(2 * 86_400 - 60))
            let open = Dictionary(
                try await extraditions(db).deadlines(caseID: found.id).filter(\.isOpen).map { ($0.timer, $0) }) { first, _ in first }
            #expect(open[.request]?.lastDay?.description == "2026-04-10")
            #expect(open[.request]?.dueAt == (try date("2026-04-10T22:00:00Z")))
            #expect(open[.requestLimit]?.lastDay?.description == "2026-05-02")
            #expect(open[.requestLimit]?.dueAt == (try date("2026-05-02T22:00:00Z")))
            #expect(open[.consentNotice]?.dueAt == (try date("2026-04-02T22:00:00Z")))

            // The case page's panel shows the step's effective and recorded times and the deadlines where counted.
            let page = try await browser.get("/console/cases/\(found.reference)")
            #expect(page.body.contains("Legal steps and deadlines"))
            #expect(page.body.contains("2026-03-23 10:30 Europe/Paris"))
            #expect(page.body.contains("2026-04-11 00:00 Europe/Paris"))
            #expect(page.body.contains("last day 2026-05-02"))
            #expect(page.body.contains("ECE 1957 Art. 16(4): provisional arrest shall in no event exceed 40 days"))
        }
    }

    @Test func aLocalTimeThatIsNotOneIsRefusedOnItsFieldAndNothingIsRecorded() async throws {
        try await withExtraditionConsole { browser, db in
            var browser = browser
            let found = try await openExtradition(db, by: "ivy")
            try await browser.signIn("lee")
            let answer = try await recordArrest(&browser, found, at: "2026-02-30T10:30")
            #expect(answer.status == .unprocessableContent)
            #expect(answer.body.contains("is not a date and time"))
            #expect(try await extraditions(db).steps(caseID: found.id).count == 1)
        }
    }

    @Test func aCorrectionFromThePanelRecomputesTheDeadlinesAndShowsOldAndNew() async throws {
        try await withExtraditionConsole { browser, db in
            var browser = browser
            let found = try await openExtradition(db, by: "ivy")
            try await browser.signIn("lee")
            _ = try await recordArrest(&browser, found, at: "2026-03-23T10:30")
            let arrest = try #require(try await extraditions(db).steps(caseID: found.id).last)
            let page = try await browser.get("/console/cases/\(found.reference)")
            let refused = try await browser.post("/console/extradition/cases/\(found.reference)/step-corrections", [
                ("csrf", page.csrf ?? ""), ("step", arrest.id.uuidString), ("occurred_at", "2026-03-21T08:00"),
            ])
            #expect(refused.location == "/console/cases/\(found.reference)#extradition-steps")
            #expect(try await extraditions(db).steps(caseID: found.id).last?.corrections.isEmpty == true)

            let corrected = try await browser.post("/console/extradition/cases/\(found.reference)/step-corrections", [
                ("csrf", page.csrf ?? ""), ("step", arrest.id.uuidString), ("occurred_at", "2026-03-21T08:00"),
                ("reason", "the arrest report gives 21 March, 08:00"),
            ])
            #expect(corrected.status == .seeOther)
            let open = Dictionary(
                try await extraditions(db).deadlines(caseID: found.id).filter(\.isOpen).map { ($0.timer, $0) }) { first, _ in first }
            #expect(open[.request]?.dueAt == (try date("2026-04-08T22:00:00Z")))
            #expect(open[.requestLimit]?.dueAt == (try date("2026-04-30T22:00:00Z")))
            let after = try await browser.get("/console/cases/\(found.reference)")
            #expect(after.body.contains("was 2026-03-23 10:30 Europe/Paris, now 2026-03-21 08:00 Europe/Paris"))
            #expect(after.body.contains("Superseded"))
        }
    }

    @Test func aDocumentIsRegisteredAgainstTheChecklistAndABadOneWritesNothing() async throws {
        try await withExtraditionConsole { browser, db in
            var browser = browser
            let found = try await openExtradition(db, by: "ivy")
            try await browser.signIn("lee")
            let page = try await browser.get("/console/cases/\(found.reference)")
            #expect(page.body.contains("Still missing: Arrest warrant, Statement of facts, Legal provisions, Translation"))
            let hash = String(repeating: "ab", count: 32)
            let bad = try await browser.post("/console/extradition/cases/\(found.reference)/documents", [
                ("csrf", page.csrf ?? ""), ("kind", "arrest_warrant"), ("title", "Warrant, Lyon"), ("sha256", "abc"),
            ])
            #expect(bad.location == "/console/cases/\(found.reference)#extradition-documents")
            let refused = try await browser.get(try #require(bad.location))
            #expect(refused.body.contains("Not registered: sha256 &#39;abc&#39; must be 64 hexadecimal digits"))
            #expect(try await extraditions(db).documents(caseID: found.id).isEmpty)

            let good = try await browser.post("/console/extradition/cases/\(found.reference)/documents", [
                ("csrf", page.csrf ?? ""), ("kind", "arrest_warrant"), ("title", "Warrant, District Court Lyon"),
                ("language", "FR"), ("received_on", "2026-03-04"), ("file_name", "warrant.pdf"), ("sha256", hash.uppercased()),
            ])
            #expect(good.status == .seeOther)
            let documents = try await extraditions(db).documents(caseID: found.id)
            #expect(documents.count == 1)
            #expect(documents.first?.language == "fr")
            #expect(documents.first?.receivedOn?.description == "2026-03-04")
            #expect(documents.first?.sha256 == hash)
            let after = try await browser.get("/console/cases/\(found.reference)")
            #expect(after.body.contains("Still missing: Statement of facts, Legal provisions, Translation"))
            #expect(after.body.contains(hash))

            // An analyst reads cases; registering is not theirs, whatever they may see.
            var analyst = Browser(browser.client)
            try await analyst.signIn("ana")
            let form = try await analyst.get("/console/")
            let denied = try await analyst.post("/console/extradition/cases/\(found.reference)/documents", [
                ("csrf", form.csrf ?? ""), ("kind", "translation"), ("title", "Translation"), ("sha256", hash),
            ])
            #expect(denied.status == .forbidden)
            #expect(try await extraditions(db).documents(caseID: found.id).count == 1)
        }
    }

    @Test func theBoardHoldsOnlyVisibleDeadlinesOverdueFirstAndFilters() async throws {
        try await withExtraditionConsole { browser, db in
            var browser = browser
            let mine = try await openExtradition(db, by: "ivy", title: "Extradition of V. Sokolov")
            let theirs = try await openExtradition(db, by: "otto", title: "Extradition elsewhere")
            for found in [mine, theirs] {
                _ = try await db.store.runTransition(TransitionRequest(
                    caseID: found.id, transition: "provisionally_arrest",
                    inputs: ["occurred_at": .string("2026-03-10T09:00:00Z"), "custody": .string("custody")],
                    actor: ConsoleUsers.actor(found.id == mine.id ? "lee" : "otto")))
            }
            try await browser.signIn("lee")
            let board = try await browser.get("/console/extradition/board")
            #expect(board.status == .ok)
            #expect(board.body.contains(mine.reference))
            #expect(!board.body.contains(theirs.reference))
            #expect(board.body.contains("Viktor Sokolov"))
            #expect(board.body.contains("must release"))
            // Consent notice (3rd Protocol, 10 days from 10 March) ran out on 20 March: overdue, first.
            let overdue = try #require(board.body.range(of: "class=\"overdue\""))
            let request = try #require(board.body.range(of: "Request limit"))
            #expect(overdue.lowerBound < request.lowerBound)
            #expect(board.body.contains("1 overdue"))

            let elsewhere = try await browser.get("/console/extradition/board?requested=de")
            #expect(!elsewhere.body.contains(mine.reference))
            #expect(elsewhere.body.contains("No open deadline matches these filters"))
            let wrong = try await browser.get("/console/extradition/board?custody=jail")
            #expect(wrong.status == .badRequest)
            #expect(wrong.body.contains("custody &#39;jail&#39; is not one of at_large, custody, bail or released"))
            let wrongState = try await browser.get("/console/extradition/board?requesting=USA")
            #expect(wrongState.status == .badRequest)
            #expect(wrongState.body.contains("requesting state &#39;USA&#39; must be a two-letter ISO 3166-1 code"))
        }
    }

    @Test func theCalendarFeedHoldsExactlyTheVisibleDeadlinesAndDiesWhenReset() async throws {
        try await withExtraditionConsole { browser, db in
            var browser = browser
            let mine = try await openExtradition(db, by: "ivy")
            let theirs = try await openExtradition(db, by: "otto")
            for (found, user) in [(mine, "lee"), (theirs, "otto")] {
                _ = try await db.store.runTransition(TransitionRequest(
                    caseID: found.id, transition: "provisionally_arrest",
                    inputs: ["occurred_at": .string("2026-03-23T09:30:00Z"), "custody": .string("custody")],
                    actor: ConsoleUsers.actor(user)))
            }
            try await browser.signIn("lee")
            let board = try await browser.get("/console/extradition/board")
            let made = try await browser.post("/console/extradition/calendar", [("csrf", board.csrf ?? ""), ("action", "reset")])
            #expect(made.status == .ok)
            let path = try #require(Self.feedPath(in: made.body))
            #expect(Self.feedAddress(in: made.body)?.hasPrefix("http") == true)

            var calendar = Browser(browser.client)   // a calendar program: no cookie
            let feed = try await calendar.get(path)
            #expect(feed.status == .ok)
            #expect(feed.headers[.contentType] == "text/calendar; charset=utf-8")
            let visible = try await extraditions(db).board(visibleTo: ConsoleUsers.actor("lee"), limit: 500)
            #expect(visible.count == 3)
            #expect(feed.body.components(separatedBy: "BEGIN:VEVENT").count - 1 == visible.count)
            for entry in visible { #expect(feed.body.contains("UID:\(entry.deadline.id.uuidString.lowercased())@dossier-extradition")) }
            #expect(feed.body.contains("DTSTART;VALUE=DATE:20260410"))
            // Unfolded (RFC 5545 §3.1), so a fold cannot hide a name.
            let unfolded = feed.body.replacingOccurrences(of: "\r\n ", with: "")
            #expect(!unfolded.contains(theirs.reference))
            #expect(!unfolded.contains("Sokolov") && !unfolded.contains("Lee"))
            #expect(!unfolded.contains("DTEND:"))   // instants have none; all-day events end the next day
            #expect(feed.body.split(separator: "\r\n", omittingEmptySubsequences: false).allSatisfy { $0.utf8.count <= 75 })

            let again = try await browser.get("/console/extradition/board")
            #expect(Self.feedAddress(in: again.body) == nil)   // shown once only
            let reset = try await browser.post("/console/extradition/calendar", [("csrf", again.csrf ?? ""), ("action", "reset")])
            #expect(try await calendar.get(path).status == .notFound)
            let newPath = try #require(Self.feedPath(in: reset.body))
            #expect(newPath != path)
            #expect(try await calendar.get(newPath).status == .ok)
            _ = try await browser.post("/console/extradition/calendar", [("csrf", again.csrf ?? ""), ("action", "stop")])
            #expect(try await calendar.get(newPath).status == .notFound)
            #expect(try await calendar.get("/console/extradition/calendar/not-a-token.ics").status == .notFound)

            // A disabled user's feed answers nothing.
            let feedAgain = try #require(Self.feedPath(in: try await browser.post(
                "/console/extradition/calendar", [("csrf", again.csrf ?? ""), ("action", "reset")]).body))
            #expect(try await calendar.get(feedAgain).status == .ok)
            _ = try await UserStore(client: db.client, clock: db.clock, logger: db.logger).disableUser(id: "lee", by: ConsoleUsers.actor("admin"))
            #expect(try await calendar.get(feedAgain).status == .notFound)
            // Each fetch is in the access log, under the feed's owner.
            let fetches = try await db.client.query(
                "SELECT count(*)::int FROM access_log WHERE actor = 'lee' AND action = 'calendar-feed'", logger: db.logger)
            for try await count in fetches.decode(Int.self) { #expect(count == 3) }
        }
    }

    @Test func anotherAgencysExtraditionIsTheSame404ForItsPanelAndItsCorrection() async throws {
        try await withExtraditionConsole { browser, db in
            var browser = browser
            let theirs = try await openExtradition(db, by: "otto")
            try await browser.signIn("lee")
            let page = try await browser.get("/console/cases/\(theirs.reference)")
            #expect(page.status == .notFound)
            let board = try await browser.get("/console/extradition/board")
            let correction = try await browser.post("/console/extradition/cases/\(theirs.reference)/step-corrections", [
                ("csrf", board.csrf ?? ""), ("step", UUID().uuidString), ("occurred_at", "2026-03-21T08:00"), ("reason", "probe"),
            ])
            #expect(correction.status == .notFound)
            let missing = try await browser.post("/console/extradition/cases/EXT-2026-999999/step-corrections", [
                ("csrf", board.csrf ?? ""), ("step", UUID().uuidString), ("occurred_at", "2026-03-21T08:00"), ("reason", "probe"),
            ])
            #expect(missing.status == .notFound)
            let (shown, absent) = (correction.body, missing.body)
            #expect(Self.problem(in: shown)?.replacingOccurrences(of: theirs.reference, with: "REF")
                == Self.problem(in: absent)?.replacingOccurrences(of: "EXT-2026-999999", with: "REF"))
        }
    }

    /// A local date and time: exactly as a `datetime-local` field posts it, on a day and at
    /// a time the zone's clock shows (Paris moves from 02:00 to 03:00 on 29 March 2026 and
    /// back from 03:00 to 02:00 on 25 October).
    @Test func aLocalTimeIsReadStrictlyAndOnlyWhenTheClockShowsIt() throws {
        let paris = try #require(TimeZone(identifier: "Europe/Paris"))
        #expect(LocalDateTime(parsing: "2026-03-23T10:30")?.instant(in: paris) == (try date("2026-03-23T09:30:00Z")))
        #expect(LocalDateTime(parsing: "2026-03-23T10:30:15")?.instant(in: paris) == (try date("2026-03-23T09:30:15Z")))
        for malformed in ["2026-3-23T10:30", "20263-03-23T10:30", "2026-03-23 10:30", "2026-03-23T+1:30", "2026-13-01T10:30", "2026-03-23T24:00"] {
            #expect(LocalDateTime(parsing: malformed) == nil, "\(malformed)")
        }
        #expect(LocalDateTime(parsing: "2026-02-30T10:30")?.instant(in: paris) == nil)
        #expect(LocalDateTime(parsing: "2026-03-29T02:30")?.instant(in: paris) == nil)   // skipped
        #expect(LocalDateTime(parsing: "2026-10-25T02:30")?.instant(in: paris) == (try date("2026-10-25T00:30:00Z")))   // the earlier
    }

    /// What the modules' forms read a posted time with: an offset given wins; a local
    /// time is read on the zone's clock; each refusal names the field and what is allowed.
    @Test func aPostedTimeIsReadOnTheZonesClockOrRefusedSayingWhy() throws {
        let paris = try #require(TimeZone(identifier: "Europe/Paris"))
        #expect(try LocalDateTime.instant("2026-03-23T10:30", in: paris, field: "x") == (try date("2026-03-23T09:30:00Z")))
        #expect(try LocalDateTime.instant("2026-03-23T10:30:00Z", in: paris, field: "x") == (try date("2026-03-23T10:30:00Z")))
        #expect(LocalDateTime.text(try date("2026-03-31T22:00:00Z"), in: paris) == "2026-04-01T00:00")
        #expect(throws: DossierError.invalidInput("give when it started")) {
            try LocalDateTime.instant(nil, in: paris, field: "when it started")
        }
        #expect(throws: DossierError.invalidInput("when it started '23/03/2026' is not a date and time: give YYYY-MM-DDTHH:MM")) {
            try LocalDateTime.instant("23/03/2026", in: paris, field: "when it started")
        }
        #expect(throws: DossierError.invalidInput(
            "when it started '2026-03-29T02:30' is not a time the clock showed in Europe/Paris (a day that does not exist, or an "
                + "hour skipped when the clock went forward)")) {
            try LocalDateTime.instant("2026-03-29T02:30", in: paris, field: "when it started")
        }
    }

    /// The problem a page states.
    static func problem(in body: String) -> String? {
        guard let start = body.range(of: "<p class=\"problem\">") else { return nil }
        return String(body[start.upperBound...].prefix { $0 != "<" })
    }

    /// The path of the feed address shown on the page.
    static func feedPath(in body: String) -> String? {
        guard let address = feedAddress(in: body), let start = address.range(of: "/console/") else { return nil }
        return String(address[start.lowerBound...])
    }

    /// The feed address shown once after it is made.
    static func feedAddress(in body: String) -> String? {
        guard let start = body.range(of: "<code id=\"feed-url\">") else { return nil }
        return String(body[start.upperBound...].prefix { $0 != "<" })
    }
}
