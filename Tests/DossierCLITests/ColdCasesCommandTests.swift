import ColdCases
import DossierCore
import DossierTesting
import Foundation
import Testing

/// `dossier cold-cases ...` through the built binary.
@Suite struct ColdCasesCommandTests {
    @Test func everyColdCasesCommandHasHelpWithExamples() async throws {
        let commands = [
            [], ["queue"], ["overdue"], ["review"], ["review", "start"], ["review", "record"], ["review", "approve"],
            ["lead", "add"], ["evidence", "add"], ["limitations"],
        ]
        for command in commands {
            let help = try await DossierBinary.run(["cold-cases"] + command + ["--help"], databaseURL: nil)
            #expect(help.status == 0, "\(command)")
            #expect(help.stdout.contains("USAGE"), "\(command)")
            #expect(help.stdout.contains("Examples:"), "\(command)")
        }
        let record = try await DossierBinary.run(["cold-cases", "review", "record", "--help"], databaseURL: nil)
        for flag in ["--suspect-identified", "--forensic-evidence", "--witnesses-available", "--family-contact",
                     "--new-technique", "--no-limitation-open", "--findings", "--recommendations", "--decision"] {
            #expect(record.stdout.contains(flag), "\(flag)")
        }
    }

    @Test func aReviewIsStartedRecordedAndApprovedByAnotherSupervisor() async throws {
        try await TestDatabase.with(modules: [ColdCases()]) { db async throws in
            let reference = try await db.openColdCase()
            let started = try await db.dossierJSON(
                "cold-cases", "review", "start", reference, "--type", "new_information", "--as", "ivy", "--as-role", "investigator")
            #expect(started["status"] as? String == "in_progress")
            #expect(started["case_state"] as? String == "under_review")
            #expect(started["reviewer"] as? String == "ivy")
            #expect(started["type"] as? String == "new_information")
            let reviewID = try #require(started["id"] as? String)

            let byOther = try await db.dossier(
                "cold-cases", "review", "record", reviewID, "--findings", "x", "--decision", "reopen", "--as", "sam", "--as-role", "supervisor")
            #expect(byOther.refusal == "error: review \(reviewID.lowercased()) is conducted by ivy; only the reviewer records it")

            let recorded = try await db.dossierJSON(
                "cold-cases", "review", "record", reviewID, "--suspect-identified", "--forensic-evidence",
                "--findings", "Partial profile on JS/3 matches the suspect", "--recommendations", "Submit JS/3 for DNA-17",
                "--decision", "reopen", "--as", "ivy", "--as-role", "investigator")
            #expect(recorded["status"] as? String == "awaiting_approval")
            #expect(recorded["score"] as? Int == 65)
            #expect(recorded["tier"] as? Int == 1)
            #expect(recorded["decision"] as? String == "reopen")
            let factors = try #require(recorded["factors"] as? [String: Bool])
            #expect(factors == [
                "suspect_identified": true, "forensic_evidence": true, "witnesses_available": false,
                "family_contact": false, "new_technique": false, "limitation_open": true,
            ])
            #expect((recorded["points"] as? [String: Int])?["suspect_identified"] == 30)

            // Segregation of duties: the reviewer cannot approve, even holding the supervisor role.
            let ownApproval = try await db.dossier("cold-cases", "review", "approve", reviewID, "--as", "ivy", "--as-role", "supervisor")
            #expect(ownApproval.refusal == "error: segregation of duties: ivy conducted review \(reviewID.lowercased()) of "
                + "\(reference) and cannot approve it; another supervisor must")
            let byInvestigator = try await db.dossier("cold-cases", "review", "approve", reviewID, "--as", "rob", "--as-role", "investigator")
            #expect(byInvestigator.refusal == "error: transition 'reopen' needs the role supervisor; rob has investigator")

            let approved = try await db.dossier("cold-cases", "review", "approve", reviewID, "--as", "sam", "--as-role", "supervisor")
            #expect(approved.stdout == "approved review \(reviewID.lowercased()) by sam: \(reference) is reopened for active investigation\n")
            let shown = try await db.dossierJSON("case", "show", reference)
            #expect((shown["case"] as? [String: Any])?["state"] as? String == "reopened")
        }
    }

    @Test func reviewCommandsRefuseWhatIsNotAReview() async throws {
        try await TestDatabase.with(modules: [ColdCases()]) { db async throws in
            let notAnID = try await db.dossier("cold-cases", "review", "approve", "COLD-2026-000001")
            #expect(notAnID.refusal == "error: 'COLD-2026-000001' is not a review id (a UUID, as `review start` prints)")
            let missing = UUID().uuidString.lowercased()
            #expect(try await db.dossier("cold-cases", "review", "approve", missing).refusal == "error: review \(missing) does not exist")
            let reference = try await db.openColdCase()
            let started = try await db.dossierJSON("cold-cases", "review", "start", reference, "--type", "periodic")
            let unrecorded = try await db.dossier("cold-cases", "review", "approve", try #require(started["id"] as? String))
            #expect(unrecorded.refusal?.hasSuffix("records the factors, findings and decision before a supervisor approves it") == true)
            let again = try await db.dossier("cold-cases", "review", "start", reference, "--type", "periodic")
            #expect(again.refusal?.hasPrefix("error: transition 'start_review' cannot run from state 'under_review'") == true)
        }
    }

    /// Starts, records and approves (as another supervisor) a review keeping the case cold.
    func keepCold(_ reference: String, _ factors: [String], in db: TestDatabase) async throws {
        let started = try await db.dossierJSON("cold-cases", "review", "start", reference, "--type", "periodic", "--as", "ivy", "--as-role", "investigator")
        let id = try #require(started["id"] as? String)
        let recorded = try await DossierBinary.run(
            ["cold-cases", "review", "record", id, "--findings", "Reviewed the file", "--decision", "remain_cold",
             "--as", "ivy", "--as-role", "investigator"] + factors,
            databaseURL: db.url)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let approved = try await db.dossierJSON("cold-cases", "review", "approve", id, "--as", "sam", "--as-role", "supervisor")
        #expect(approved["status"] as? String == "approved")
        #expect(approved["approver"] as? String == "sam")
        #expect(approved["next_review_due"] is String)
    }

    @Test func theQueueTakesLeadsFirstThenTierScoreAndTheLongestOverdue() async throws {
        try await TestDatabase.with(modules: [ColdCases()]) { db async throws in
            let tierTwo = try await db.openColdCase(title: "Tier two")
            let tierOne = try await db.openColdCase(title: "Tier one")
            let neverReviewed = try await db.openColdCase(title: "Never reviewed")
            let withLead = try await db.openColdCase(title: "With a lead", wentColdOn: "2001-01-01")
            try await keepCold(tierTwo, ["--forensic-evidence"], in: db)
            try await keepCold(tierOne, ["--suspect-identified", "--forensic-evidence"], in: db)
            let lead = try await db.dossierJSON(
                "cold-cases", "lead", "add", withLead, "--source", "Crimestoppers", "--summary", "Caller names the driver",
                "--assigned-to", "ivy")
            #expect(lead["queue_boost"] as? Bool == true)
            #expect(lead["assigned_to"] as? String == "ivy")

            let queue = try await db.dossierJSON("cold-cases", "queue")
            let entries = try #require(queue["entries"] as? [[String: Any]])
            #expect(entries.map { $0["reference"] as? String } == [withLead, tierOne, tierTwo, neverReviewed])
            #expect(entries.map { $0["tier"] as? Int } == [3, 1, 2, 3])
            #expect(entries.map { $0["score"] as? Int } == [0, 65, 35, 0])
            #expect(entries.map { $0["boosted"] as? Bool } == [true, false, false, false])
            #expect(queue["next_cursor"] == nil)

            // Two a page: a full page names the next one's cursor.
            let first = try await db.dossier("cold-cases", "queue", "--limit", "2")
            let lines = first.stdout.split(separator: "\n").map(String.init)
            #expect(lines[0].split(separator: " ", omittingEmptySubsequences: true).prefix(4) == ["REFERENCE", "TIER", "SCORE", "LEAD"])
            #expect(lines[1].hasPrefix(withLead) && lines[2].hasPrefix(tierOne))
            let cursor = try #require(lines.last.flatMap { $0.hasPrefix("more: --cursor ") ? String($0.dropFirst(15)) : nil })
            let second = try await db.dossierJSON("cold-cases", "queue", "--limit", "2", "--cursor", cursor)
            #expect((second["entries"] as? [[String: Any]])?.map { $0["reference"] as? String } == [tierTwo, neverReviewed])
            let bad = try await db.dossier("cold-cases", "queue", "--cursor", "nonsense")
            #expect(bad.refusal == "error: --cursor 'nonsense' is not a cursor this list printed")

            // Only the never-reviewed cases are overdue (the others are due in 24 months), the longest first.
            let overdue = try await db.dossierJSON("cold-cases", "overdue")
            let late = try #require(overdue["entries"] as? [[String: Any]])
            #expect(late.map { $0["reference"] as? String } == [neverReviewed, withLead])
            #expect((late.first?["overdue_days"] as? Int ?? 0) > 365 * 30)

            // A lead's answer says where the case now stands, as the queue itself lists it.
            let secondLead = try await db.dossier("cold-cases", "lead", "add", tierTwo, "--source", "Crimestoppers", "--summary", "Caller names the driver")
            let after = try #require(try await db.dossierJSON("cold-cases", "queue")["entries"] as? [[String: Any]])
            let place = try #require(after.firstIndex { $0["reference"] as? String == tierTwo }) + 1
            #expect(place <= 2, "a lead moves the case among those with leads")
            #expect(secondLead.stdout.hasSuffix(
                "on \(tierTwo); the case is now \(place) of \(after.count) in your review queue, where cases with new leads come first\n"))
        }
    }

    @Test func leadsAndEvidenceAreRecordedAndRefusedOnceClosedOrDuplicated() async throws {
        try await TestDatabase.with(modules: [ColdCases()]) { db async throws in
            let reference = try await db.openColdCase()
            let evidence = try await db.dossierJSON(
                "cold-cases", "evidence", "add", reference, "--item", "Cigarette end", "--exhibit", "JS/3",
                "--location", "Wakefield store, bay 14", "--condition", "good", "--forensic-opportunity", "touch DNA",
                "--verified-on", "2026-02-11")
            #expect(evidence["exhibit_reference"] as? String == "JS/3")
            #expect(evidence["condition"] as? String == "good")
            #expect(evidence["forensic_opportunity"] as? String == "touch DNA")
            #expect(evidence["last_verified_on"] as? String == "2026-02-11")
            #expect(evidence["submission_status"] as? String == "not_submitted")
            #expect(evidence["case_reference"] as? String == reference)

            let duplicate = try await db.dossier(
                "cold-cases", "evidence", "add", reference, "--item", "Another", "--exhibit", "JS/3", "--location", "x",
                "--condition", "poor")
            #expect(duplicate.refusal == "error: exhibitReference 'JS/3' is already in \(reference)'s inventory")
            let badDate = try await db.dossier(
                "cold-cases", "evidence", "add", reference, "--item", "Knife", "--exhibit", "JS/4", "--location", "x",
                "--condition", "poor", "--verified-on", "11/02/2026")
            #expect(badDate.refusal == "error: date '11/02/2026' is not a valid YYYY-MM-DD date")

            let lead = try await db.dossier("cold-cases", "lead", "add", reference, "--source", "NDNAD hit", "--summary", "Match")
            #expect(lead.stdout.hasSuffix(
                "on \(reference); the case is now 1 of 1 in your review queue, where cases with new leads come first\n"))

            _ = try await db.dossier("case", "transition", reference, "close_administratively", "--input", "reason=duplicate file")
            let closed = try await db.dossier("cold-cases", "lead", "add", reference, "--source", "Tip", "--summary", "Late call")
            #expect(closed.refusal == "error: \(reference) is closed (admin_closed); a lead cannot be added to it")
            let missing = try await db.dossier("cold-cases", "lead", "add", "COLD-1999-000001", "--source", "Tip", "--summary", "x")
            #expect(missing.refusal == "error: case COLD-1999-000001 does not exist")
        }
    }

    @Test func limitationsListsOpenCasesWhoseDateIsNearSoonestFirst() async throws {
        // The binary counts days from the system clock: the test and it must agree on the day.
        try await waitUntilClearOfMidnightUTC()
        try await TestDatabase.with(modules: [ColdCases()]) { db async throws in
            let today = CalendarDate(Date(), in: .gmt)
            let soon = try await db.openColdCase(title: "Soon", limitationDate: today.adding(days: 30).description)
            let later = try await db.openColdCase(title: "Later", limitationDate: today.adding(days: 200).description)
            _ = try await db.openColdCase(title: "Next year", limitationDate: today.adding(days: 500).description)
            _ = try await db.openColdCase(title: "No limitation")
            let closed = try await db.openColdCase(title: "Closed", limitationDate: today.adding(days: 10).description)
            _ = try await db.dossier("case", "transition", closed, "close_administratively", "--input", "reason=duplicate file")

            let within = try await db.dossierJSON("cold-cases", "limitations")
            let cases = try #require(within["cases"] as? [[String: Any]])
            #expect(cases.map { $0["reference"] as? String } == [soon, later])
            #expect(cases.map { $0["days_remaining"] as? Int } == [30, 200])
            #expect(cases.first?["limitation_date"] as? String == today.adding(days: 30).description)

            let table = try await db.dossier("cold-cases", "limitations", "--within", "90")
            #expect(table.stdout.split(separator: "\n").count == 2)
            #expect(table.stdout.contains("\(soon)  cold   \(today.adding(days: 30))  30"))
            let none = try await db.dossier("cold-cases", "limitations", "--within", "5")
            #expect(none.stdout == "no open cold case reaches its limitation date within 5 days\n")
            #expect(try await db.dossier("cold-cases", "limitations", "--within", "5000").refusal
                == "error: within must be a whole number of days from 0 to 3650, not 5000")
        }
    }
}

/// The `dossier` binary reads the system clock; a test that compares its day counts with
/// its own starts at least two minutes before a UTC midnight, or just after one.
func waitUntilClearOfMidnightUTC(now: Date = Date()) async throws {
    let intoDay = now.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400)
    let left = 86_400 - intoDay
    if left < 120 { try await Task.sleep(for: .seconds(left + 2)) }
}

