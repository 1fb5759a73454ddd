import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
@testable import SurveillanceLogs
import Testing

/// What is checked when an entry is written, and corrections.
@Suite struct EntryRuleTests {
    @Test func entriesOutsideTheAuthorisationAreRefusedWithTheirReasonAndLeaveNoTrace() async throws {
        try await TestDatabase.withSurveillance { db in
            let operation = try await db.openOperation()
            let other = try await db.openOperation("Operation Larch")
            let warrant = try await db.authorise(operation.id, fromDaysAgo: 10, days: 60)
            let foreign = try await db.authorise(other.id, reference: "DS-9")
            let version = try await db.store.getCase(id: operation.id).version

            let cases: [(NewLogEntry, String)] = [
                (db.observation(warrant, daysAgo: 11), "before authorisation DS-1 is valid"),
                (db.observation(warrant, subject: "Leon Marsh"), "subject 'Leon Marsh' is not covered by authorisation DS-1 (it covers Daniel Pryce)"),
                (db.observation(warrant, method: .interception), "method interception is not covered by authorisation DS-1 (it allows visual, location_tracking)"),
                (db.observation(foreign), "authorisation \(foreign.id.lowercased) does not exist in \(operation.reference)"),
            ]
            for (entry, reason) in cases {
                let refusal = await dossierError { _ = try await db.logs.appendEntry(caseID: operation.id, entry, by: db.owen) }
                #expect(refusal?.code == .invalidInput)
                #expect(refusal?.message.contains(reason) == true, "\(String(describing: refusal)) should say \(reason)")
            }
            var backwards = db.observation(warrant)
            backwards.endedAt = backwards.startedAt.addingTimeInterval(-60)
            #expect(await dossierError { _ = try await db.logs.appendEntry(caseID: operation.id, backwards, by: db.owen) }?.code == .invalidInput)
            #expect(try await db.entryCount(operation.id) == 0)
            #expect(try await db.store.getCase(id: operation.id).version == version, "no event for a refused entry")

            _ = try await db.logs.appendEntry(caseID: operation.id, db.observation(warrant, daysAgo: 2), by: db.owen)
            _ = try await db.logs.cancelAuthorisation(warrant.id, reason: "subject arrested", by: db.sara)
            let afterCancel = await dossierError {
                _ = try await db.logs.appendEntry(caseID: operation.id, db.observation(warrant, daysAgo: -0.01), by: db.owen)
            }
            #expect(afterCancel?.message.contains("after authorisation DS-1 was cancelled at") == true, "\(String(describing: afterCancel))")
            // Activity before the cancellation may still be logged afterwards.
            _ = try await db.logs.appendEntry(caseID: operation.id, db.observation(warrant, daysAgo: 1), by: db.owen)
            #expect(try await db.entryCount(operation.id) == 2)
        }
    }

    @Test func anExpiredAuthorisationCoversNothingAfterItsEnd() async throws {
        try await TestDatabase.withSurveillance { db in
            let operation = try await db.openOperation()
            let expired = try await db.authorise(operation.id, fromDaysAgo: 40, days: 30)
            let late = await dossierError { _ = try await db.logs.appendEntry(caseID: operation.id, db.observation(expired, daysAgo: 5), by: db.owen) }
            #expect(late?.message.contains("after authorisation DS-1 expired at") == true)
            _ = try await db.logs.appendEntry(caseID: operation.id, db.observation(expired, daysAgo: 20), by: db.owen)
        }
    }

    @Test func aClosedOperationsLogIsSealed() async throws {
        try await TestDatabase.withSurveillance { db in
            let operation = try await db.openOperation()
            let warrant = try await db.authorise(operation.id)
            _ = try await db.store.runTransition(
                TransitionRequest(caseID: operation.id, transition: "close", inputs: ["reason": "ended"], actor: db.sara))
            #expect(try await db.store.timers(caseID: operation.id).allSatisfy { $0.status != .running })
            let sealed = await dossierError { _ = try await db.logs.appendEntry(caseID: operation.id, db.observation(warrant), by: db.owen) }
            #expect(sealed == DossierError(.wrongState, "operation \(operation.reference) is closed; its log is sealed"))
        }
    }

    @Test func correctionsAreNewEntriesShownInOrderWithTheirOriginals() async throws {
        try await TestDatabase.withSurveillance { db in
            let operation = try await db.openOperation()
            let warrant = try await db.authorise(operation.id)
            let original = try await db.logs.appendEntry(caseID: operation.id, db.observation(warrant, daysAgo: 3, text: "Met Pryce."), by: db.owen)
            _ = try await db.logs.appendEntry(caseID: operation.id, db.observation(warrant, daysAgo: 2), by: db.owen)
            let correction = try await db.logs.correctEntry(
                original.id, with: db.observation(warrant, daysAgo: 3, text: "Met an unknown male; Pryce not present."),
                reason: "checked against footage AP/22", by: db.owen)
            #expect(correction.sequence == 3)
            #expect(correction.correctsEntryID == original.id)
            #expect(correction.correctionReason == "checked against footage AP/22")

            let log = try await db.logs.entries(caseID: operation.id)
            #expect(log.map(\.sequence) == [1, 2, 3])
            #expect(log[0] == original, "the original is unchanged")
            #expect(log[2].text == "Met an unknown male; Pryce not present.")

            let noReason = await dossierError { _ = try await db.logs.correctEntry(original.id, with: db.observation(warrant), reason: " ", by: db.owen) }
            #expect(noReason == .invalidInput("reason must not be empty"))
            let other = try await db.openOperation("Other")
            let otherWarrant = try await db.authorise(other.id, reference: "DS-2")
            let elsewhere = try await db.logs.appendEntry(caseID: other.id, db.observation(otherWarrant), by: db.owen)
            let crossed = await dossierError {
                _ = try await db.logs.correctEntry(elsewhere.id, with: db.observation(warrant), reason: "x", by: db.owen)
            }
            #expect(crossed?.message == "authorisation \(warrant.id.lowercased) does not exist in \(other.reference)",
                    "another operation's authorisation is reported as missing, never named")

            let bySubject = try await db.logs.entries(caseID: operation.id, EntryFilter(from: db.now.addingTimeInterval(-2.5 * 86_400), subject: "daniel pryce"))
            #expect(bySubject.map(\.sequence) == [2])
        }
    }
}
