import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The server takes a signed checkpoint as it starts, and `GET /api/v1/audit/verify`
/// compares the chains with the newest one.
@Suite struct CheckpointServiceTests {
    @Test func theServersCheckpointCatchesATailRemovedAfterIt() async throws {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appending(path: "dossier-server-checkpoints-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withServer(checkpointDirectory: directory) { client, db, users in
            let opened = try await db.openInquiry(by: users.actor("ivy"))
            try await db.store.addNote(caseID: opened.id, text: "Container 7 traced", by: users.actor("ivy"))
            // The service takes its first checkpoint once the schema is migrated (wait 60 s at
            // most); one taken now, as the hourly run would, holds the case too.
            let checkpoints = try CheckpointDirectory(directory)
            for _ in 0..<600 where try checkpoints.files().isEmpty { try await Task.sleep(for: .milliseconds(100)) }
            #expect(try checkpoints.files().count == 1, "the server's own checkpoint")
            let checkpoint = try await checkpoints.take(store: db.store, logger: db.logger).read()
            #expect(checkpoint.heads.contains { $0.caseID == opened.id && $0.length == 2 })
            let intact = try await client.execute(uri: "/api/v1/audit/verify", method: .get, headers: users.headers("aud"))
            #expect(intact.object["intact"] as? Bool == true)
            #expect(intact.object["checkpoint_taken_at"] as? String != nil, "\(intact.text)")

            try await db.asSuperuser("""
                BEGIN;
                SET LOCAL session_replication_role = replica;
                DELETE FROM case_events WHERE case_id = '\(opened.id)' AND sequence = 2;
                UPDATE cases SET event_count = 1, chain_head = (SELECT hash FROM case_events WHERE case_id = '\(opened.id)' AND sequence = 1)
                    WHERE id = '\(opened.id)';
                COMMIT;
                """)
            let verified = try await client.execute(uri: "/api/v1/audit/verify", method: .get, headers: users.headers("aud"))
            #expect(verified.status == .ok)
            #expect(verified.object["intact"] as? Bool == false)
            let broken = try #require((verified.object["broken"] as? [[String: Any]])?.first)
            #expect(broken["reference"] as? String == opened.reference)
            #expect(broken["chain"] as? String == "events")
            #expect(broken["sequence"] as? Int == 2)
            #expect(broken["problem"] as? String == "event 2 was removed since the checkpoint (the case now holds 1)")
            #expect(checkpoint.heads.contains { $0.chain == ChainCheckpoint.adminLogChain }, "the users' creation is in the admin log")

            // An altered newest checkpoint makes the verification fail, and is named; it is not
            // the auditor's request that was wrong.
            let newest = try #require(try checkpoints.files().last)
            var text = try String(contentsOf: newest, encoding: .utf8)
            text = text.replacingOccurrences(of: #""\#(opened.reference)",2,"#, with: #""\#(opened.reference)",1,"#)
            try Data(text.utf8).write(to: newest)
            let altered = try await client.execute(uri: "/api/v1/audit/verify", method: .get, headers: users.headers("aud"))
            #expect(altered.status == .ok)
            #expect(altered.object["intact"] as? Bool == false)
            let problem = try #require((altered.object["broken"] as? [[String: Any]])?.first)
            #expect(problem["chain"] as? String == "checkpoint")
            #expect((problem["problem"] as? String)?.contains("the checkpoint's signature does not verify") == true, "\(problem)")
        }
    }
}
