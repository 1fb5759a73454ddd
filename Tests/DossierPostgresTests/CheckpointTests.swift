import DossierCore
@testable import DossierPostgres
import DossierTesting
import Foundation
import Logging
import PostgresNIO
import Testing

/// Signed checkpoints of every chain head: what re-walking the chains cannot see (a
/// removed tail, a removed case, removed newest admin-log entries, a chain rebuilt past a
/// signed head) is named against the newest checkpoint, and stays named in later ones.
@Suite struct CheckpointTests {
    func temporaryDirectory() -> URL {
        URL(fileURLWithPath: NSTemporaryDirectory()).appending(path: "dossier-checkpoint-test-\(UUID().uuidString)")
    }

    @Test func whatWasRemovedSinceTheCheckpointIsNamedThoughEveryChainStillVerifies() async throws {
        try await TestDatabase.withTested { db async throws in
            let investigator = db.actor(.investigator)
            let truncated = try await db.openTestCase(title: "Truncated")
            for text in ["Witness re-interviewed", "Exhibit 4 sent for re-test", "Suspect named"] {
                try await db.store.addNote(caseID: truncated.id, text: text, by: investigator)
            }
            let rebuilt = try await db.openTestCase(title: "Rebuilt")
            try await db.store.addNote(caseID: rebuilt.id, text: "Alibi confirmed", by: investigator)
            let removed = try await db.openTestCase(title: "Removed")
            let grown = try await db.openTestCase(title: "Grown")
            let users = UserStore(client: db.client, clock: db.clock, logger: db.logger)
            for id in ["a.okafor", "s.mendes"] {
                _ = try await users.createUser(id: id, displayName: id, roles: [.investigator], agency: "MET", clearance: .secret)
            }

            let directory = try CheckpointDirectory(temporaryDirectory())
            defer { try? FileManager.default.removeItem(at: directory.url) }
            let first = try await directory.take(store: db.store, logger: db.logger)
            #expect(first.losses.isEmpty)
            #expect(first.checkpoint.heads.count == 5, "four cases and the admin log")
            #expect(first.checkpoint.takenAt == Date(microsecondsSince1970: EventChain.microseconds(first.checkpoint.takenAt)))
            let permissions = try FileManager.default.attributesOfItem(atPath: first.file.path)[.posixPermissions] as? Int
            #expect(permissions == 0o600)
            #expect(try await db.store.verifyChains(checkpoint: first.checkpoint).isIntact)

            // A superuser removes the newest events of one case (rewinding its head), a whole
            // case, the newest admin-log entry, and rebuilds another case's chain past its
            // signed head; a legitimate note grows a fourth.
            try await db.asSuperuser("""
                BEGIN;
                SET LOCAL session_replication_role = replica;
                DELETE FROM case_events WHERE case_id = '\(truncated.id)' AND sequence > 2;
                UPDATE cases SET event_count = 2,
                    chain_head = (SELECT hash FROM case_events WHERE case_id = '\(truncated.id)' AND sequence = 2)
                    WHERE id = '\(truncated.id)';
                DELETE FROM case_events WHERE case_id = '\(rebuilt.id)' AND sequence = 2;
                UPDATE cases SET event_count = 1,
                    chain_head = (SELECT hash FROM case_events WHERE case_id = '\(rebuilt.id)' AND sequence = 1)
                    WHERE id = '\(rebuilt.id)';
                DELETE FROM case_events WHERE case_id = '\(removed.id)';
                DELETE FROM cases WHERE id = '\(removed.id)';
                DELETE FROM admin_log WHERE sequence = 2;
                COMMIT;
                """)
            for text in ["Alibi withdrawn", "Re-interview booked"] {
                try await db.store.addNote(caseID: rebuilt.id, text: text, by: investigator)
            }
            try await db.store.addNote(caseID: grown.id, text: "New lead", by: investigator)

            // Re-walking alone finds nothing: every remaining chain is consistent.
            #expect(try await db.store.verifyChains().isIntact)

            let report = try await db.store.verifyChains(checkpoint: try #require(try directory.newest()).checkpoint)
            #expect(!report.isIntact)
            let problems = Dictionary(report.summary.broken.map { ($0.reference.isEmpty ? $0.chain : $0.reference, $0.problem) },
                                      uniquingKeysWith: { first, _ in first })
            #expect(problems == [
                "admin-log": "entry 2 was removed since the checkpoint (the admin log now holds 1)",
                truncated.reference: "events 3 to 4 were removed since the checkpoint (the case now holds 2)",
                removed.reference: "the case is gone: it held 1 event at the checkpoint",
                rebuilt.reference: "event 2 is not the one checkpointed: the case was rewritten from there back",
            ])
            #expect(report.summary.broken.first { $0.reference == truncated.reference }?.sequence == 3)
            #expect(report.summary.checkpointTakenAt == first.checkpoint.takenAt)
            // One case's verification names only that case's loss.
            let one = try await db.store.verifyChains(caseID: truncated.id, checkpoint: first.checkpoint)
            #expect(one.summary.broken.map(\.reference) == [truncated.reference])

            // The next checkpoint names the same losses and keeps the signed heads, so the
            // loss is not signed over; the grown case's head moves on.
            let second = try await directory.take(store: db.store, logger: db.logger)
            #expect(Set(second.losses.map(\.reference)) == [truncated.reference, removed.reference, rebuilt.reference, ""])
            let heads = Dictionary(second.checkpoint.heads.map { ($0.reference, $0.length) }, uniquingKeysWith: { first, _ in first })
            #expect(heads[truncated.reference] == 4 && heads[removed.reference] == 1 && heads[grown.reference] == 2)
            #expect(try directory.files().count == 2)
            let again = try await db.store.verifyChains(checkpoint: try #require(try directory.newest()).checkpoint)
            #expect(again.summary.broken.count == 4)
        }
    }

    @Test func aCheckpointAlteredOrSignedByAnotherKeyIsRefused() async throws {
        try await TestDatabase.withTested { db async throws in
            let opened = try await db.openTestCase()
            let directory = try CheckpointDirectory(temporaryDirectory())
            defer { try? FileManager.default.removeItem(at: directory.url) }
            let taken = try await directory.take(store: db.store, logger: db.logger)
            let original = try Data(contentsOf: taken.file)
            #expect(try ChainCheckpoint.decode(original, publicKey: directory.key.publicKeyHex).checkpoint == taken.checkpoint)

            // Lowering the checkpointed length, to hide a removed tail, breaks the signature.
            let text = String(decoding: original, as: UTF8.self)
            let lowered = text.replacingOccurrences(of: #""\#(opened.reference)",1,"#, with: #""\#(opened.reference)",0,"#)
            #expect(lowered != text)
            try Data(lowered.utf8).write(to: taken.file)
            #expect(throws: DossierError.invalidInput(
                "\(taken.file.lastPathComponent): the checkpoint's signature does not verify: the file was altered after it was signed"
            )) { try directory.newest() }

            // Re-signed with a key of the attacker's own: refused against the pinned key.
            let forger = SigningKey()
            var forged = taken.checkpoint
            forged.heads = []
            try forged.encoded(signedWith: forger).write(to: taken.file)
            #expect(throws: DossierError.self) { try directory.newest() }
            #expect(try ChainCheckpoint.decode(try Data(contentsOf: taken.file)).publicKey == forger.publicKeyHex)

            // Cut short: no signature line.
            try Data(original.prefix(original.count / 2)).write(to: taken.file)
            #expect(throws: DossierError.self) { try directory.newest() }

            // The key is kept: reopening the directory signs with the same key.
            #expect(try CheckpointDirectory(directory.url).key.publicKeyHex == directory.key.publicKeyHex)
            let keyPermissions = try FileManager.default.attributesOfItem(
                atPath: directory.url.appending(path: "signing-key").path)[.posixPermissions] as? Int
            #expect(keyPermissions == 0o600)
        }
    }

    @Test func onlyTheNewestCheckpointsAreKept() async throws {
        try await TestDatabase.withTested { db async throws in
            _ = try await db.openTestCase()
            var directory = try CheckpointDirectory(temporaryDirectory())
            defer { try? FileManager.default.removeItem(at: directory.url) }
            directory.retained = 3
            var written: [URL] = []
            for _ in 0..<5 { written.append(try await directory.take(store: db.store, logger: db.logger).file) }
            #expect(Set(written).count == 5, "each checkpoint has a file of its own")
            #expect(try directory.files() == Array(written.suffix(3)))
        }
    }
}
