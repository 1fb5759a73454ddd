import ColdCases
import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import Testing

/// `dossier case ...` and `dossier audit verify` on cold cases, through the built binary.
@Suite struct CaseCommandTests {
    @Test func showGivesTheCasePartiesTimersWithDueDatesAndWhyTransitionsAreBlocked() async throws {
        try await TestDatabase.with(modules: [ColdCases()]) { db async throws in
            let reference = try await db.openColdCase(wentColdOn: "1995-09-01")
            let person = try await db.dossierJSON("person", "add", "--name", "Marlon Reid", "--nationality", "JM")
            let personID = try #require(person["id"] as? String)
            // Through the store: `case party add --role` collides with the shared `--role` option.
            try await db.store.addParty(
                caseID: try await db.store.getCase(reference: reference).id, personID: try #require(UUID(uuidString: personID)),
                role: .suspect, by: .system)

            let view = try await db.dossierJSON("case", "show", reference, "--as", "ivy", "--as-role", "investigator")
            #expect(Set(view.keys) == ["case", "parties", "members", "timers", "transitions"])
            let shown = try #require(view["case"] as? [String: Any])
            #expect(shown["reference"] as? String == reference)
            #expect(shown["state"] as? String == "cold")
            #expect(shown["version"] as? Int == 2)
            #expect(shown["owning_agency"] as? String == "WYP")
            #expect((shown["attributes"] as? [String: Any])?["went_cold_on"] as? String == "1995-09-01")

            let parties = try #require(view["parties"] as? [[String: Any]])
            #expect(parties.count == 1)
            #expect(parties.first?["person_id"] as? String == personID.uppercased())
            #expect(parties.first?["name"] as? String == "Marlon Reid")
            #expect(parties.first?["role"] as? String == "suspect")

            // The first review falls due 28 days after the case went cold (ACPO MIRSAP).
            let timers = try #require(view["timers"] as? [[String: Any]])
            let reviewDue = try #require(timers.first { $0["name"] as? String == "review_due" })
            #expect(reviewDue["due_at"] as? String == "1995-09-30T00:00:00Z")
            #expect(reviewDue["status"] as? String == "running")
            #expect((reviewDue["legal_basis"] as? String)?.contains("MIRSAP") == true)

            let transitions = try #require(view["transitions"] as? [[String: Any]])
            let start = try #require(transitions.first { $0["transition"] as? String == "start_review" })
            #expect(start["available"] as? Bool == true)
            #expect(start["to"] as? String == "under_review")
            let close = try #require(transitions.first { $0["transition"] as? String == "close_administratively" })
            #expect(close["available"] as? Bool == false)
            #expect(close["blocked_because"] as? String == "transition 'close_administratively' needs the role supervisor; ivy has investigator")

            let table = try await db.dossier("case", "show", reference, "--as", "ivy", "--as-role", "investigator")
            #expect(table.stdout.contains("✗ close_administratively -> admin_closed: transition 'close_administratively' needs the role supervisor"))
            #expect(table.stdout.contains("review_due"))
        }
    }

    @Test func listFiltersAndPagesWithACursor() async throws {
        try await TestDatabase.with(modules: [ColdCases()]) { db async throws in
            var references: [String] = []
            for index in 1...3 { references.append(try await db.openColdCase(title: "Murder in Leeds \(index)")) }
            for index in 1...2 {
                references.append(try await db.openColdCase(
                    title: "Harbour killing \(index)", agency: "NYPD", country: "US", tags: ["waterfront"]))
            }

            func listed(_ arguments: String...) async throws -> [String] {
                let page = try await DossierBinary.run(["case", "list", "--json"] + arguments, databaseURL: db.url)
                #expect(page.status == 0, "\(page.stderr)")
                let cases = (try page.json() as? [String: Any])?["cases"] as? [[String: Any]] ?? []
                return cases.compactMap { $0["reference"] as? String }
            }
            #expect(try await listed("--country", "US") == [references[4], references[3]])
            #expect(try await listed("--tag", "waterfront").count == 2)
            #expect(try await listed("--text", "harbour").count == 2)
            #expect(try await listed("--module", "cold-cases", "--state", "cold").count == 5)
            #expect(try await listed("--state", "under_review").isEmpty)

            // Newest first, two a page, each case exactly once.
            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let run = try await DossierBinary.run(
                    ["case", "list", "--limit", "2"] + (cursor.map { ["--cursor", $0] } ?? []), databaseURL: db.url)
                #expect(run.status == 0, "\(run.stderr)")
                let lines = run.stdout.split(separator: "\n").map(String.init)
                #expect(lines.first?.hasPrefix("REFERENCE") == true)
                seen += lines.dropFirst().filter { $0.hasPrefix("COLD-") }.map { String($0.prefix { $0 != " " }) }
                cursor = lines.last.flatMap { $0.hasPrefix("more: --cursor ") ? String($0.dropFirst(15)) : nil }
                pages += 1
            } while cursor != nil && pages < 10
            #expect(pages == 3)
            #expect(seen == references.reversed())
        }
    }

    @Test func transitionMovesTheCaseAndPrintsTheNewVersion() async throws {
        try await TestDatabase.with(modules: [ColdCases()]) { db async throws in
            let reference = try await db.openColdCase()
            let moved = try await db.dossier(
                "case", "transition", reference, "start_review", "--input", "review_id=\(UUID().uuidString)",
                "--input", "review_type=periodic")
            #expect(moved.status == 0, "\(moved.stderr)")
            #expect(moved.stdout == "\(reference): cold -> under_review (version 2)\n")
            let listed = try await db.dossierJSON("case", "list", "--state", "under_review")
            #expect((listed["cases"] as? [[String: Any]])?.first?["reference"] as? String == reference)
            // A state no workflow has is refused with those that exist, not an empty table.
            let frozen = try #require(try await db.dossier("case", "list", "--state", "frozen").refusal)
            #expect(frozen.hasPrefix("""
                error: state 'frozen' is in no workflow of the cases asked for; the states are cold-case: cold, \
                under_review, reopened, cleared_arrest, cleared_exceptional, admin_closed;
                """), "\(frozen)")
            let module = try #require(try await db.dossier("case", "list", "--module", "cold-case").refusal)
            #expect(module.hasPrefix("error: module 'cold-case' does not exist; the modules are cold-cases, "), "\(module)")
        }
    }

    @Test func everyTransitionRefusalIsOneLineAndExitsOne() async throws {
        try await TestDatabase.with(modules: [ColdCases()]) { db async throws in
            let reference = try await db.openColdCase()
            func refusal(_ arguments: String...) async throws -> String? {
                try await DossierBinary.run(["case", "transition", reference] + arguments, databaseURL: db.url).refusal
            }
            #expect(try await refusal("solve") == "error: transition 'solve' does not exist in workflow 'cold-case' "
                + "(transitions: start_review, complete_review, reopen, return_to_cold, clear_by_arrest, clear_exceptionally, close_administratively)")
            #expect(try await refusal("clear_by_arrest", "--input", "arrested_on=2026-01-02", "--input", "charge=murder")
                == "error: transition 'clear_by_arrest' cannot run from state 'cold'; it runs from reopened "
                + "(from 'cold': start_review, close_administratively)")
            #expect(try await refusal("close_administratively", "--input", "reason=duplicate", "--as", "ivy", "--as-role", "investigator")
                == "error: transition 'close_administratively' needs the role supervisor; ivy has investigator")
            #expect(try await refusal("close_administratively")
                == "error: input 'reason' is required by transition 'close_administratively' (string)")
            #expect(try await refusal("close_administratively", "--input", "colour=red", "--input", "reason=duplicate")
                == "error: input 'colour' is not taken by transition 'close_administratively' (it takes reason)")
            #expect(try await refusal("start_review", "--input", "review_id=\(UUID().uuidString)", "--input", "review_type=yearly")
                == "error: input 'review_type' must be one of periodic, new_information, forensic, not 'yearly'")
            #expect(try await refusal("close_administratively", "--input", "reason=duplicate", "--expect-version", "7")
                == "error: case \(reference) is at version 1, not 7; reload it and try again")
            #expect(try await refusal("close_administratively", "--input", "reason", "--input", "x")
                == "error: input 'reason' must be key=value")
            // The module's hook: approving needs a recorded review.
            let startedID = UUID().uuidString
            #expect(try await db.dossier(
                "case", "transition", reference, "start_review", "--input", "review_id=\(startedID)",
                "--input", "review_type=periodic").status == 0)
            #expect(try await refusal("complete_review", "--input", "review_id=\(startedID)")
                == "error: review \(startedID.lowercased()) has not been recorded yet: local:\(Self.login) records "
                + "the factors, findings and decision before a supervisor approves it")
            let shown = try await db.dossierJSON("case", "show", reference)
            #expect((shown["case"] as? [String: Any])?["version"] as? Int == 2)
        }
    }

    @Test func notesLandOnTheHashChainedTimeline() async throws {
        try await TestDatabase.with(modules: [ColdCases()]) { db async throws in
            let reference = try await db.openColdCase()
            let noted = try await db.dossier("case", "note", reference, "Exhibit 12 located in store B")
            #expect(noted.stdout == "noted on \(reference) (event 2)\n")

            let run = try await db.dossier("case", "timeline", reference, "--json")
            #expect(run.status == 0, "\(run.stderr)")
            let events = try #require(try run.json() as? [[String: Any]])
            #expect(events.map { $0["kind"] as? String } == ["opened", "note"])
            #expect(events.map { $0["sequence"] as? Int } == [1, 2])
            #expect(events[0]["previous_hash"] as? String == String(repeating: "0", count: 64))
            #expect(events[1]["previous_hash"] as? String == events[0]["hash"] as? String)
            for event in events {
                let hash = try #require(event["hash"] as? String)
                #expect(hash.count == 64 && hash.allSatisfy(\.isHexDigit))
            }
            #expect((events[1]["payload"] as? [String: Any])?["text"] as? String == "Exhibit 12 located in store B")

            let table = try await db.dossier("case", "timeline", reference)
            #expect(table.stdout.contains("note    Exhibit 12 located in store B"))
        }
    }

    @Test func auditVerifyNamesTheFirstEventASuperuserAltered() async throws {
        try await TestDatabase.with(modules: [ColdCases()]) { db async throws in
            let reference = try await db.openColdCase()
            _ = try await db.dossier("case", "note", reference, "First note")
            _ = try await db.dossier("case", "note", reference, "Second note")
            let untouched = try await db.openColdCase(title: "Untouched")
            #expect(try await db.dossier("audit", "verify").status == 0)

            try await db.asSuperuser("""
                ALTER TABLE case_events DISABLE TRIGGER case_events_append_only;
                UPDATE case_events SET payload = '{"text": "Nothing to see"}'
                    WHERE sequence = 2 AND case_id = (SELECT id FROM cases WHERE reference = '\(reference)');
                ALTER TABLE case_events ENABLE TRIGGER case_events_append_only;
                """)
            let verified = try await db.dossier("audit", "verify")
            #expect(verified.status == 1)
            #expect(verified.stdout.contains("BROKEN \(reference) (events): event 2 was altered: its content does not match its hash"))
            #expect(!verified.stdout.contains(untouched))
            #expect(verified.stdout.hasPrefix("BROKEN") && verified.stdout.contains("checked: 1 broken\n"))

            let report = try await DossierBinary.run(["audit", "verify", "--json"], databaseURL: db.url)
            #expect(report.status == 1)
            let json = try #require(try report.json() as? [String: Any])
            #expect(json["intact"] as? Bool == false)
            let broken = try #require((json["broken"] as? [[String: Any]])?.first)
            #expect(broken["reference"] as? String == reference)
            #expect(broken["sequence"] as? Int == 2)
            #expect(try await db.dossier("audit", "verify", "--case", untouched).status == 0)
        }
    }

    /// The local operator the binary acts as without `--as`.
    static var login: String {
        ProcessInfo.processInfo.environment["USER"] ?? (geteuid() == 0 ? "root" : "operator")
    }
}
