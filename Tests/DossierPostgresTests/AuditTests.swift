import DossierCore
@testable import DossierPostgres
import DossierTesting
import Foundation
import PostgresNIO
import Testing

@Suite struct AuditTests {
    @Test func verificationPassesThenFailsAtTheEditedEvent() async throws {
        try await TestDatabase.withTested { db async throws in
            let opened = try await db.openTestCase()
            let other = try await db.openTestCase(title: "Untouched")
            _ = try await db.store.runTransition(.init(caseID: opened.id, transition: "activate", actor: db.actor(.investigator)))
            try await db.store.addNote(caseID: opened.id, text: "Witness re-interviewed", by: db.actor(.investigator))
            try await db.store.addNote(caseID: opened.id, text: "Exhibit 4 sent for re-test", by: db.actor(.investigator))
            let intact = try await db.store.verifyChains()
            #expect(intact.isIntact)
            #expect(intact.casesChecked == 2)
            #expect(intact.eventsChecked == 5)

            try await db.asSuperuser("""
                ALTER TABLE case_events DISABLE TRIGGER case_events_append_only;
                UPDATE case_events SET payload = '{"text": "Witness never interviewed"}'
                    WHERE case_id = '\(opened.id)' AND sequence = 3;
                ALTER TABLE case_events ENABLE TRIGGER case_events_append_only;
                """)
            let report = try await db.store.verifyChains()
            #expect(report.broken.count == 1)
            #expect(report.broken.first?.reference == opened.reference)
            #expect(report.broken.first?.firstBreak == .hashMismatch(sequence: 3))
            #expect(try await db.store.verifyChains(caseID: other.id).isIntact)
        }
    }

    /// The case page's check: in memory when the page holds the whole chain, from the
    /// stored bytes when it does not, and a break always confirmed from the stored bytes.
    @Test func aCasesNewestEventsComeVerifiedWhateverTheChainsLength() async throws {
        try await TestDatabase.withTested { db async throws in
            let short = try await db.openTestCase(title: "Short")
            _ = try await db.store.runTransition(.init(caseID: short.id, transition: "activate", actor: db.actor(.investigator)))
            try await db.store.addNote(caseID: short.id, text: "Sums: 1.5, 2e3, -0, \"quoted\", ünïcode", by: db.actor(.investigator))
            let long = try await db.openTestCase(title: "Long")
            for index in 0..<6 { try await db.store.addNote(caseID: long.id, text: "note \(index)", by: db.actor(.investigator)) }

            let whole = try await db.store.latestEventsVerified(caseID: short.id, limit: 50)
            #expect(whole.events.map(\.sequence) == [3, 2, 1])
            #expect(whole.chain.broken.isEmpty && whole.chain.eventsChecked == 3)
            let part = try await db.store.latestEventsVerified(caseID: long.id, limit: 3)
            #expect(part.events.map(\.sequence) == [7, 6, 5])
            #expect(part.chain.broken.isEmpty && part.chain.eventsChecked == 7, "the whole chain, walked from the stored bytes")

            try await db.asSuperuser("""
                ALTER TABLE case_events DISABLE TRIGGER case_events_append_only;
                UPDATE case_events SET payload = '{"text": "rewritten"}' WHERE case_id = '\(short.id)' AND sequence = 3;
                DELETE FROM case_events WHERE case_id = '\(long.id)' AND sequence = 7;
                ALTER TABLE case_events ENABLE TRIGGER case_events_append_only;
                """)
            #expect(try await db.store.latestEventsVerified(caseID: short.id, limit: 50).chain.broken.first?.firstBreak == .hashMismatch(sequence: 3))
            let cut = try await db.store.latestEventsVerified(caseID: long.id, limit: 50)
            #expect(cut.events.count == 6)
            #expect(cut.chain.broken.first?.firstBreak.description == "event 7 and any after it are missing", "found against the case row")

            // A key added in another Unicode form (NFD "café" beside the NFC one) decodes to
            // the same Swift value, String keys comparing by canonical equivalence; the
            // stored text changed all the same, and the page's check must say so.
            let twin = try await db.openTestCase(title: "Twin", attributes: ["caf\u{e9}": "original"])
            #expect(try await db.store.latestEventsVerified(caseID: twin.id, limit: 50).chain.broken.isEmpty)
            try await db.asSuperuser("""
                ALTER TABLE case_events DISABLE TRIGGER case_events_append_only;
                UPDATE case_events SET payload = jsonb_set(payload, ARRAY['attributes', U&'cafe\\0301'], '"forged"')
                    WHERE case_id = '\(twin.id)' AND sequence = 1;
                ALTER TABLE case_events ENABLE TRIGGER case_events_append_only;
                """)
            let forged = try await db.store.latestEventsVerified(caseID: twin.id, limit: 50)
            #expect(forged.chain.broken.first?.firstBreak == .hashMismatch(sequence: 1))
        }
    }

    @Test func rangesVerifiedSideBySideAddUpAndStillFindTheBreak() async throws {
        try await TestDatabase.withTested { db async throws in
            var opened: [Case] = []
            for index in 0..<7 {
                opened.append(try await db.openTestCase(title: "Case \(index)"))
                try await db.store.addNote(caseID: opened[index].id, text: "note \(index)", by: db.actor(.investigator))
            }
            try await db.asSuperuser("""
                ALTER TABLE case_events DISABLE TRIGGER case_events_append_only;
                UPDATE case_events SET actor = 'someone.else' WHERE case_id = '\(opened[5].id)' AND sequence = 2;
                ALTER TABLE case_events ENABLE TRIGGER case_events_append_only;
                """)
            for parallelism in [1, 2, 3, 7, 20] {
                let report = try await db.store.verifyChains(parallelism: parallelism)
                #expect(report.casesChecked == 7, "parallelism \(parallelism)")
                #expect(report.eventsChecked == 14, "parallelism \(parallelism)")
                #expect(report.broken.map(\.reference) == [opened[5].reference], "parallelism \(parallelism)")
                #expect(report.broken.first?.firstBreak == .hashMismatch(sequence: 2))
            }
        }
    }

    /// The verifier hashes payloads from the text PostgreSQL stores; it must give the bytes
    /// the writer hashed from the value, whatever the strings, numbers and keys.
    @Test func storedPayloadsCanonicaliseAsTheValuesTheyWereWrittenFrom() async throws {
        let values: [JSONValue] = [
            ["text": "Witness said \"no\" \\ twice\n\ttabbed \u{01} é 中文 😀 </script>"],
            ["b": 1, "a": 2, "A": 3, "é": 4, "aa": 5, "": 6, "a b": 7],
            ["zero": 0, "negative": -17, "half": 1.5, "integral": 1.0, "big": 12345678901234567890.0, "tiny": -2.5e-7,
             "pi": 3.141592653589793, "large": 1e300, "max": .int(Int64.max), "min": .int(Int64.min)],
            ["nested": ["list": [1, "two", ["three": 3], [], [:], .null, true, false]], "empty": [:]],
            [], [:], "just a string", 42, .null, true,
        ]
        try await TestDatabase.withTested { db async throws in
            for value in values {
                let rows = try await db.client.query("SELECT \(value)::jsonb, \(value)::jsonb", logger: db.logger)
                for try await (stored, decoded) in rows.decode((ByteBuffer, JSONValue).self) {
                    let canonical = try CaseStore.canonicalPayload(jsonb: stored)
                    #expect(canonical == decoded.canonicalBytes, "\(String(decoding: canonical, as: UTF8.self))")
                    #expect(canonical == value.canonicalBytes, "\(value)")
                }
            }
        }
    }

    @Test func aRewrittenChainIsCaughtByTheCaseHead() async throws {
        try await TestDatabase.withTested { db async throws in
            let opened = try await db.openTestCase()
            try await db.store.addNote(caseID: opened.id, text: "first", by: db.actor(.investigator))
            // Deleting the last event (as a superuser) leaves a chain that verifies by itself
            // but no longer reaches the head the case row recorded.
            try await db.asSuperuser("""
                ALTER TABLE case_events DISABLE TRIGGER case_events_append_only;
                DELETE FROM case_events WHERE case_id = '\(opened.id)' AND sequence = 2;
                ALTER TABLE case_events ENABLE TRIGGER case_events_append_only;
                """)
            let report = try await db.store.verifyChains(caseID: opened.id)
            #expect(report.broken.first?.firstBreak.sequence == 2)
        }
    }

    @Test func theEventTableRefusesUpdateDeleteAndTruncate() async throws {
        try await TestDatabase.withTested { db async throws in
            let opened = try await db.openTestCase()
            for sql in [
                "UPDATE case_events SET actor = 'mallory' WHERE case_id = '\(opened.id)'",
                "DELETE FROM case_events WHERE case_id = '\(opened.id)'",
                "TRUNCATE case_events CASCADE",
            ] {
                await #expect(throws: (any Error).self, "\(sql)") { try await db.asSuperuser(sql) }
            }
            #expect(try await db.store.timeline(caseID: opened.id).first?.actor == "ivy")
        }
    }
}
