import Crypto
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
            #expect(first.chains == 5, "four cases and the admin log")
            #expect(first.takenAt == Date(microsecondsSince1970: EventChain.microseconds(first.takenAt)))
            let permissions = try FileManager.default.attributesOfItem(atPath: first.file.path)[.posixPermissions] as? Int
            #expect(permissions == 0o600)
            #expect(try await db.store.verifyChains(checkpoint: try first.read()).isIntact)

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
            // Streamed from the file, and compared one chain at a time, the same losses.
            let file = try #require(try directory.newestFile())
            let streamed = try await db.store.losses(since: file)
            var fileHeads = try file.heads()
            let oneByOne = try await db.store.compare(&fileHeads, caseID: nil, window: 1) { _ in }
            #expect(streamed.count == 4)
            #expect(streamed == oneByOne)
            #expect(report.summary.checkpointTakenAt == first.takenAt)
            // One case's verification names only that case's loss.
            let one = try await db.store.verifyChains(caseID: truncated.id, checkpoint: try first.read())
            #expect(one.summary.broken.map(\.reference) == [truncated.reference])

            // The next checkpoint names the same losses and keeps the signed heads, so the
            // loss is not signed over; the grown case's head moves on.
            let second = try await directory.take(store: db.store, logger: db.logger)
            #expect(Set(second.losses.map(\.reference)) == [truncated.reference, removed.reference, rebuilt.reference, ""])
            let heads = Dictionary(try second.read().heads.map { ($0.reference, $0.length) }, uniquingKeysWith: { first, _ in first })
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
            let checkpoint = try taken.read()
            #expect(try ChainCheckpoint.decode(original, publicKey: directory.key.publicKeyHex).checkpoint == checkpoint)

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
            var forged = checkpoint
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

    @Test func headsAreInTheOrderPostgreSQLSortsUUIDs() {
        // PostgreSQL compares uuids byte by byte; the key order must be the same, or a
        // streamed comparison would pair the wrong heads.
        var generator = SystemRandomNumberGenerator()
        let ids = (0..<2_000).map { _ in
            UUID(uuid: (UInt8.random(in: 0...255, using: &generator), UInt8.random(in: 0...255, using: &generator),
                        UInt8.random(in: 0...255, using: &generator), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                        UInt8.random(in: 0...255, using: &generator)))
        }
        let byKey = ids.sorted { ChainCheckpoint.Key(chain: "events", caseID: $0) < ChainCheckpoint.Key(chain: "events", caseID: $1) }
        let byHex = ids.sorted { $0.uuidString < $1.uuidString }
        #expect(byKey == byHex)
        #expect(ChainCheckpoint.Key(chain: "admin-log", caseID: nil) < ChainCheckpoint.Key(chain: "events", caseID: ids[0]))
        #expect(ChainCheckpoint.Key(chain: "events", caseID: nil) < ChainCheckpoint.Key(chain: "events", caseID: ids[0]))
    }

    @Test func aSignedCheckpointWithHeadsOutOfOrderLeavesVerificationStandingButNotIntact() async throws {
        try await TestDatabase.withTested { db async throws in
            let first = try await db.openTestCase(title: "First")
            let second = try await db.openTestCase(title: "Second")
            let directory = try CheckpointDirectory(temporaryDirectory())
            defer { try? FileManager.default.removeItem(at: directory.url) }
            let taken = try await directory.take(store: db.store, logger: db.logger)
            // Re-signed with the directory's own key, the two case lines swapped: the
            // signature verifies, the order does not.
            var lines = String(decoding: try Data(contentsOf: taken.file), as: UTF8.self)
                .split(separator: "\n").map(String.init)
            let firstLine = try #require(lines.firstIndex { $0.contains(first.reference) })
            let secondLine = try #require(lines.firstIndex { $0.contains(second.reference) })
            lines.swapAt(firstLine, secondLine)
            let body = lines.dropLast().map { $0 + "\n" }.joined()
            let signature = try directory.key.sign(Array(SHA256.hash(data: Data(body.utf8))))
            try Data((body + #"{"signature":"\#(signature)"}"# + "\n").utf8).write(to: taken.file)

            let report = try await directory.verify(store: db.store)
            #expect(!report.isIntact)
            #expect(report.checkpointProblem?.contains("is out of order") == true, "\(report.checkpointProblem ?? "")")
            #expect(report.casesChecked == 2, "the chains themselves are still walked")
            // A later checkpoint refuses to sign over it rather than carrying wrong heads on.
            await #expect(throws: DossierError.self) { try await directory.take(store: db.store, logger: db.logger) }
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { $0.contains(".partial") }.isEmpty)
        }
    }

    @Test func aStreamedCheckpointIsTheOneInMemoryAndAChangeBetweenItsPassesIsCaught() throws {
        let directory = temporaryDirectory()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = SigningKey()
        let heads = (0..<2_500).map { index in
            ChainCheckpoint.Head(
                chain: ChainCheckpoint.eventsChain, caseID: UUID(), reference: "INQ-2026-\(index.zeroPadded(6))",
                length: Int64(index % 7 + 1), hash: [UInt8](repeating: UInt8(index % 256), count: 32))
        } + [ChainCheckpoint.Head(chain: ChainCheckpoint.adminLogChain, caseID: nil, reference: "", length: 3, hash: [UInt8](repeating: 9, count: 32))]
        let checkpoint = ChainCheckpoint(takenAt: Date(microsecondsSince1970: 1_773_223_200_000_000), heads: heads)
        let url = directory.appending(path: "streamed.dcp")
        let writer = try CheckpointWriter(url, takenAt: checkpoint.takenAt, signedWith: key)
        for head in checkpoint.heads { try writer.append(head) }
        try writer.finish()

        // Byte for byte what the in-memory encoder signs (signatures are randomised).
        func signedPart(_ data: Data) -> Data { data.prefix(upTo: data.dropLast().lastIndex(of: UInt8(ascii: "\n"))! + 1) }
        let written = try Data(contentsOf: url)
        #expect(signedPart(written) == signedPart(try checkpoint.encoded(signedWith: key)))
        let file = try CheckpointFile(url, publicKey: key.publicKeyHex)
        #expect(file.chains == 2_501)
        #expect(try file.read() == checkpoint)
        #expect(try ChainCheckpoint.decode(written).checkpoint == checkpoint)
        #expect(try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int == 0o600)

        // Heads out of key order are refused.
        let refusing = try CheckpointWriter(directory.appending(path: "refused.dcp"), takenAt: checkpoint.takenAt, signedWith: key)
        try refusing.append(checkpoint.heads[1])
        #expect(throws: DossierError.self) { try refusing.append(checkpoint.heads[0]) }
        refusing.abandon()

        // Changed after its signature was checked: reading the heads fails rather than
        // handing out heads that were never signed.
        let text = String(decoding: written, as: UTF8.self)
        let altered = text.replacingOccurrences(of: #""INQ-2026-000000",1,"#, with: #""INQ-2026-000000",2,"#)
        #expect(altered != text)
        try Data(altered.utf8).write(to: url)
        var changed = try file.heads()
        #expect(throws: DossierError.invalidInput("the checkpoint changed while it was read: its bytes differ from the signed ones")) {
            while try changed.next() != nil {}
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
