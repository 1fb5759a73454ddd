import ColdCases
import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import Testing

@Suite struct QueueTests {
    @Test func theQueueRanksBoostedCasesFirstThenTierScoreAndOverdueDays() async throws {
        try await TestDatabase.withColdCases { db async throws in
            let all = SolvabilityFactors(
                suspectIdentified: true, forensicEvidenceAvailable: true, witnessesAvailable: true, victimFamilyContact: true,
                newTechniqueApplicable: true, limitationOpen: true)
            let tierOneHigh = try await db.openColdCase(title: "A", wentColdOn: "2024-01-01")
            try await db.reviewCycle(tierOneHigh.id, factors: all)
            let tierOneLow = try await db.openColdCase(title: "B", wentColdOn: "2024-01-01")
            try await db.reviewCycle(
                tierOneLow.id, factors: SolvabilityFactors(suspectIdentified: true, forensicEvidenceAvailable: true, limitationOpen: false))
            let tierTwo = try await db.openColdCase(title: "C", wentColdOn: "2024-01-01")
            try await db.reviewCycle(
                tierTwo.id, factors: SolvabilityFactors(suspectIdentified: false, forensicEvidenceAvailable: true, witnessesAvailable: true))
            _ = try await db.openColdCase(title: "D", wentColdOn: "2020-01-01")
            _ = try await db.openColdCase(title: "E", wentColdOn: "2023-01-01")
            let withLead = try await db.openColdCase(title: "F", wentColdOn: "2024-06-01")
            _ = try await db.coldCases.addLead(
                caseID: withLead.id,
                NewLead(source: "Crimestoppers", receivedAt: db.now, summary: "Caller names a man seen that night."),
                by: db.actor(.analyst, id: "ana"))
            // A reopened case is not waiting for review.
            let reopened = try await db.openColdCase(title: "G")
            try await db.reviewCycle(reopened.id, factors: all, decision: .reopen)

            let queue = try await db.coldCases.reviewQueue(visibleTo: .system)
            #expect(queue.map(\.title) == ["F", "A", "B", "C", "D", "E"])
            #expect(queue.map(\.tier) == [.three, .one, .one, .two, .three, .three])
            #expect(queue.map(\.score) == [0, 100, 60, 50, 0, 0])
            #expect(queue[0].isBoosted)
            let d = try #require(queue.first { $0.title == "D" })
            let e = try #require(queue.first { $0.title == "E" })
            #expect(d.overdueDays > e.overdueDays && e.overdueDays > 0)

            // Pages of two, keyset by the last entry, give the same order.
            var paged: [ReviewQueueEntry] = []
            var last: ReviewQueueEntry?
            repeat {
                let page = try await db.coldCases.reviewQueue(visibleTo: .system, limit: 2, after: last)
                paged += page
                last = page.count == 2 ? page.last : nil
            } while last != nil
            #expect(paged.map(\.title) == queue.map(\.title))

            // Overdue: only cases never reviewed, most overdue first.
            #expect(try await db.coldCases.overdueForReview(visibleTo: .system).map(\.title) == ["D", "E", "F"])
            let firstPage = try await db.coldCases.overdueForReview(visibleTo: .system, limit: 1)
            #expect(try await db.coldCases.overdueForReview(visibleTo: .system, limit: 5, after: firstPage.last).map(\.title) == ["E", "F"])

            // Starting the review that takes the lead in clears the boost.
            _ = try await db.coldCases.startReview(caseID: withLead.id, type: .newInformation, by: db.ivy)
            #expect(try await db.coldCases.reviewQueue(visibleTo: .system).map(\.title) == ["A", "B", "C", "D", "E"])
        }
    }

    @Test func aLeadIsRecordedOnTheTimelineAndRefusedOnAClosedCase() async throws {
        try await TestDatabase.withColdCases { db async throws in
            let opened = try await db.openColdCase()
            let lead = try await db.coldCases.addLead(
                caseID: opened.id, NewLead(source: "NDNAD", receivedAt: db.now, summary: "Partial profile hit", assignedTo: "ivy"),
                by: db.ivy)
            #expect(try await db.coldCases.leads(caseID: opened.id).map(\.id) == [lead.id])
            let last = try #require(try await db.store.timeline(caseID: opened.id).last)
            #expect(last.kind.rawValue == "cold-cases.lead_received")
            #expect(last.payload.objectValue?["queue_boost"] == true)

            _ = try await db.store.runTransition(.init(
                caseID: opened.id, transition: "close_administratively", inputs: ["reason": "duplicate record"], actor: db.sam))
            let refused = await dossierError {
                _ = try await db.coldCases.addLead(
                    caseID: opened.id, NewLead(source: "x", receivedAt: db.now, summary: "y"), by: db.ivy)
            }
            #expect(refused?.code == .wrongState)
            #expect(try await db.store.verifyChains(caseID: opened.id).isIntact)
        }
    }

    @Test func evidenceIsInventoriedWithUniqueExhibitReferences() async throws {
        try await TestDatabase.withColdCases { db async throws in
            let opened = try await db.openColdCase()
            let item = try await db.coldCases.addEvidence(
                caseID: opened.id,
                NewEvidenceItem(
                    item: "Ligature", exhibitReference: "JS/3", storageLocation: "Wakefield store, bay 12", condition: .degraded,
                    lastVerifiedOn: CalendarDate(year: 2024, month: 5, day: 2), forensicOpportunity: "touch DNA re-test"),
                by: db.ivy)
            let inventory = try await db.coldCases.evidence(caseID: opened.id)
            #expect(inventory.map(\.id) == [item.id])
            #expect(inventory.first?.lastVerifiedOn == CalendarDate(year: 2024, month: 5, day: 2))
            #expect(inventory.first?.forensicOpportunity == "touch DNA re-test")
            #expect(inventory.first?.condition == .degraded)
            let duplicate = await dossierError {
                _ = try await db.coldCases.addEvidence(
                    caseID: opened.id,
                    NewEvidenceItem(item: "Other", exhibitReference: "JS/3", storageLocation: "x", condition: .good), by: db.ivy)
            }
            #expect(duplicate?.code == .alreadyExists)
            #expect(try await db.store.timeline(caseID: opened.id).last?.kind.rawValue == "cold-cases.evidence_added")
        }
    }
}
