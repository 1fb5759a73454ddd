import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import PostgresNIO
import SurveillanceLogs
import Testing

/// `dossier surveillance ...` and `dossier audit verify` over a surveillance log.
@Suite struct SurveillanceCommandTests {
    @Test func anExportVerifiesWithoutTheDatabaseAndATamperedOneIsCaught() async throws {
        try await TestDatabase.with(modules: [SurveillanceLogs()]) { db async throws in
            let opened = try await db.dossierJSON(
                "case", "open", "--module", "surveillance", "--type", "surveillance-operation", "--title", "Operation Kestrel",
                "--agency", "MET", "--country", "GB", "--attributes", #"{"objective": "supply chain", "jurisdiction": "GB"}"#)
            let reference = try #require(opened["reference"] as? String)
            let from = Date().addingTimeInterval(-10 * 86_400).formatted(.iso8601)
            let to = Date().addingTimeInterval(30 * 86_400).formatted(.iso8601)
            let warrant = try await db.dossierJSON(
                "surveillance", "authorise", reference, "--reference", "DS-1", "--basis", "uk-ripa-directed", "--authority", "Supt Walsh",
                "--applicant", "DI Shah", "--approver", "Supt Walsh", "--subject", "Daniel Pryce", "--method", "visual",
                "--from", from, "--to", to)
            let warrantID = try #require(warrant["id"] as? String)
            for (day, text) in [(3.0, "Arrived 09:12."), (2, "Left 17:40."), (1, "Van loaded.")] {
                let at = Date().addingTimeInterval(-day * 86_400).formatted(.iso8601)
                let logged = try await db.dossier(
                    "surveillance", "log", reference, "--authorisation", warrantID, "--at", at, "--location", "Harbour Road",
                    "--subject", "Daniel Pryce", "--method", "visual", "--text", text)
                #expect(logged.status == 0, "\(logged.stderr)")
            }
            let refused = try await db.dossier(
                "surveillance", "log", reference, "--authorisation", warrantID, "--at", from, "--location", "x",
                "--subject", "Leon Marsh", "--method", "visual", "--text", "x")
            #expect(refused.refusal == "error: subject 'Leon Marsh' is not covered by authorisation DS-1 (it covers Daniel Pryce)")

            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
            defer { try? FileManager.default.removeItem(at: directory) }
            let exported = try await db.dossier("surveillance", "export", reference, "--output", directory.path)
            #expect(exported.status == 0, "\(exported.stderr)")
            let file = directory.appendingPathComponent("\(reference).jsonl")
            for written in [file.path, file.path + ".manifest.json"] {
                let permissions = try FileManager.default.attributesOfItem(atPath: written)[.posixPermissions] as? Int
                #expect(permissions == 0o600, "\(written) is readable by its owner only")
            }

            let publicKey = try String(contentsOf: db.checkpointDirectory.appending(path: "signing-key.pub"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(exported.stdout.contains("signed by key \(publicKey): give the recipient this key"), "\(exported.stdout)")
            // Without the exporter's key the file and manifest are checked, but not authenticated.
            let unpinned = try await DossierBinary.run(["surveillance", "verify", file.path], databaseURL: nil)
            #expect(unpinned.status == 1, "\(unpinned.stdout) \(unpinned.stderr)")
            #expect(unpinned.stdout.hasPrefix(
                "NOT AUTHENTICATED \(file.path): 3 entries and 1 authorisations match the manifest, signed by key \(publicKey)"),
                "\(unpinned.stdout)")
            let pinned = try await DossierBinary.run(["surveillance", "verify", file.path, "--public-key", publicKey], databaseURL: nil)
            #expect(pinned.status == 0, "\(pinned.stdout) \(pinned.stderr)")
            #expect(pinned.stdout.hasPrefix("verified \(file.path): 3 entries and 1 authorisations"))
            #expect(pinned.stdout.hasSuffix("matches the manifest signed by the exporter's key \(publicKey)\n"), "\(pinned.stdout)")
            let otherKey = SigningKey().publicKeyHex
            let impostor = try await DossierBinary.run(["surveillance", "verify", file.path, "--public-key", otherKey], databaseURL: nil)
            #expect(impostor.status == 1)
            #expect(impostor.stdout.contains("manifest: the manifest is signed by key \(publicKey), not the pinned key \(otherKey)"))
            let badKey = try await DossierBinary.run(["surveillance", "verify", file.path, "--public-key", "12ab"], databaseURL: nil)
            #expect(badKey.status != 0 && badKey.stderr.contains("'12ab' is not a public key: expected 64 hexadecimal digits"))

            // The last line removed, with the manifest: caught; without it: not verified at all.
            let text = try String(contentsOf: file, encoding: .utf8)
            let truncated = directory.appendingPathComponent("truncated.jsonl")
            try Data((text.split(separator: "\n").dropLast().joined(separator: "\n") + "\n").utf8).write(to: truncated)
            let short = try await DossierBinary.run(
                ["surveillance", "verify", truncated.path, "--manifest", file.path + ".manifest.json"], databaseURL: nil)
            #expect(short.status == 1, "\(short.stdout)")
            #expect(short.stdout.hasPrefix("NOT VERIFIED"), "\(short.stdout)")
            // What the signature stops: the manifest rewritten to match the shortened file.
            let manifestURL = URL(fileURLWithPath: file.path + ".manifest.json")
            var forged = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as? [String: Any])
            let lastKept = try #require(text.split(separator: "\n").dropLast().last)
            let keptHash = try #require((try JSONSerialization.jsonObject(with: Data(lastKept.utf8)) as? [String: Any])?["hash"])
            forged["entries"] = 2
            forged["last_sequence"] = 2
            forged["chain_head"] = keptHash
            let forgedURL = directory.appendingPathComponent("forged.manifest.json")
            try JSONSerialization.data(withJSONObject: forged).write(to: forgedURL)
            let forgery = try await DossierBinary.run(["surveillance", "verify", truncated.path, "--manifest", forgedURL.path], databaseURL: nil)
            #expect(forgery.status == 1)
            #expect(forgery.stdout.contains("manifest: the manifest's signature does not verify"), "\(forgery.stdout)")
            forged["signature"] = nil
            try JSONSerialization.data(withJSONObject: forged).write(to: forgedURL)
            let unsigned = try await DossierBinary.run(["surveillance", "verify", truncated.path, "--manifest", forgedURL.path], databaseURL: nil)
            #expect(unsigned.status == 1)
            #expect(unsigned.stdout.contains("manifest: the manifest is not signed"), "\(unsigned.stdout)")
            let bare = try await DossierBinary.run(["surveillance", "verify", truncated.path], databaseURL: nil)
            #expect(bare.status == 1)
            #expect(bare.stderr.contains("a disclosure is verified against its manifest"), "\(bare.stderr)")

            try Data(text.replacingOccurrences(of: "Left 17:40.", with: "Left 18:40.").utf8).write(to: file)
            let tampered = try await DossierBinary.run(["surveillance", "verify", file.path], databaseURL: nil)
            #expect(tampered.status == 1)
            #expect(tampered.stdout == "NOT VERIFIED \(file.path): line 3: entry 2 was altered: its content does not match its hash\n")

            #expect(try await db.dossier("audit", "verify").status == 0)
            try await db.asSuperuser(
                """
                ALTER TABLE surveillance_entries DISABLE TRIGGER surveillance_entries_no_update_or_delete;
                UPDATE surveillance_entries SET subject = 'Leon Marsh' WHERE sequence = 3;
                ALTER TABLE surveillance_entries ENABLE TRIGGER surveillance_entries_no_update_or_delete;
                """)
            let audit = try await db.dossier("audit", "verify")
            #expect(audit.status == 1)
            #expect(audit.stdout.contains("BROKEN \(reference) (surveillance): entry 3 was altered: its content does not match its hash"))
        }
    }
}
