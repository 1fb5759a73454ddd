import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import PostgresNIO
@testable import SurveillanceLogs
import Testing

/// The log's chain under concurrency and tampering, and disclosure exports.
@Suite struct ChainAndExportTests {
    @Test func fiftyConcurrentAppendsFormOneLinearGaplessChain() async throws {
        try await TestDatabase.withSurveillance { db in
            let operation = try await db.openOperation()
            let warrant = try await db.authorise(operation.id)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<50 {
                    group.addTask {
                        _ = try await db.logs.appendEntry(
                            caseID: operation.id, db.observation(warrant, daysAgo: 1, text: "observation \(index)"), by: db.owen)
                    }
                }
                try await group.waitForAll()
            }
            let log = try await db.logs.entries(caseID: operation.id)
            #expect(log.map(\.sequence) == Array(1...50))
            #expect(zip(log, log.dropFirst()).allSatisfy { $1.previousHash == $0.hash })
            #expect(Set(log.map(\.text)).count == 50)
            let report = try await db.store.verifyChains()
            #expect(report.isIntact)
            #expect(report.recordChains.first?.recordsChecked == 50)
        }
    }

    @Test func theLogIsAppendOnlyAndASuperuserEditIsCaughtByVerification() async throws {
        try await TestDatabase.withSurveillance { db in
            let operation = try await db.openOperation()
            let warrant = try await db.authorise(operation.id)
            for day in [3.0, 2, 1] { _ = try await db.logs.appendEntry(caseID: operation.id, db.observation(warrant, daysAgo: day), by: db.owen) }

            for statement in ["UPDATE surveillance_entries SET text = 'x'", "DELETE FROM surveillance_entries", "TRUNCATE surveillance_entries CASCADE"] {
                await #expect(throws: (any Error).self, "\(statement)") {
                    try await db.client.query(PostgresQuery(unsafeSQL: statement), logger: db.logger)
                }
            }
            #expect(try await db.entryCount(operation.id) == 3)

            try await db.asSuperuser(
                """
                ALTER TABLE surveillance_entries DISABLE TRIGGER surveillance_entries_no_update_or_delete;
                UPDATE surveillance_entries SET text = 'nothing seen' WHERE sequence = 2;
                ALTER TABLE surveillance_entries ENABLE TRIGGER surveillance_entries_no_update_or_delete;
                """)
            let report = try await db.store.verifyChains()
            #expect(!report.isIntact)
            #expect(report.broken.isEmpty, "the case's own event chain is untouched")
            let broken = try #require(report.recordChains.first?.broken.first)
            #expect(broken.reference == operation.reference)
            #expect(broken.sequence == 2)
            #expect(broken.problem == "entry 2 was altered: its content does not match its hash")
            #expect(report.summary.broken.map(\.chain) == ["surveillance"])
        }
    }

    @Test func anExportVerifiesFromTheFileAloneAndAnEditIsCaughtAtItsEntry() async throws {
        try await TestDatabase.withSurveillance { db in
            let operation = try await db.openOperation()
            let warrant = try await db.authorise(operation.id)
            let first = try await db.logs.appendEntry(caseID: operation.id, db.observation(warrant, daysAgo: 3, text: "Arrived 09:12."), by: db.owen)
            _ = try await db.logs.appendEntry(caseID: operation.id, db.observation(warrant, daysAgo: 2, text: "Left 17:40 — «ünïcode»."), by: db.owen)
            _ = try await db.logs.correctEntry(first.id, with: db.observation(warrant, daysAgo: 3, text: "Arrived 09:21."), reason: "typo", by: db.owen)

            let export = try await db.logs.export(caseID: operation.id, by: db.owen)
            #expect(export.manifest.entries == 3)
            #expect(export.manifest.authorisations == 1)
            #expect(export.manifest.firstSequence == 1 && export.manifest.lastSequence == 3)
            #expect(export.manifest.exportedBy == "owen")
            let clean = DisclosureVerifier.verify(jsonLines: export.jsonLines, manifest: export.manifest)
            #expect(clean.isIntact, "\(String(describing: clean.firstProblem))")
            #expect(clean.chainHead == export.manifest.chainHead)
            #expect(try await db.store.timeline(caseID: operation.id).last?.kind.rawValue == "surveillance.exported")

            let edited = export.jsonLines.replacingOccurrences(of: "Left 17:40", with: "Left 18:40")
            let caught = DisclosureVerifier.verify(jsonLines: edited, manifest: export.manifest)
            #expect(caught.firstProblem == DisclosureVerifier.Problem(line: 3, sequence: 2, reason: "entry 2 was altered: its content does not match its hash"))

            var lines = export.lines
            lines.remove(at: 2)
            let gap = DisclosureVerifier.verify(jsonLines: lines.joined(separator: "\n"), manifest: export.manifest)
            #expect(gap.firstProblem?.reason == "entry 2 is missing (found 3 in its place)")

            let truncated = DisclosureVerifier.verify(jsonLines: export.lines.dropLast().joined(separator: "\n"), manifest: export.manifest)
            #expect(truncated.firstProblem?.reason == "the manifest lists 3 entries; the file holds 2")
        }
    }
}
