import ColdCases
import ColdCasesConsole
import DossierConsole
import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import HTTPTypes
import Testing

/// The cold-case module's console pages: the review queue and a review from start to
/// approval, with the segregation of duties the module's hook enforces.
/// Serialized, and with passwords only for the users who sign in (see ExtraditionConsoleTests).
@Suite(.serialized) struct ColdCasesConsoleTests {
    func withColdCasesConsole(_ body: @Sendable @escaping (Browser, TestDatabase) async throws -> Void) async throws {
        try await withConsole(passwords: ["ivy", "sam", "lee", "otto", "ana"], modules: [ColdCases()], body)
    }

    /// Opens a cold homicide case of MET as ivy.
    func openColdCase(_ db: TestDatabase, title: String = "Murder of J. Doe", offence: String = "homicide") async throws -> Case {
        try await db.store.openCase(
            NewCase(
                module: ColdCases.moduleID, type: ColdCases.caseTypeName, title: title, owningAgency: "MET", country: "GB",
                attributes: .object([
                    "offence_category": .string(offence), "offence_date": "1994-06-12", "offence_place": "Leeds",
                    "went_cold_on": "1995-09-01", "jurisdiction": "GB", "limitation_date": "2030-01-01",
                ])),
            by: ConsoleUsers.actor("ivy"))
    }

    func reviews(_ db: TestDatabase, _ found: Case) async throws -> [Review] {
        try await ColdCaseStore(cases: db.store, logger: db.logger).reviews(caseID: found.id)
    }

    /// Starts and records a review through the panel as `browser`'s user.
    func startAndRecord(_ browser: inout Browser, _ found: Case) async throws -> Review.ID? {
        let page = try await browser.get("/console/cases/\(found.reference)")
        _ = try await browser.post("/console/cold-cases/cases/\(found.reference)/reviews", [("csrf", page.csrf ?? ""), ("type", "periodic")])
        let started = try await browser.get("/console/cases/\(found.reference)")
        guard let action = started.body.range(of: #"/reviews/([0-9a-f-]{36})/record"#, options: .regularExpression) else { return nil }
        let id = String(started.body[action].dropFirst("/reviews/".count).prefix(36))
        let recorded = try await browser.post("/console/cold-cases/cases/\(found.reference)/reviews/\(id)/record", [
            ("csrf", page.csrf ?? ""), ("factor", "suspect_identified"), ("factor", "forensic_evidence"),
            ("factor", "witnesses_available"), ("findings", "DNA on the cigarette end matches a named suspect"),
            ("decision", "reopen"),
        ])
        #expect(recorded.status == .seeOther)
        return UUID(uuidString: id)
    }

    @Test func anInvestigatorRecordsAReviewAndAnotherSupervisorApprovesIt() async throws {
        try await withColdCasesConsole { browser, db in
            var browser = browser
            let found = try await openColdCase(db)
            try await browser.signIn("ivy")
            let page = try await browser.get("/console/cases/\(found.reference)")
            // The step that needs a new review's id is started from the panel, not typed as a UUID.
            #expect(page.body.contains(##"<a href="#cold-cases-reviews">Start review</a>"##))
            #expect(!page.body.contains(#"name="input.review_id""#))
            let id = try #require(try await startAndRecord(&browser, found))

            let recorded = try #require(try await reviews(db, found).first { $0.id == id })
            #expect(recorded.assessment?.score == 75)
            #expect(recorded.assessment?.tier == .one)
            let shown = try await browser.get("/console/cases/\(found.reference)")
            #expect(shown.body.contains("Score 75, tier 1"))
            #expect(shown.body.contains("DNA on the cigarette end matches a named suspect"))
            #expect(!shown.body.contains("Recommendations:"))   // none were given
            #expect(shown.body.contains("You recorded this review, so someone else approves it"))

            // Not the investigator (a supervisor's step), not legal staff: the route's roles refuse them.
            let ivyApproves = try await browser.post("/console/cold-cases/cases/\(found.reference)/reviews/\(id)/approve", [("csrf", shown.csrf ?? "")])
            #expect(ivyApproves.status == .forbidden)
            var lawyer = Browser(browser.client)
            try await lawyer.signIn("lee")
            let lawyerPage = try await lawyer.get("/console/")
            let leeApproves = try await lawyer.post("/console/cold-cases/cases/\(found.reference)/reviews/\(id)/approve", [("csrf", lawyerPage.csrf ?? "")])
            #expect(leeApproves.status == .forbidden)
            #expect(try await reviews(db, found).first?.approvedAt == nil)

            var supervisor = Browser(browser.client)
            try await supervisor.signIn("sam")
            let samPage = try await supervisor.get("/console/cases/\(found.reference)")
            #expect(samPage.body.contains("Approve: Reopen"))
            let approved = try await supervisor.post("/console/cold-cases/cases/\(found.reference)/reviews/\(id)/approve", [("csrf", samPage.csrf ?? "")])
            #expect(approved.status == .seeOther)
            #expect(try await reviews(db, found).first?.approver == "sam")
            #expect(try await db.store.visibleCase(named: found.reference, to: ConsoleUsers.actor("sam")).state == "reopened")
        }
    }

    @Test func aSupervisorWhoRecordedTheReviewIsRefusedPlainlyAndNothingChanges() async throws {
        try await withColdCasesConsole { browser, db in
            var browser = browser
            let found = try await openColdCase(db)
            try await browser.signIn("sam")
            let id = try #require(try await startAndRecord(&browser, found))
            let page = try await browser.get("/console/cases/\(found.reference)")
            #expect(!page.body.contains("Approve: Reopen"))
            let refused = try await browser.post("/console/cold-cases/cases/\(found.reference)/reviews/\(id)/approve", [("csrf", page.csrf ?? "")])
            let shown = try await browser.get(try #require(refused.location))
            #expect(shown.body.contains("Not approved:"))
            #expect(try await reviews(db, found).first?.approvedAt == nil)
            #expect(try await db.store.visibleCase(named: found.reference, to: ConsoleUsers.actor("sam")).state == "under_review")
        }
    }

    @Test func theQueueListsVisibleColdCasesInOrderAndFilters() async throws {
        try await withColdCasesConsole { browser, db in
            var browser = browser
            let murder = try await openColdCase(db, title: "Murder of J. Doe")
            let robbery = try await openColdCase(db, title: "Post office robbery", offence: "robbery")
            let store = ColdCaseStore(cases: db.store, logger: db.logger)
            let review = try await store.startReview(caseID: murder.id, type: .periodic, by: ConsoleUsers.actor("ivy"))
            _ = try await store.recordReview(
                review.id,
                ReviewRecord(factors: SolvabilityFactors(suspectIdentified: false, forensicEvidenceAvailable: true), findings: "Swabs kept", decision: .remainCold),
                by: ConsoleUsers.actor("ivy"))
            _ = try await store.approveReview(review.id, by: ConsoleUsers.actor("sam"))
            try await browser.signIn("ivy")
            let queue = try await browser.get("/console/cold-cases/queue")
            #expect(queue.status == .ok)
            // Tier 2 (forensic evidence) before an unreviewed tier 3.
            let first = try #require(queue.body.range(of: murder.reference))
            let second = try #require(queue.body.range(of: robbery.reference))
            #expect(first.lowerBound < second.lowerBound)
            #expect(queue.body.contains("2030-01-01"))

            let robberies = try await browser.get("/console/cold-cases/queue?offence=robbery")
            #expect(robberies.body.contains(robbery.reference) && !robberies.body.contains(murder.reference))
            let reviewed = try await browser.get("/console/cold-cases/queue?reviewer=ivy&tier=2")
            #expect(reviewed.body.contains(murder.reference) && !reviewed.body.contains(robbery.reference))
            let wrong = try await browser.get("/console/cold-cases/queue?tier=9")
            #expect(wrong.status == .badRequest)
            #expect(wrong.body.contains("tier &#39;9&#39; is not one of 1, 2 or 3"))

            var outsider = Browser(browser.client)
            try await outsider.signIn("otto")
            let theirs = try await outsider.get("/console/cold-cases/queue")
            #expect(!theirs.body.contains(murder.reference) && !theirs.body.contains(robbery.reference))
        }
    }

    @Test func leadsAndExhibitsAreAddedFromThePanelAndRefusalsSayWhy() async throws {
        try await withColdCasesConsole { browser, db in
            var browser = browser
            let found = try await openColdCase(db)
            let store = ColdCaseStore(cases: db.store, logger: db.logger)
            try await browser.signIn("ivy")
            let page = try await browser.get("/console/cases/\(found.reference)")
            #expect(page.body.contains(#"id="add-lead""#) && page.body.contains(#"id="add-evidence""#))
            let csrf = try #require(page.csrf)

            // Received yesterday at this minute, typed as UTC; checked yesterday, a month ago.
            var utc = Calendar(identifier: .gregorian)
            utc.timeZone = .gmt
            let yesterday = utc.dateComponents([.year, .month, .day, .hour, .minute], from: db.clock.now().addingTimeInterval(-86_400))
            let typed = String(format: "%04d-%02d-%02dT%02d:%02d", yesterday.year!, yesterday.month!, yesterday.day!, yesterday.hour!, yesterday.minute!)
            let checkedOn = CalendarDate(db.clock.now().addingTimeInterval(-30 * 86_400), in: .gmt).description
            let lead = try await browser.post("/console/cold-cases/cases/\(found.reference)/leads", [
                ("csrf", csrf), ("source", "Crimestoppers"), ("summary", "Caller names the driver"), ("received_at", typed),
            ])
            #expect(lead.location == "/console/cases/\(found.reference)#cold-cases-reviews")
            let leads = try await store.leads(caseID: found.id)
            #expect(leads.map(\.source) == ["Crimestoppers"])
            #expect(leads.first?.receivedAt == utc.date(from: yesterday))
            #expect(try await browser.get(lead.location ?? "").body.contains(#"<p class="flash" role="status">Lead from Crimestoppers recorded."#))
            // A lead received in the future is refused with the reason; nothing is kept.
            let future = try await browser.post("/console/cold-cases/cases/\(found.reference)/leads", [
                ("csrf", csrf), ("source", "Tip line"), ("summary", "Later"), ("received_at", "2099-01-01T00:00"),
            ])
            #expect(try await browser.get(future.location ?? "").body.contains(
                #"<p class="problem" role="alert">Lead not recorded: receivedAt 2099-01-01T00:00:00Z is in the future"#))
            #expect(try await store.leads(caseID: found.id).count == 1)

            let exhibit = [
                ("csrf", csrf), ("item", "Cigarette end"), ("exhibit_reference", "JD/1"), ("storage_location", "Property store B"),
                ("condition", "good"), ("last_verified_on", checkedOn), ("forensic_opportunity", "DNA-17"),
                ("submission_status", "not_submitted"),
            ]
            _ = try await browser.post("/console/cold-cases/cases/\(found.reference)/evidence", exhibit)
            let twice = try await browser.post("/console/cold-cases/cases/\(found.reference)/evidence", exhibit)
            #expect(try await browser.get(twice.location ?? "").body.contains(
                #"<p class="problem" role="alert">Exhibit not added: exhibitReference &#39;JD/1&#39; is already in"#))
            let items = try await store.evidence(caseID: found.id)
            #expect(items.map(\.exhibitReference) == ["JD/1"])
            #expect(items.first?.lastVerifiedOn?.description == checkedOn)

            // An analyst on the case may record a lead but not add an exhibit.
            _ = try await db.store.addMember(caseID: found.id, userID: "ana", role: .analyst, by: ConsoleUsers.actor("ivy"))
            var analyst = Browser(browser.client)
            try await analyst.signIn("ana")
            let analystPage = try await analyst.get("/console/cases/\(found.reference)")
            #expect(analystPage.body.contains(#"id="add-lead""#) && !analystPage.body.contains(#"id="add-evidence""#))
            let refused = try await analyst.post(
                "/console/cold-cases/cases/\(found.reference)/evidence", [("csrf", try #require(analystPage.csrf)), ("item", "probe")])
            #expect(refused.status == .forbidden)
            #expect(try await store.evidence(caseID: found.id).count == 1)

            // Another agency's supervisor finds no case there, and writes nothing.
            var outsider = Browser(browser.client)
            try await outsider.signIn("otto")
            let account = try await outsider.get("/console/account")
            let otherCsrf = try #require(account.csrf)
            let hiddenLead = try await outsider.post("/console/cold-cases/cases/\(found.reference)/leads", [
                ("csrf", otherCsrf), ("source", "probe"), ("summary", "probe"),
            ])
            let hiddenExhibit = try await outsider.post("/console/cold-cases/cases/\(found.reference)/evidence", [
                ("csrf", otherCsrf), ("item", "probe"), ("exhibit_reference", "P/1"), ("storage_location", "x"), ("condition", "good"),
            ])
            #expect(hiddenLead.status == .notFound && hiddenExhibit.status == .notFound)
            #expect(try await store.leads(caseID: found.id).count == 1)
            #expect(try await store.evidence(caseID: found.id).count == 1)
        }
    }
}
