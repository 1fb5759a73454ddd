import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
@testable import SurveillanceLogs
import Testing

/// Authorisations: their legal limits, renewals, cancellation and timers.
@Suite struct AuthorisationTests {
    @Test func anAuthorisationLongerThanItsLegalBasisAllowsIsRefused() async throws {
        try await TestDatabase.withSurveillance { db in
            let operation = try await db.openOperation()
            let tooLong = await dossierError {
                _ = try await db.authorise(
                    operation.id, basis: "us-title-iii", fromDaysAgo: 0, days: 31, subjects: ["Carlos Vega"], methods: [.interception])
            }
            #expect(tooLong?.code == .invalidInput)
            #expect(tooLong?.message.hasPrefix("an authorisation under US Title III interception order may run at most 30 calendar days") == true, "\(String(describing: tooLong))")
            #expect(tooLong?.message.contains(#"18 U.S.C. §2518(5): no order may authorise interception "for any period longer than is necessary ... and in no event longer than thirty days""#) == true, "the counting rule's own text")

            let wrongMethod = await dossierError {
                _ = try await db.authorise(operation.id, basis: "us-title-iii", fromDaysAgo: 0, days: 10, methods: [.visual])
            }
            #expect(wrongMethod == .invalidInput("US Title III interception order does not authorise visual; it allows interception"))
            let unknown = await dossierError { _ = try await db.authorise(operation.id, basis: "fisa-702") }
            #expect(unknown == .invalidInput("legal_basis 'fisa-702' is not known; use uk-ipa-targeted-interception, uk-ripa-directed, us-title-iii"))

            let ok = try await db.authorise(operation.id, basis: "us-title-iii", fromDaysAgo: 0, days: 29.5, subjects: ["Carlos Vega"], methods: [.interception])
            #expect(ok.validTo > ok.validFrom)
            let duplicate = await dossierError {
                _ = try await db.authorise(operation.id, basis: "us-title-iii", fromDaysAgo: 0, days: 1, methods: [.interception])
            }
            #expect(duplicate?.code == .alreadyExists)
            let byOfficer = await dossierError {
                _ = try await db.logs.createAuthorisation(
                    caseID: operation.id,
                    NewAuthorisation(reference: "X", legalBasis: "uk-ripa-directed", issuingAuthority: "a", applicant: "b", approver: "c",
                                     subjects: ["s"], methods: [.visual], validFrom: db.now, validTo: db.now.addingTimeInterval(3600)),
                    by: db.owen)
            }
            #expect(byOfficer?.code == .roleNotAllowed)
        }
    }

    @Test func renewalsAreRecordedAndBoundedAndTheWarningsFollowTheNewEnd() async throws {
        try await TestDatabase.withSurveillance { db in
            let operation = try await db.openOperation()
            let warrant = try await db.authorise(operation.id, fromDaysAgo: 80, days: 88)
            let warnings = try await db.store.timers(caseID: operation.id).filter { $0.status == .running }.map(\.name).sorted()
            // RIPA requires monthly reviews; the next (day 90) falls after this one's end (day 88).
            #expect(warnings == ["expiry_warning_1d@DS-1", "expiry_warning_7d@DS-1"])

            let tooLong = await dossierError {
                _ = try await db.logs.renewAuthorisation(
                    warrant.id, until: warrant.validTo.addingTimeInterval(100 * 86_400), approver: "Supt K. Walsh", by: db.sara)
            }
            #expect(tooLong?.message.hasPrefix("a renewal under UK directed surveillance authorisation may run at most 3 calendar months") == true)

            let newEnd = warrant.validTo.addingTimeInterval(80 * 86_400)
            let renewed = try await db.logs.renewAuthorisation(warrant.id, until: newEnd, approver: "Supt K. Walsh", note: "productive", by: db.sara)
            #expect(renewed.validTo == newEnd)
            #expect(renewed.originalValidTo == warrant.validTo)
            #expect(renewed.renewals.map(\.renewedBy) == ["sara"])
            #expect(renewed.renewals.first?.previousValidTo == warrant.validTo)
            #expect(renewed.renewals.first?.recordedAfterExpiry == false, "entered while the authorisation ran")
            #expect(renewed.renewals.first?.grantedAt == renewed.renewals.first?.renewedAt, "granted when entered, by default")
            let sevenDays = try #require(try await db.store.timers(caseID: operation.id).first { $0.name == "expiry_warning_7d@DS-1" && $0.status == .running })
            #expect(abs(sevenDays.dueAt.timeIntervalSince(newEnd.addingTimeInterval(-7 * 86_400))) < 0.001)
            let review = try #require(try await db.store.timers(caseID: operation.id).first { $0.name == "review@DS-1" && $0.status == .running })
            #expect(review.obligation == .must)
            #expect(review.dueAt > db.now && review.dueAt < newEnd)
            // Reviews fall whole months after the start (the third here), never drifting a day per cycle.
            #expect(review.dueAt == DeadlineCalculator().deadline(from: warrant.validFrom, duration: .months(3), counting: .dayAfterEvent).dueAt)

            let cancelled = try await db.logs.cancelAuthorisation(warrant.id, reason: "objective achieved", by: db.sara)
            #expect(cancelled.cancelledBy == "sara")
            #expect(try await db.store.timers(caseID: operation.id).allSatisfy { $0.status != .running })
            let renewCancelled = await dossierError {
                _ = try await db.logs.renewAuthorisation(warrant.id, until: newEnd.addingTimeInterval(86_400), approver: "x", by: db.sara)
            }
            #expect(renewCancelled == DossierError(.wrongState, "authorisation DS-1 was cancelled; record a new one instead"))
        }
    }

    @Test func anExpiredAuthorisationCannotBeRenewed() async throws {
        try await TestDatabase.withSurveillance { db in
            let operation = try await db.openOperation()
            let expired = try await db.authorise(operation.id, fromDaysAgo: 40, days: 30)
            let refused = await dossierError {
                _ = try await db.logs.renewAuthorisation(expired.id, until: db.now.addingTimeInterval(86_400), approver: "x", by: db.sara)
            }
            #expect(refused?.code == .wrongState)
            #expect(refused?.message.hasPrefix("authorisation DS-1 expired at ") == true)
        }
    }

    @Test func aRenewalMayRunExactlyAsLongAsTheBasisAllowsAndNoLonger() async throws {
        try await TestDatabase.withSurveillance { db in
            let operation = try await db.openOperation()
            let warrant = try await db.authorise(
                operation.id, basis: "us-title-iii", fromDaysAgo: 5, days: 29, subjects: ["Carlos Vega"], methods: [.interception])
            let oneDayTooLong = await dossierError {
                _ = try await db.logs.renewAuthorisation(warrant.id, until: warrant.validTo.addingTimeInterval(31 * 86_400), approver: "Judge", by: db.sara)
            }
            #expect(oneDayTooLong?.message.hasPrefix("a renewal under US Title III interception order may run at most 30 calendar days") == true)
            let renewed = try await db.logs.renewAuthorisation(
                warrant.id, until: warrant.validTo.addingTimeInterval(30 * 86_400), approver: "Judge", by: db.sara)
            #expect(renewed.renewals.count == 1)
        }
    }
}
