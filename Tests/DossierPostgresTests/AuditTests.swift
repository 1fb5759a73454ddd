import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
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
