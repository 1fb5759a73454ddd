import DossierConsole
import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import HTTPTypes
import PostgresNIO
import SurveillanceLogs
import SurveillanceLogsConsole
import Testing

/// The surveillance module's console pages, on a clock that starts at 25 March 2026,
/// 12:00 UTC (London is on GMT until 29 March, then BST, UTC+1). Worked out by hand from
/// the Regulation of Investigatory Powers Act 2000 (RIPA), periods ending at midnight in
/// London, the issuing authority's clock:
///
/// | typed in the form (London) | instant (UTC) | rule | result |
/// |---|---|---|---|
/// | takes effect "2026-03-20T09:00" | 20 Mar 09:00 | | |
/// | ends "2026-06-20T00:00" | 19 Jun 23:00 | s.43(3)(c): 3 months beginning with the day it took effect, 20 Mar to 19 Jun | recorded: the latest end |
/// | ends "2026-06-20T00:01" | 19 Jun 23:01 | the same | refused: a minute too long |
/// | renewed to "2026-09-20T00:00" | 19 Sep 23:00 | s.43(4): 3 months beginning with the day it would have ceased, 20 Jun to 19 Sep | renewed |
/// | entry "2026-03-24T21:15" | 24 Mar 21:15 | inside the period, subject and method covered | recorded |
/// | entry "2026-03-20T08:30" | 20 Mar 08:30 | before it took effect | refused |
/// | entry "2026-03-25T12:30" after the cancellation at 12:00 | 25 Mar 12:30 | cancelled from 12:00 on | refused |
///
/// Time left at 25 Mar 12:00 UTC until 19 Jun 23:00 UTC: 86 days (25 Mar to 19 Jun) and 11 hours;
/// the test clock runs, so the page, drawn seconds later, shows 86 d 10 h (rounded down).
/// Had the end been read as UTC (20 Jun 00:00 UTC), it would show 86 d 11 h.
@Suite(.serialized) struct SurveillanceConsoleTests {
    static let start = Date(timeIntervalSince1970: 1_774_440_000)   // 2026-03-25T12:00:00Z

    func withSurveillanceConsole(
        checkpoints: URL? = nil, _ body: @Sendable @escaping (Browser, TestDatabase) async throws -> Void
    ) async throws {
        try await withConsole(
            passwords: ["ivy", "sam", "otto", "lee"], clock: MovableClock(startingAt: Self.start), modules: [SurveillanceLogs()],
            checkpointDirectory: checkpoints, body)
    }

    func date(_ text: String) throws -> Date { try Date(text, strategy: .iso8601) }

    func logs(_ db: TestDatabase) -> SurveillanceStore { SurveillanceStore(cases: db.store, logger: db.logger) }

    /// Opens an operation of MET as sam, with ivy on it as an investigator.
    func openOperation(_ db: TestDatabase) async throws -> Case {
        let sam = ConsoleUsers.actor("sam")
        let opened = try await db.store.openCase(
            NewCase(
                module: SurveillanceLogs.moduleID, type: SurveillanceLogs.caseTypeName, title: "Operation Kestrel",
                classification: .secret, owningAgency: "MET", country: "GB",
                attributes: try JSONValue(encoding: OperationAttributes(objective: "supply chain", jurisdiction: "GB"))),
            by: sam)
        _ = try await db.store.addMember(caseID: opened.id, userID: "ivy", role: .investigator, by: sam)
        return opened
    }

    /// A RIPA authorisation for `subject`, visual only, from 20 March 09:00 (London) to
    /// `end` (by default the end of 19 June, London), recorded by sam through the store.
    func authorise(
        _ db: TestDatabase, _ found: Case, reference: String = "DS-2026-0412", subject: String = "Daniel Pryce",
        end: String = "2026-06-19T23:00:00Z"
    ) async throws -> Authorisation {
        try await logs(db).createAuthorisation(
            caseID: found.id,
            NewAuthorisation(
                reference: reference, legalBasis: "uk-ripa-directed", issuingAuthority: "Supt K. Walsh",
                applicant: "DI R. Shah", approver: "Supt K. Walsh", subjects: [subject], methods: [.visual],
                validFrom: try date("2026-03-20T09:00:00Z"), validTo: try date(end)),
            by: ConsoleUsers.actor("sam"))
    }

    /// Records a RIPA directed-surveillance authorisation through the panel's form.
    func recordAuthorisation(_ browser: inout Browser, _ found: Case, to end: String) async throws -> Browser.Page {
        let page = try await browser.get("/console/cases/\(found.reference)")
        return try await browser.post("/console/surveillance/cases/\(found.reference)/authorisations", [
            ("csrf", page.csrf ?? ""), ("legal_basis", "uk-ripa-directed"), ("reference", "DS-2026-0412"),
            ("issuing_authority", "Supt K. Walsh"), ("applicant", "DI R. Shah"), ("approver", "Supt K. Walsh"),
            ("subjects", "Daniel Pryce\n"), ("method", "visual"), ("method", "location_tracking"),
            ("valid_from", "2026-03-20T09:00"), ("valid_to", end),
        ])
    }

    func entryForm(_ authorisation: Authorisation, started: String, subject: String = "Daniel Pryce", text: String) -> [(String, String)] {
        [
            ("authorisation", authorisation.id.lowercased), ("zone", "Europe/London"), ("started_at", started),
            ("subject", subject), ("method", "visual"), ("location", "Harbour Road"), ("text", text),
            ("observers", "ivy\nDC Mills"),
        ]
    }

    @Test func aSupervisorRecordsAnAuthorisationReadOnTheAuthoritysClockAndRenewsAndCancelsIt() async throws {
        try await withSurveillanceConsole { browser, db in
            var browser = browser
            let found = try await openOperation(db)
            try await browser.signIn("sam")
            let panel = try await browser.get("/console/cases/\(found.reference)")
            #expect(panel.body.contains(#"id="surveillance-authorisations""#))
            #expect(panel.body.contains("no authorisation in force: entries are refused"))

            // A minute beyond RIPA's three months is refused, with the reason, and nothing is kept.
            let tooLong = try await recordAuthorisation(&browser, found, to: "2026-06-20T00:01")
            #expect(tooLong.status == .seeOther)
            let refused = try await browser.get(tooLong.location ?? "")
            // A refusal shows as a problem (an alert), not as a success.
            #expect(refused.body.contains(#"<p class="problem" role="alert">Not recorded:"#))
            #expect(refused.body.contains("may run at most 3 calendar months (until 2026-06-19T23:00:00Z, the end of 2026-06-19 in Europe/London)"))
            #expect(try await logs(db).authorisations(caseID: found.id).isEmpty)

            // Midnight at the end of 19 June in London (BST) is the latest end: 23:00 UTC.
            let recorded = try await recordAuthorisation(&browser, found, to: "2026-06-20T00:00")
            #expect(recorded.status == .seeOther)
            let authorisation = try #require(try await logs(db).authorisations(caseID: found.id).first)
            #expect(authorisation.validFrom == (try date("2026-03-20T09:00:00Z")))
            #expect(authorisation.validTo == (try date("2026-06-19T23:00:00Z")))
            #expect(authorisation.timeZone == "Europe/London")
            let shown = try await browser.get("/console/cases/\(found.reference)")
            #expect(shown.body.contains(#"<p class="flash" role="status">Authorisation DS-2026-0412 recorded, in force to 2026-06-20 00:00 Europe/London.</p>"#))
            #expect(shown.body.contains("In force"))
            #expect(shown.body.contains("86 d 10 h left"))
            #expect(shown.body.contains("3 calendar months"))

            // Renewed for three months beginning with 20 June: to the end of 19 September.
            let renewed = try await browser.post(
                "/console/surveillance/cases/\(found.reference)/authorisations/\(authorisation.id.lowercased)/renewal",
                [("csrf", shown.csrf ?? ""), ("valid_to", "2026-09-20T00:00"), ("approver", "Supt K. Walsh")])
            #expect(renewed.status == .seeOther)
            #expect(try await logs(db).authorisation(id: authorisation.id).validTo == (try date("2026-09-19T23:00:00Z")))
            let afterRenewal = try await browser.get("/console/cases/\(found.reference)")
            #expect(afterRenewal.body.contains("renewed to 2026-09-20 00:00 Europe/London"))
            #expect(afterRenewal.body.contains("first to 2026-06-20 00:00 Europe/London"))

            let cancelled = try await browser.post(
                "/console/surveillance/cases/\(found.reference)/authorisations/\(authorisation.id.lowercased)/cancellation",
                [("csrf", shown.csrf ?? ""), ("reason", "objective met")])
            #expect(cancelled.status == .seeOther)
            let afterCancel = try await browser.get("/console/cases/\(found.reference)")
            // Cancelled at the (running) test clock's now, shown on London's clock (GMT in March).
            let cancelledAt = try #require(try await logs(db).authorisation(id: authorisation.id).cancelledAt)
            #expect(cancelledAt.timeIntervalSince(Self.start) < 600)
            let utc = ConsoleFormat.time(cancelledAt)   // "2026-03-25 12:00 UTC": London's clock shows UTC in March
            #expect(afterCancel.body.contains("Cancelled \(utc.dropLast(3))Europe/London"))
            #expect(afterCancel.body.contains("sam: objective met"))
            #expect(!afterCancel.body.contains("Renew DS-2026-0412"))
        }
    }

    @Test func anInvestigatorLogsAnEntryHasOneRefusedWithTheFormKeptAndCorrectsOne() async throws {
        try await withSurveillanceConsole { browser, db in
            var browser = browser
            let found = try await openOperation(db)
            let authorisation = try await authorise(db, found)
            try await browser.signIn("ivy")
            let log = try await browser.get("/console/surveillance/cases/\(found.reference)/log")
            #expect(log.status == .ok)
            #expect(log.body.contains("Nothing is logged yet."))

            // Someone the authorisation does not name: refused with the reason, the text kept.
            let outOfScope = try await browser.post(
                "/console/surveillance/cases/\(found.reference)/log",
                [("csrf", log.csrf ?? "")] + entryForm(authorisation, started: "2026-03-24T21:15", subject: "Maria Pryce",
                                                       text: "A woman left the unit with two bags."))
            #expect(outOfScope.status == .unprocessableContent)
            #expect(outOfScope.body.contains("is not covered by authorisation DS-2026-0412 (it covers Daniel Pryce)"))
            #expect(outOfScope.body.contains(">A woman left the unit with two bags.</textarea>"))
            // Before it took effect: 08:30 London is 08:30 UTC in March, half an hour early.
            let early = try await browser.post(
                "/console/surveillance/cases/\(found.reference)/log",
                [("csrf", log.csrf ?? "")] + entryForm(authorisation, started: "2026-03-20T08:30", text: "Too early."))
            #expect(early.status == .unprocessableContent)
            #expect(early.body.contains("before authorisation DS-2026-0412 is valid"))
            #expect(try await logs(db).entries(caseID: found.id).isEmpty)

            let recorded = try await browser.post(
                "/console/surveillance/cases/\(found.reference)/log",
                [("csrf", log.csrf ?? "")] + entryForm(authorisation, started: "2026-03-24T21:15", text: "Subject left the unit."))
            #expect(recorded.status == .seeOther)
            #expect(recorded.location == "/console/surveillance/cases/\(found.reference)/log#entry-1")
            let first = try #require(try await logs(db).entries(caseID: found.id).first)
            #expect(first.startedAt == (try date("2026-03-24T21:15:00Z")))
            #expect(first.observers == ["ivy", "DC Mills"])
            #expect(first.author == "ivy")

            // The correction form comes filled with the entry; the correction is entry 2.
            let correcting = try await browser.get("/console/surveillance/cases/\(found.reference)/log?correct=\(first.id.lowercased)")
            #expect(correcting.body.contains("Correct entry 1"))
            #expect(correcting.body.contains(#"value="2026-03-24T21:15""#))
            let refusedCorrection = try await browser.post(
                "/console/surveillance/cases/\(found.reference)/log",
                [("csrf", log.csrf ?? ""), ("corrects", first.id.lowercased), ("reason", "wrong person")]
                    + entryForm(authorisation, started: "2026-03-24T21:15", subject: "Maria Pryce", text: "A woman left."))
            #expect(refusedCorrection.status == .unprocessableContent)
            #expect(refusedCorrection.body.contains("Correct entry 1"))
            #expect(refusedCorrection.body.contains(#"name="corrects" value="\#(first.id.lowercased)""#))
            let corrected = try await browser.post(
                "/console/surveillance/cases/\(found.reference)/log",
                [("csrf", log.csrf ?? ""), ("corrects", first.id.lowercased), ("reason", "the van left, not the subject")]
                    + entryForm(authorisation, started: "2026-03-24T21:15", text: "A white van left the unit."))
            #expect(corrected.status == .seeOther)
            let entries = try await logs(db).entries(caseID: found.id)
            #expect(entries.map(\.sequence) == [1, 2])
            #expect(entries[1].correctsEntryID == first.id)
            #expect(entries[0].text == "Subject left the unit.")
            let after = try await browser.get("/console/surveillance/cases/\(found.reference)/log")
            #expect(after.body.contains("corrects 1"))
            #expect(after.body.contains("corrected by 2"))
            #expect(after.body.contains("Chain intact: 2 entries"))

            // Closed, the log is sealed: it shows, with no form to write in it.
            let sam = ConsoleUsers.actor("sam")
            _ = try await db.store.runTransition(TransitionRequest(
                caseID: found.id, transition: "close", inputs: ["reason": "operation ended"], actor: sam))
            let sealed = try await browser.get("/console/surveillance/cases/\(found.reference)/log")
            #expect(sealed.body.contains("its log is sealed"))
            #expect(!sealed.body.contains(#"id="entry-form""#) && !sealed.body.contains("Correct entry 1"))
            #expect(sealed.body.contains("corrected by 2"))
            _ = try await db.store.runTransition(TransitionRequest(
                caseID: found.id, transition: "reopen", inputs: ["reason": "late observation"], actor: sam))

            // A cancelled authorisation covers nothing from the cancellation on.
            _ = try await logs(db).cancelAuthorisation(authorisation.id, reason: "objective met", by: ConsoleUsers.actor("sam"))
            let late = try await browser.post(
                "/console/surveillance/cases/\(found.reference)/log",
                [("csrf", log.csrf ?? "")] + entryForm(authorisation, started: "2026-03-25T12:30", text: "After the end."))
            #expect(late.status == .unprocessableContent)
            #expect(late.body.contains("after authorisation DS-2026-0412 was cancelled at 2026-03-25T12:00"))
        }
    }

    @Test func theDisclosureDownloadVerifiesOfflineWithTheKeyPrintedBesideIt() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-disclosure-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withSurveillanceConsole(checkpoints: directory.appendingPathComponent("checkpoints")) { browser, db in
            var browser = browser
            let found = try await openOperation(db)
            let authorisation = try await authorise(db, found)
            for text in ["Subject left the unit.", "Subject returned."] {
                _ = try await logs(db).appendEntry(
                    caseID: found.id,
                    NewLogEntry(authorisationID: authorisation.id, startedAt: try date("2026-03-24T21:15:00Z"),
                                timeZone: "Europe/London", location: "Harbour Road", subject: "Daniel Pryce", method: .visual, text: text),
                    by: ConsoleUsers.actor("ivy"))
            }
            try await browser.signIn("sam")
            let log = try await browser.get("/console/surveillance/cases/\(found.reference)/log")
            let key = try #require(log.body.range(of: #"--public-key [0-9a-f]{64}"#, options: .regularExpression))
            let publicKey = String(log.body[key].suffix(64))
            #expect(log.body.contains("tar -xf \(found.reference)-disclosure.tar"))

            let download = try await browser.post("/console/surveillance/cases/\(found.reference)/export", [("csrf", log.csrf ?? "")])
            #expect(download.status == .ok)
            #expect(download.headers[.contentType] == "application/x-tar")
            #expect(download.headers[.contentDisposition] == "attachment; filename=\"\(found.reference)-disclosure.tar\"")

            // Unpacked by the system's tar, then checked as the recipient would, from the files alone.
            let unpacked = directory.appendingPathComponent("unpacked")
            try FileManager.default.createDirectory(at: unpacked, withIntermediateDirectories: true)
            let archive = unpacked.appendingPathComponent("disclosure.tar")
            try Data(download.body.utf8).write(to: archive)
            let tar = Process()
            tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            tar.arguments = ["tar", "-xf", archive.path, "-C", unpacked.path]
            try tar.run()
            tar.waitUntilExit()
            #expect(tar.terminationStatus == 0)
            let lines = try String(contentsOf: unpacked.appendingPathComponent("\(found.reference).jsonl"), encoding: .utf8)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let manifest = try decoder.decode(
                DisclosureManifest.self, from: Data(contentsOf: unpacked.appendingPathComponent("\(found.reference).jsonl.manifest.json")))
            let result = DisclosureVerifier.verify(jsonLines: lines, manifest: manifest, publicKey: publicKey)
            #expect(result.isIntact)
            #expect(result.entriesChecked == 2)
            #expect(result.authorisations == 1)
            #expect(manifest.exportedBy == "sam")
            let events = try await db.store.timeline(caseID: found.id)
            #expect(events.contains { $0.kind.rawValue == "surveillance.exported" })
        }
    }

    @Test func anAuthorisationOrEntryOfAnotherOperationIsNotFoundThroughThisOne() async throws {
        try await withSurveillanceConsole { browser, db in
            var browser = browser
            let kestrel = try await openOperation(db)
            let larch = try await openOperation(db)
            let theirs = try await authorise(db, larch)
            let ours = try await authorise(db, kestrel)
            let entry = try await logs(db).appendEntry(
                caseID: larch.id,
                NewLogEntry(authorisationID: theirs.id, startedAt: try date("2026-03-24T21:15:00Z"), timeZone: "Europe/London",
                            location: "Harbour Road", subject: "Daniel Pryce", method: .visual, text: "Seen."),
                by: ConsoleUsers.actor("ivy"))
            try await browser.signIn("sam")
            let page = try await browser.get("/console/cases/\(kestrel.reference)")
            let csrf = try #require(page.csrf)
            let renew = try await browser.post(
                "/console/surveillance/cases/\(kestrel.reference)/authorisations/\(theirs.id.lowercased)/renewal",
                [("csrf", csrf), ("valid_to", "2026-09-20T00:00"), ("approver", "Supt K. Walsh")])
            #expect(renew.status == .notFound)
            let cancel = try await browser.post(
                "/console/surveillance/cases/\(kestrel.reference)/authorisations/\(theirs.id.lowercased)/cancellation",
                [("csrf", csrf), ("reason", "probe")])
            #expect(cancel.status == .notFound)
            #expect(try await logs(db).authorisation(id: theirs.id) == theirs)
            // An entry of the other operation is neither drawn into this log's correction form nor corrected through it.
            let correcting = try await browser.get("/console/surveillance/cases/\(kestrel.reference)/log?correct=\(entry.id.lowercased)")
            #expect(!correcting.body.contains("Correct entry"))
            let correction = try await browser.post(
                "/console/surveillance/cases/\(kestrel.reference)/log",
                [("csrf", csrf), ("corrects", entry.id.lowercased), ("reason", "probe")]
                    + entryForm(ours, started: "2026-03-24T21:15", text: "Probe."))
            #expect(correction.status == .unprocessableContent)
            #expect(correction.body.contains("the entry to correct is not an entry of \(kestrel.reference)"))
            #expect(try await logs(db).entries(caseID: larch.id).count == 1)
            #expect(try await logs(db).entries(caseID: kestrel.id).isEmpty)
        }
    }

    @Test func theOperationsPageListsUncoveredFirstThenTheSoonestEndOfCoverAndOnlyWhatTheUserMaySee() async throws {
        try await withSurveillanceConsole { browser, db in
            var browser = browser
            // Opened in the order opposite to the page's: the page orders by cover, not by opening.
            let uncovered = try await openOperation(db)
            let later = try await openOperation(db)
            _ = try await authorise(db, later, reference: "DS-2026-0500", subject: "Leon Marsh")
            let covered = try await openOperation(db)
            _ = try await authorise(db, covered, end: "2026-04-30T23:00:00Z")
            let otto = ConsoleUsers.actor("otto")
            let theirs = try await db.store.openCase(
                NewCase(
                    module: SurveillanceLogs.moduleID, type: SurveillanceLogs.caseTypeName, title: "Operation Palm",
                    classification: .secret, owningAgency: "JCF", country: "JM",
                    attributes: try JSONValue(encoding: OperationAttributes(objective: "harbour", jurisdiction: "JM"))),
                by: otto)
            try await browser.signIn("ivy")
            let home = try await browser.get("/console/")
            #expect(home.body.contains(#"href="/console/surveillance/operations""#))
            let page = try await browser.get("/console/surveillance/operations")
            #expect(page.status == .ok)
            let positions = try [uncovered, covered, later].map { try #require(page.body.range(of: $0.reference)).lowerBound }
            #expect(positions == positions.sorted(), "nothing in force first, then the cover that ends on 30 April, then 19 June")
            #expect(page.body.contains("none in force"))
            #expect(page.body.contains("2026-05-01 00:00 Europe/London"))   // 30 April 23:00 UTC, on BST
            #expect(page.body.contains("2026-06-20 00:00 Europe/London"))
            #expect(page.body.contains("86 d 10 h left"))
            let listed = try await db.client.query(
                "SELECT count(*)::int FROM access_log WHERE actor = 'ivy' AND action = 'surveillance.operations'", logger: db.logger)
            for try await count in listed.decode(Int.self) { #expect(count == 1) }
            #expect(!page.body.contains(theirs.reference))
            #expect(!page.body.contains("Operation Palm"))
        }
    }

    @Test func anotherAgencysSupervisorFindsNoOperationAndCannotWriteToIt() async throws {
        try await withSurveillanceConsole { browser, db in
            var browser = browser
            let found = try await openOperation(db)
            try await browser.signIn("otto")
            let missing = try await browser.get("/console/surveillance/cases/SURV-2026-999999/log")
            let hidden = try await browser.get("/console/surveillance/cases/\(found.reference)/log")
            #expect(hidden.status == .notFound)
            #expect(missing.status == .notFound)
            #expect(!hidden.body.contains("Kestrel"))
            #expect(hidden.body(naming: found.reference) == missing.body(naming: "SURV-2026-999999"))
            let account = try await browser.get("/console/account")
            let post = try await browser.post(
                "/console/surveillance/cases/\(found.reference)/authorisations",
                [("csrf", account.csrf ?? ""), ("legal_basis", "uk-ripa-directed")])
            #expect(post.status == .notFound)
            #expect(try await logs(db).authorisations(caseID: found.id).isEmpty)
            // Legal staff may read and export but not write the log.
            var lee = Browser(browser.client)
            try await lee.signIn("lee")
            let page = try await lee.get("/console/cases/\(found.reference)")
            let csrf = try #require(page.csrf, "lee's case page carries the session's form token")
            let entry = try await lee.post("/console/surveillance/cases/\(found.reference)/log", [("csrf", csrf)])
            #expect(entry.status == .forbidden)
            #expect(entry.body.contains("This page needs the role"))
        }
    }
}
