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

    @Test func theNewestEntriesRemovedAfterACheckpointAreNamed() async throws {
        try await TestDatabase.withSurveillance { db in
            let operation = try await db.openOperation()
            let warrant = try await db.authorise(operation.id)
            for day in [3.0, 2, 1] { _ = try await db.logs.appendEntry(caseID: operation.id, db.observation(warrant, daysAgo: day), by: db.owen) }
            let (checkpoint, losses) = try await db.store.checkpoint(carryingForward: nil)
            #expect(losses.isEmpty)
            #expect(checkpoint.heads.contains { $0.chain == "surveillance" && $0.caseID == operation.id && $0.length == 3 })

            try await db.asSuperuser(
                """
                ALTER TABLE surveillance_entries DISABLE TRIGGER surveillance_entries_no_update_or_delete;
                DELETE FROM surveillance_entries WHERE sequence > 1;
                ALTER TABLE surveillance_entries ENABLE TRIGGER surveillance_entries_no_update_or_delete;
                """)
            #expect(try await db.store.verifyChains().isIntact, "what is left still chains")
            let report = try await db.store.verifyChains(checkpoint: checkpoint)
            #expect(report.summary.broken.map(\.chain) == ["surveillance"])
            #expect(report.summary.broken.first?.problem == "entries 2 to 3 were removed since the checkpoint (the surveillance log now holds 1)")
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

            // The manifest is signed by the store's key; rewritten to match a shortened file, it no longer verifies.
            #expect(export.manifest.publicKey == db.store.signingKey?.publicKeyHex)
            #expect(clean.isIntact && DisclosureVerifier.verify(
                jsonLines: export.jsonLines, manifest: export.manifest, publicKey: db.store.signingKey?.publicKeyHex).isIntact)
            var forged = export.manifest
            forged.entries = 2
            forged.lastSequence = 2
            forged.chainHead = try #require(export.lines.dropLast().last.flatMap { line in
                try? JSONDecoder().decode(JSONValue.self, from: Data(line.utf8)).objectValue?["hash"]?.stringValue
            })
            let shortened = export.lines.dropLast().joined(separator: "\n")
            #expect(DisclosureVerifier.verify(jsonLines: shortened, manifest: forged).firstProblem?.reason
                == "the manifest's signature does not verify: the manifest was altered after it was signed")
            forged.signature = nil
            #expect(DisclosureVerifier.verify(jsonLines: shortened, manifest: forged).firstProblem?.reason
                == "the manifest is not signed: it could have been rewritten to match a shortened file")
            let other = SigningKey()
            try forged.sign(with: other)
            #expect(DisclosureVerifier.verify(jsonLines: shortened, manifest: forged).isIntact, "signed by another key, it holds…")
            #expect(DisclosureVerifier.verify(jsonLines: shortened, manifest: forged, publicKey: db.store.signingKey?.publicKeyHex)
                .firstProblem?.reason.hasPrefix("the manifest is signed by key \(other.publicKeyHex), not the pinned key") == true,
                "…unless the exporter's key is pinned")

            // A deployment without a signing key exports nothing rather than an unsigned manifest.
            let keyless = SurveillanceStore(
                cases: CaseStore(client: db.client, registry: db.registry, clock: db.clock, logger: db.logger), logger: db.logger)
            let refusal = await #expect(throws: DossierError.self) { try await keyless.export(caseID: operation.id, by: db.owen) }
            #expect(refusal?.code == .notConfigured)
        }
    }
}
