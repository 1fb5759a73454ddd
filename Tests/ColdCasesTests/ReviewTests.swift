import ColdCases
import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import Testing

@Suite struct ReviewTests {
    @Test func aRecordedReviewStoresItsFactorsPointsAndTierAndAppendsEvents() async throws {
        try await TestDatabase.withColdCases { db async throws in
            let opened = try await db.openColdCase()
            let started = try await db.coldCases.startReview(caseID: opened.id, type: .newInformation, by: db.ivy)
            #expect(started.status == .inProgress)
            #expect(started.reviewer == "ivy")
            #expect(try await db.store.getCase(id: opened.id).state == "under_review")
            #expect(try await db.runningTimer("review_due", on: opened.id) == nil)

            let recorded = try await db.coldCases.recordReview(
                started.id,
                ReviewRecord(
                    factors: SolvabilityFactors(suspectIdentified: false, forensicEvidenceAvailable: true, witnessesAvailable: true),
                    findings: "Tape lifts never examined.", recommendations: "Submit for touch DNA.", decision: .reopen),
                by: db.ivy)
            #expect(recorded.status == .awaitingApproval)
            #expect(recorded.assessment?.score == 50)
            #expect(recorded.assessment?.tier == .two)
            #expect(recorded.assessment?.points["forensic_evidence"] == 30)
            #expect(recorded.assessment?.points["suspect_identified"] == 0)

            let approved = try await db.coldCases.approveReview(started.id, by: db.sam)
            #expect(approved.status == .approved)
            #expect(approved.approver == "sam")
            #expect(try await db.store.getCase(id: opened.id).state == "reopened")
            let kinds = try await db.store.timeline(caseID: opened.id).map(\.kind.rawValue)
            #expect(kinds == ["opened", "transition", "cold-cases.review_recorded", "transition"])
            #expect(try await db.store.verifyChains(caseID: opened.id).isIntact)
        }
    }

    @Test func theReviewerCannotApproveTheirOwnReviewAndTheRefusalLeavesNoTrace() async throws {
        try await TestDatabase.withColdCases { db async throws in
            let opened = try await db.openColdCase()
            // A supervisor conducts the review, so holds the role approval needs.
            let started = try await db.coldCases.startReview(caseID: opened.id, type: .periodic, by: db.sam)
            _ = try await db.coldCases.recordReview(
                started.id,
                ReviewRecord(
                    factors: SolvabilityFactors(suspectIdentified: false, forensicEvidenceAvailable: false),
                    findings: "No new lines.", decision: .remainCold),
                by: db.sam)
            let before = try await db.coldSnapshot(of: opened.id)

            let error = await dossierError { _ = try await db.coldCases.approveReview(started.id, by: db.sam) }
            #expect(error?.code == .hookRefused)
            #expect(error?.message.contains("segregation of duties: sam conducted review") == true, "\(error?.message ?? "")")
            #expect(try await db.coldSnapshot(of: opened.id) == before)

            // Going round the module to the core transition meets the same hook.
            let direct = await dossierError {
                _ = try await db.store.runTransition(.init(
                    caseID: opened.id, transition: "complete_review",
                    inputs: ["review_id": .string(started.id.uuidString.lowercased())], actor: db.sam))
            }
            #expect(direct?.code == .hookRefused)
            #expect(try await db.coldSnapshot(of: opened.id) == before)

            // An investigator may not approve at all; another supervisor may.
            let investigator = await dossierError {
                _ = try await db.coldCases.approveReview(started.id, by: db.actor(.investigator, id: "ian"))
            }
            #expect(investigator?.code == .roleNotAllowed)
            let approved = try await db.coldCases.approveReview(started.id, by: db.sue)
            #expect(approved.approver == "sue")
            #expect(try await db.store.getCase(id: opened.id).state == "cold")
        }
    }

    @Test func approvalNeedsARecordedReviewWithTheMatchingDecision() async throws {
        try await TestDatabase.withColdCases { db async throws in
            let opened = try await db.openColdCase()
            let started = try await db.coldCases.startReview(caseID: opened.id, type: .periodic, by: db.ivy)
            let unrecorded = await dossierError { _ = try await db.coldCases.approveReview(started.id, by: db.sam) }
            #expect(unrecorded?.code == .wrongState)
            let direct = await dossierError {
                _ = try await db.store.runTransition(.init(
                    caseID: opened.id, transition: "complete_review",
                    inputs: ["review_id": .string(started.id.uuidString.lowercased())], actor: db.sam))
            }
            #expect(direct?.code == .hookRefused)
            #expect(direct?.message.contains("has not been recorded yet") == true)

            _ = try await db.coldCases.recordReview(
                started.id,
                ReviewRecord(
                    factors: SolvabilityFactors(suspectIdentified: false, forensicEvidenceAvailable: false),
                    findings: "Nothing new.", decision: .remainCold),
                by: db.ivy)
            let mismatch = await dossierError {
                _ = try await db.store.runTransition(.init(
                    caseID: opened.id, transition: "reopen",
                    inputs: ["review_id": .string(started.id.uuidString.lowercased())], actor: db.sam))
            }
            #expect(mismatch?.code == .hookRefused)
            #expect(mismatch?.message.contains("approve it with transition 'complete_review'") == true)

            let other = await dossierError {
                _ = try await db.coldCases.recordReview(
                    started.id,
                    ReviewRecord(
                        factors: SolvabilityFactors(suspectIdentified: true, forensicEvidenceAvailable: true),
                        findings: "x", decision: .reopen),
                    by: db.actor(.investigator, id: "otto"))
            }
            #expect(other?.code == .guardRefused)
        }
    }

    @Test func theReviewTimerIsReArmedAfterEachApprovedReviewFromTheAgencysPolicy() async throws {
        try await TestDatabase.withColdCases { db async throws in
            try await db.coldCases.setReviewPolicy(
                ReviewPolicy(agency: "WYP", firstReview: .days(10), interval: .months(12), legalBasis: "WYP policy 7"),
                by: db.sam)
            let opened = try await db.openColdCase(agency: "WYP", wentColdOn: "2025-03-01")
            let first = try #require(try await db.runningTimer("review_due", on: opened.id))
            // 10 days after 1 March is due at the end of 11 March.
            #expect(first.dueAt == CalendarDate(year: 2025, month: 3, day: 12).start(in: .gmt))
            #expect(first.legalBasis == "WYP policy 7")

            for _ in 0..<2 {
                let review = try await db.reviewCycle(
                    opened.id, factors: SolvabilityFactors(suspectIdentified: false, forensicEvidenceAvailable: true))
                let approvedAt = try #require(review.approvedAt)
                let expected = CalendarDate(approvedAt, in: .gmt).adding(months: 12).adding(days: 1).start(in: .gmt)
                let timer = try #require(try await db.runningTimer("review_due", on: opened.id))
                #expect(timer.dueAt == expected)
                #expect(review.nextReviewDue == expected)
                let running = try await db.store.timers(caseID: opened.id).filter { $0.name == "review_due" && $0.status == .running }
                #expect(running.count == 1)
            }
            #expect(try await db.coldCases.reviews(caseID: opened.id).count == 2)

            // An agency without a policy of its own gets the default: 28 days, then 24 months.
            let other = try await db.openColdCase(agency: "GMP", wentColdOn: "2025-03-01")
            let defaultTimer = try #require(try await db.runningTimer("review_due", on: other.id))
            #expect(defaultTimer.dueAt == CalendarDate(year: 2025, month: 3, day: 30).start(in: .gmt))
            let review = try await db.reviewCycle(
                other.id, factors: SolvabilityFactors(suspectIdentified: false, forensicEvidenceAvailable: false))
            let approvedAt = try #require(review.approvedAt)
            #expect(review.nextReviewDue == CalendarDate(approvedAt, in: .gmt).adding(months: 24).adding(days: 1).start(in: .gmt))
        }
    }

    @Test func aReopenedCaseIsClearedExceptionallyWithANIBRSCode() async throws {
        try await TestDatabase.withColdCases { db async throws in
            let opened = try await db.openColdCase()
            try await db.reviewCycle(
                opened.id, factors: SolvabilityFactors(suspectIdentified: true, forensicEvidenceAvailable: true),
                decision: .reopen)
            let refused = await dossierError {
                _ = try await db.store.runTransition(.init(
                    caseID: opened.id, transition: "clear_exceptionally",
                    inputs: ["exceptional_clearance_code": "N", "reason": "x"], actor: db.sue))
            }
            #expect(refused?.message == "input 'exceptional_clearance_code' must be one of A, B, C, D, E, not 'N'")
            let cleared = try await db.store.runTransition(.init(
                caseID: opened.id, transition: "clear_exceptionally",
                inputs: ["exceptional_clearance_code": "A", "reason": "offender died 2019"], actor: db.sue))
            #expect(cleared.case.state == "cleared_exceptional")
            #expect(cleared.case.closedAt != nil)
            #expect(try await db.store.timers(caseID: opened.id).allSatisfy { $0.status != .running })
        }
    }

    /// A review started and recorded on 25 November 2026, approved on 27 November at 16:30
    /// UTC and entered on 2 December: the default policy's 24 calendar months run from the
    /// approval, counted the day after in UTC, so the next review is due by the end of 27
    /// November 2028 (2028-11-28T00:00Z).
    @Test func anApprovalEnteredLateTimesTheNextReviewFromWhenItWasGiven() async throws {
        let clock = SettableClock(try Date("2026-11-25T09:00:00Z", strategy: .iso8601))
        try await TestDatabase.with(modules: [ColdCases()], clock: clock.wallClock) { db async throws in
            let opened = try await db.openColdCase()
            let started = try await db.coldCases.startReview(caseID: opened.id, type: .periodic, by: db.ivy)
            _ = try await db.coldCases.recordReview(
                started.id,
                ReviewRecord(factors: SolvabilityFactors(suspectIdentified: false, forensicEvidenceAvailable: false), findings: "No new lines.", decision: .remainCold),
                by: db.ivy)
            clock.set(try Date("2026-12-02T10:00:00Z", strategy: .iso8601))
            let beforeStart = await dossierError {
                _ = try await db.coldCases.approveReview(
                    started.id, approvedAt: try Date("2019-11-27T16:30:00Z", strategy: .iso8601), by: db.sam)
            }
            #expect(beforeStart?.message.hasPrefix("inputs.approved_at 2019-11-27T16:30:00Z is before review ") == true)
            let future = await dossierError {
                _ = try await db.coldCases.approveReview(
                    started.id, approvedAt: try Date("2026-12-03T09:00:00Z", strategy: .iso8601), by: db.sam)
            }
            #expect(future?.message == "inputs.approved_at 2026-12-03T09:00:00Z is in the future")
            let approvedAt = try Date("2026-11-27T16:30:00Z", strategy: .iso8601)
            let approved = try await db.coldCases.approveReview(started.id, approvedAt: approvedAt, by: db.sam)
            #expect(approved.approvedAt == approvedAt)
            let due = try Date("2028-11-28T00:00:00Z", strategy: .iso8601)
            #expect(approved.nextReviewDue == due)
            #expect(try await db.runningTimer("review_due", on: opened.id)?.dueAt == due)

            // The next review cannot be approved before it started, nor so before this one was.
            let next = try await db.coldCases.startReview(caseID: opened.id, type: .periodic, by: db.ivy)
            _ = try await db.coldCases.recordReview(
                next.id,
                ReviewRecord(factors: SolvabilityFactors(suspectIdentified: false, forensicEvidenceAvailable: false), findings: "Still none.", decision: .remainCold),
                by: db.ivy)
            let earlier = await dossierError {
                _ = try await db.coldCases.approveReview(
                    next.id, approvedAt: try Date("2026-11-20T09:00:00Z", strategy: .iso8601), by: db.sam)
            }
            #expect(earlier?.message.hasPrefix("inputs.approved_at 2026-11-20T09:00:00Z is before review \(next.id.lowercased) was started") == true)
        }
    }
}

/// A clock a test moves by hand.
final class SettableClock: @unchecked Sendable {
    private let lock = NSLock()
    private var instant: Date

    init(_ instant: Date) { self.instant = instant }

    func set(_ instant: Date) { lock.withLock { self.instant = instant } }

    var wallClock: WallClock { WallClock { [self] in lock.withLock { instant } } }
}
