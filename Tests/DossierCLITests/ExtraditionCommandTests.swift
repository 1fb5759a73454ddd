import DossierCore
import DossierPostgres
import DossierTesting
import Extradition
import Foundation
import PostgresNIO
import Testing

/// `dossier extradition ...` against a real database.
@Suite struct ExtraditionCommandTests {
    @Test func documentsAreHashedFromTheFileAndUnblockTheRequestStep() async throws {
        try await TestDatabase.with(modules: [Extradition()]) { db async throws in
            let person = try await db.store.createPerson(NewPerson(latinName: "Viktor Sokolov"), by: .system)
            let attributes = #"{"person_id": "\#(person.id.lowercased)", "requesting_state": "US", "requested_state": "FR", "#
                + #""instrument": "ece-1957", "offences": [{"description": "fraud", "legal_provision": "18 U.S.C. §1343", "maximum_penalty": "20 years"}]}"#
            let opened = try await db.dossierJSON(
                "case", "open", "--module", "extradition", "--type", "extradition", "--title", "Extradition of V. Sokolov",
                "--agency", "MET", "--country", "FR", "--attributes", attributes)
            let reference = try #require(opened["reference"] as? String)
            #expect(try await db.dossier("case", "transition", reference, "locate", "--input", "occurred_at=2026-11-19T08:00:00Z").status == 0)
            #expect(try await db.dossier("case", "transition", reference, "provisionally_arrest", "--input", "occurred_at=2026-11-20T08:30:00Z").status == 0)

            let blocked = try await db.dossier("case", "transition", reference, "receive_request")
            #expect(blocked.refusal?.hasPrefix("error: receive_request needs these documents registered first: arrest warrant, statement of facts") == true, "\(blocked.stderr)")

            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let warrant = directory.appendingPathComponent("warrant.pdf")
            try Data("Warrant no. 4411, Tribunal judiciaire de Lyon".utf8).write(to: warrant)
            let added = try await db.dossierJSON(
                "extradition", "documents", "add", reference, "--kind", "arrest_warrant", "--title", "Warrant no. 4411",
                "--file", warrant.path)
            #expect(added["sha256"] as? String == "afd408b165f4e35984397ab634464e2c3aa92c080ab7405fd7c8dba590893add")
            #expect(added["file_name"] as? String == "warrant.pdf")

            let missingFile = try await db.dossier(
                "extradition", "documents", "add", reference, "--kind", "translation", "--title", "t", "--file", "/nonexistent.pdf")
            #expect(missingFile.refusal == "error: --file '/nonexistent.pdf' cannot be read (missing, or no permission)")
            let badKind = try await db.dossier(
                "extradition", "documents", "add", reference, "--kind", "passport", "--title", "t", "--file", warrant.path)
            #expect(badKind.refusal?.hasPrefix("error: --kind 'passport' is not allowed; use arrest_warrant, statement_of_facts") == true)

            for (index, kind) in ["statement_of_facts", "legal_provisions", "translation"].enumerated() {
                let file = directory.appendingPathComponent("\(kind).pdf")
                try Data("document \(index)".utf8).write(to: file)
                #expect(try await db.dossier("extradition", "documents", "add", reference, "--kind", kind, "--title", kind, "--file", file.path).status == 0)
            }
            #expect(try await db.dossier("case", "transition", reference, "receive_request").status == 0)

            let deadlines = try await db.dossierJSON("extradition", "deadlines", reference)
            let listed = try #require(deadlines["deadlines"] as? [[String: Any]])
            #expect(Set(listed.compactMap { $0["status"] as? String }) == ["met"])
            let request = try #require(listed.first { $0["timer"] as? String == "request" })
            // 18 days from 20 November, counted in Paris: the last day is 8 December.
            #expect(request["last_day"] as? String == "2026-12-08")
            #expect(request["ended_by"] as? String == "receive_request")

            let table = try await db.dossier("extradition", "deadlines", reference)
            #expect(table.stdout.contains("request_limit"))
            #expect(table.stdout.contains("ECE 1957 Art. 16(4)"))
            let steps = try await db.dossier("extradition", "steps", reference)
            #expect(steps.stdout.contains("2026-11-20 09:30 Europe/Paris"), "the arrest at 08:30 UTC, on Paris's clock")
            let instruments = try await db.dossier("extradition", "instruments")
            #expect(instruments.stdout.contains("uk-ea-2003-part-2: Extradition Act 2003, Part 2"))
            #expect(instruments.stdout.contains("receive_request needs: arrest warrant, statement of facts, legal provisions, translation"))
        }
    }

    /// `extend` records an extension granted earlier; the board shows the local last day
    /// and the requesting state's clock.
    @Test func anExtensionGrantedEarlierIsRecordedAndTheBoardShowsLocalDays() async throws {
        try await TestDatabase.with(modules: [Extradition()]) { db async throws in
            let person = try await db.store.createPerson(NewPerson(latinName: "Jan Nowak"), by: .system)
            let attributes = #"{"person_id": "\#(person.id.lowercased)", "requesting_state": "PL", "requested_state": "DE", "#
                + #""instrument": "eu-eaw-2002", "offences": [{"description": "fraud", "legal_provision": "Art. 286 Kodeks karny", "maximum_penalty": "8 years"}]}"#
            let opened = try await db.dossierJSON(
                "case", "open", "--module", "extradition", "--type", "extradition", "--title", "Surrender of J. Nowak",
                "--agency", "BKA", "--country", "DE", "--attributes", attributes)
            let reference = try #require(opened["reference"] as? String)
            // The command line runs on the wall clock: steps are dated from it.
            let now = Date()
            let arrest = now.addingTimeInterval(-86_400)
            #expect(try await db.dossier(
                "case", "transition", reference, "locate", "--input",
                "occurred_at=\(now.addingTimeInterval(-2 * 86_400).formatted(.iso8601))").status == 0)
            #expect(try await db.dossier(
                "case", "transition", reference, "arrest_on_request", "--input", "occurred_at=\(arrest.formatted(.iso8601))").status == 0)
            let granted = now.addingTimeInterval(-3600).formatted(.iso8601)
            let refused = try await db.dossier("extradition", "extend", reference, "--timer", "surrender", "--reason", "x")
            #expect(refused.refusal?.contains("allows no extension of the surrender deadline") == true, "\(refused.stderr)")
            let badTime = try await db.dossier(
                "extradition", "extend", reference, "--timer", "decision", "--reason", "x", "--granted-at", "yesterday")
            #expect(badTime.refusal == "error: --granted-at 'yesterday' is not an ISO 8601 timestamp, e.g. 2026-03-10T09:00:00Z")

            let extended = try await db.dossier(
                "extradition", "extend", reference, "--timer", "decision", "--reason", "Art. 17(4): guarantees awaited",
                "--granted-at", granted)
            #expect(extended.status == 0, "\(extended.stderr)")
            let arrestDay = CalendarDate(arrest, in: TimeZone(identifier: "Europe/Berlin")!)
            let lastDay = arrestDay.adding(days: 90).description
            #expect(extended.stdout.contains("extended the decision deadline of \(reference): last day \(lastDay) (Europe/Berlin)"))

            let board = try await db.dossier("extradition", "board")
            #expect(board.stdout.contains("LAST DAY (LOCAL)") && board.stdout.contains("REQUESTING STATE'S CLOCK"))
            let line = try #require(board.stdout.split(separator: "\n").first { $0.contains(reference) && $0.contains("decision") })
            #expect(line.hasPrefix("\(lastDay) Europe/Berlin"), "\(line)")
            #expect(line.contains("\(arrestDay.adding(days: 91)) 00:00 Europe/Warsaw"), "\(line)")
            let deadlines = try await db.dossier("extradition", "deadlines", reference)
            #expect(deadlines.stdout.contains("superseded") && deadlines.stdout.contains("extend_deadline"), "\(deadlines.stdout)")

            // The arrest was an hour earlier: corrected, and the extended decision period moves with it.
            let listed = try await db.dossier("extradition", "steps", reference)
            let arrestLine = try #require(listed.stdout.split(separator: "\n").first { $0.contains("arrest_on_request") })
            let stepID = try #require(arrestLine.split(separator: " ").first { $0.count == 36 && UUID(uuidString: String($0)) != nil })
            let earlier = arrest.addingTimeInterval(-3600).formatted(.iso8601)
            let corrected = try await db.dossier(
                "extradition", "correct", reference, String(stepID), "--occurred-at", earlier, "--reason", "custody record: an hour earlier")
            #expect(corrected.status == 0, "\(corrected.stderr)")
            #expect(corrected.stdout.contains("decision: last day "), "\(corrected.stdout)")
            #expect(try await db.dossier("extradition", "steps", reference).stdout.contains("(corrected: custody record: an hour earlier)"))
            let bad = try await db.dossier("extradition", "correct", reference, "step-1", "--occurred-at", earlier, "--reason", "x")
            #expect(bad.refusal == "error: step 'step-1' is not a step id (a UUID, from `dossier extradition steps`)")
        }
    }

    /// No server runs in this test: the board fires the due timers itself, so a "must
    /// release" deadline that ran out shows with its release task.
    @Test func theBoardOpensReleaseTasksWithoutAServer() async throws {
        try await TestDatabase.with(modules: [Extradition()]) { db async throws in
            let person = try await db.store.createPerson(NewPerson(latinName: "Marko Petrović"), by: .system)
            let attributes = #"{"person_id": "\#(person.id.lowercased)", "requesting_state": "RS", "requested_state": "FR", "#
                + #""instrument": "ece-1957", "offences": [{"description": "fraud", "legal_provision": "Art. 208", "maximum_penalty": "8 years"}]}"#
            let opened = try await db.dossierJSON(
                "case", "open", "--module", "extradition", "--type", "extradition", "--title", "Extradition of M. Petrović",
                "--agency", "MET", "--country", "FR", "--attributes", attributes)
            let reference = try #require(opened["reference"] as? String)
            let now = Date()
            for (name, daysAgo) in [("locate", 45.0), ("provisionally_arrest", 42.0)] {
                let at = now.addingTimeInterval(-daysAgo * 86_400).formatted(.iso8601)
                #expect(try await db.dossier("case", "transition", reference, name, "--input", "occurred_at=\(at)").status == 0)
            }
            let board = try await db.dossier("extradition", "board")
            #expect(board.stderr.contains("fired 3 due timers that no server had run"), "\(board.stderr)")
            let lines = board.stdout.split(separator: "\n").map(String.init)
            func row(_ timer: String, in lines: [String]) throws -> String {
                try #require(lines.first { $0.split(separator: " ").contains(Substring(timer)) }, "\(lines)")
            }
            // Only the "must" deadline opened a release task; the "may" one is overdue without one.
            #expect(try row("request_limit", in: lines).contains("OVERDUE (release task)"))
            let may = try row("request", in: lines)
            #expect(may.contains("OVERDUE") && !may.contains("release task"), "\(may)")
            // The legal basis is whole, wrapped onto lines of its own under its column.
            let basis = "ECE 1957 Art. 16(4): provisional arrest may be terminated if the request and the Art. 12 documents have not arrived within 18 days"
            let start = try #require(lines.firstIndex(of: may))
            let column = try #require(may.range(of: "ECE 1957"))
            let wrapped = ([String(may[column.lowerBound...])] + lines[(start + 1)...].prefix { $0.hasPrefix("      ") }
                .map { $0.trimmingCharacters(in: .whitespaces) }).joined(separator: " ")
            #expect(wrapped == basis, "\(board.stdout)")
            let deadlines = try await db.dossier("extradition", "deadlines", reference)
            #expect(deadlines.stdout.contains("release task") && deadlines.stdout.contains("OPEN"), "\(deadlines.stdout)")
            #expect(try await db.dossier("extradition", "board").stderr.isEmpty, "nothing left to fire")

            // --within leaves out what is further ahead, never what is overdue.
            let soon = try await db.dossierJSON("extradition", "board", "--within", "0")
            let soonEntries = try #require(soon["entries"] as? [[String: Any]])
            #expect(!soonEntries.isEmpty && soonEntries.allSatisfy { $0["overdue"] as? Bool == true }, "\(soonEntries)")
            #expect(try await db.dossier("extradition", "board", "--within=-1").refusal
                == "error: within must be a whole number of days from 0 to 3650, not -1")

            // The release task is resolved from the command line, as over HTTP.
            let held = try await db.dossier(
                "extradition", "lawful-detention", reference, "--note", "Held on a new remand order of the Paris court")
            #expect(held.stdout == "resolved 1 release task on \(reference)\n", "\(held.stderr)")
            let after = try await db.dossier("extradition", "board").stdout.split(separator: "\n").map(String.init)
            #expect(!(try row("request_limit", in: after)).contains("release task"))
            #expect(try await db.dossier("extradition", "first-appearance", reference).refusal
                == "error: \(reference) has no first-appearance deadline running")
        }
    }
}
