import ColdCases
import DossierCore
import DossierTesting
import Foundation
import Testing

/// `dossier audit checkpoint` and `dossier audit verify` against its newest checkpoint.
@Suite struct AuditCheckpointCommandTests {
    @Test func aTailRemovedAfterACheckpointIsNamedByVerifyAndByTheNextCheckpoint() async throws {
        try await TestDatabase.with(modules: [ColdCases()]) { db async throws in
            defer { try? FileManager.default.removeItem(at: db.checkpointDirectory) }
            let reference = try await db.openColdCase()
            #expect(try await db.dossier("case", "note", reference, "Exhibit 12 located").status == 0)
            let unanchored = try await db.dossier("audit", "verify")
            #expect(unanchored.status == 0)
            #expect(unanchored.stdout.contains("no signed checkpoint to compare with"), "\(unanchored.stdout)")

            #expect(!FileManager.default.fileExists(atPath: db.checkpointDirectory.path), "reading commands create no key")
            let nothingPinned = try await db.dossier("audit", "verify", "--public-key", SigningKey().publicKeyHex)
            #expect(nothingPinned.status == 1)
            #expect(nothingPinned.stdout.contains("BROKEN checkpoint: no checkpoint directory with a signing key"), "\(nothingPinned.stdout)")

            let taken = try await db.dossier("audit", "checkpoint")
            #expect(taken.status == 0, "\(taken.stderr)")
            let publicKey = try String(contentsOf: db.checkpointDirectory.appending(path: "signing-key.pub"), encoding: .utf8)
                .trimmingCharacters(in: .newlines)
            #expect(taken.stdout.hasPrefix("wrote \(db.checkpointDirectory.path)/checkpoint-"), "\(taken.stdout)")
            #expect(taken.stdout.hasSuffix(".dcp: 1 chain, signed by \(publicKey)\n"), "\(taken.stdout)")
            let verified = try await db.dossier("audit", "verify")
            #expect(verified.status == 0)
            #expect(verified.stdout.contains("(1 chain): nothing it holds is missing"), "\(verified.stdout)")

            try await db.asSuperuser("""
                BEGIN;
                SET LOCAL session_replication_role = replica;
                DELETE FROM case_events WHERE sequence = 2 AND case_id = (SELECT id FROM cases WHERE reference = '\(reference)');
                UPDATE cases SET event_count = 1,
                    chain_head = (SELECT hash FROM case_events e WHERE e.case_id = cases.id AND e.sequence = 1)
                    WHERE reference = '\(reference)';
                COMMIT;
                """)
            let caught = try await db.dossier("audit", "verify")
            #expect(caught.status == 1)
            #expect(caught.stdout.hasPrefix(
                "BROKEN \(reference) (events): event 2 was removed since the checkpoint (the case now holds 1)\n"), "\(caught.stdout)")
            #expect(caught.stdout.contains("1 chain lost records since"))
            let json = try await DossierBinary.run(
                ["audit", "verify", "--json"], databaseURL: db.url, environment: ["DOSSIER_CHECKPOINT_DIR": db.checkpointDirectory.path])
            let report = try #require(try json.json() as? [String: Any])
            #expect(report["intact"] as? Bool == false)
            #expect(report["checkpoint_taken_at"] as? String != nil)

            let next = try await db.dossier("audit", "checkpoint")
            #expect(next.status == 1, "a checkpoint that finds a loss fails, so that cron mails it")
            #expect(next.stdout.hasPrefix("LOST \(reference) (events): event 2 was removed since the checkpoint"), "\(next.stdout)")
            #expect(try await db.dossier("audit", "verify").status == 1, "the loss is carried into the newest checkpoint")

            let otherKey = SigningKey().publicKeyHex
            let impostor = try await db.dossier("audit", "verify", "--public-key", otherKey)
            #expect(impostor.status == 1)
            #expect(impostor.stdout.contains("BROKEN checkpoint: checkpoint-"), "\(impostor.stdout)")
            #expect(impostor.stdout.contains("not the pinned key \(otherKey)"), "\(impostor.stdout)")
            #expect(try await db.dossier("audit", "verify", "--public-key", publicKey).status == 1, "pinned to the right key, the loss remains")

            let keyless = try await DossierBinary.run(["audit", "checkpoint"], databaseURL: db.url)
            #expect(keyless.refusal == "error: no checkpoint directory: with DATABASE_URL, name one with --checkpoint-dir or DOSSIER_CHECKPOINT_DIR")
        }
    }
}
