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
            let opened = try db.dossierJSON(
                "case", "open", "--module", "extradition", "--type", "extradition", "--title", "Extradition of V. Sokolov",
                "--agency", "MET", "--country", "FR", "--attributes", attributes)
            let reference = try #require(opened["reference"] as? String)
            #expect(try db.dossier("case", "transition", reference, "locate").status == 0)
            #expect(try db.dossier("case", "transition", reference, "provisionally_arrest", "--input", "occurred_at=2026-11-20T08:30:00Z").status == 0)

            let blocked = try db.dossier("case", "transition", reference, "receive_request")
            #expect(blocked.refusal?.hasPrefix("error: receive_request needs these documents registered first: arrest warrant, statement of facts") == true, "\(blocked.stderr)")

            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let warrant = directory.appendingPathComponent("warrant.pdf")
            try Data("Warrant no. 4411, Tribunal judiciaire de Lyon".utf8).write(to: warrant)
            let added = try db.dossierJSON(
                "extradition", "documents", "add", reference, "--kind", "arrest_warrant", "--title", "Warrant no. 4411",
                "--file", warrant.path)
            #expect(added["sha256"] as? String == "afd408b165f4e35984397ab634464e2c3aa92c080ab7405fd7c8dba590893add")
            #expect(added["file_name"] as? String == "warrant.pdf")

            let missingFile = try db.dossier(
                "extradition", "documents", "add", reference, "--kind", "translation", "--title", "t", "--file", "/nonexistent.pdf")
            #expect(missingFile.refusal == "error: --file '/nonexistent.pdf' cannot be read (missing, or no permission)")
            let badKind = try db.dossier(
                "extradition", "documents", "add", reference, "--kind", "passport", "--title", "t", "--file", warrant.path)
            #expect(badKind.refusal?.hasPrefix("error: --kind 'passport' is not allowed; use arrest_warrant, statement_of_facts") == true)

            for (index, kind) in ["statement_of_facts", "legal_provisions", "translation"].enumerated() {
                let file = directory.appendingPathComponent("\(kind).pdf")
                try Data("document \(index)".utf8).write(to: file)
                #expect(try db.dossier("extradition", "documents", "add", reference, "--kind", kind, "--title", kind, "--file", file.path).status == 0)
            }
            #expect(try db.dossier("case", "transition", reference, "receive_request").status == 0)

            let deadlines = try db.dossierJSON("extradition", "deadlines", reference)
            let listed = try #require(deadlines["deadlines"] as? [[String: Any]])
            #expect(Set(listed.compactMap { $0["status"] as? String }) == ["met"])
            let request = try #require(listed.first { $0["timer"] as? String == "request" })
            // 18 days from 20 November, counted in Paris: the last day is 8 December.
            #expect(request["last_day"] as? String == "2026-12-08")
            #expect(request["ended_by"] as? String == "receive_request")

            let table = try db.dossier("extradition", "deadlines", reference)
            #expect(table.stdout.contains("request_limit"))
            #expect(table.stdout.contains("ECE 1957 Art. 16(4)"))
            let steps = try db.dossier("extradition", "steps", reference)
            #expect(steps.stdout.contains("2026-11-20T08:30:00Z"))
            let instruments = try db.dossier("extradition", "instruments")
            #expect(instruments.stdout.contains("uk-ea-2003-part-2: Extradition Act 2003, Part 2"))
            #expect(instruments.stdout.contains("receive_request needs: arrest warrant, statement of facts, legal provisions, translation"))
        }
    }
}
