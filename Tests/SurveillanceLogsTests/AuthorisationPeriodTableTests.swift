import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
@testable import SurveillanceLogs
import Testing

/// How long an authorisation may run under each legal basis, against ends worked out by
/// hand from the text each basis quotes (DOMAIN.md §1.4, §4) before the code was written.
/// Each row is checked at its edge: an authorisation ending at the instant below is
/// accepted, one ending a second later is refused naming that instant.
///
/// Counting: "beginning with" the day (IPA s.32, RIPA s.43) makes it day one, so months end
/// the day before the corresponding day (or on the month's last day where there is none);
/// "after the day" (IPA urgent, US Title III) leaves it out. Working days (IPA s.263) skip
/// Saturdays, Sundays, Christmas Day, Good Friday and bank holidays in any part of the UK:
/// in 2026, 17 Mar (NI), 3 and 6 Apr, 13 Jul (NI), 3 Aug (Scotland), 30 Nov (Scotland),
/// 25 and 28 Dec. A period ends at midnight after its last day on the issuing authority's
/// clock: Europe/London (GMT; BST from 29 Mar to 25 Oct 2026), America/New_York (EST; EDT
/// from 8 Mar), America/Los_Angeles (PST; PDT from 8 Mar).
///
/// | # | basis, counting | issued (UTC → local) | last day | latest end (UTC) |
/// |---|---|---|---|---|
/// | 1 | IPA s.32 6 months beginning with | 15 Jan 10:00 | 14 Jul | 14 Jul 23:00 |
/// | 2 | IPA s.32, from a month's last day | 31 Aug 09:00 (10:00 BST) | 28 Feb 2027 | 1 Mar 2027 00:00 |
/// | 3 | IPA s.32, from the 1st | 1 Mar 09:00 | 31 Aug | 31 Aug 23:00 |
/// | 4 | IPA urgent: 5th working day after (Good Friday, Easter Monday) | Thu 2 Apr 14:00 | Mon 13 Apr | 13 Apr 23:00 |
/// | 5 | IPA urgent (St Patrick's Day, NI) | Mon 16 Mar 10:00 | Tue 24 Mar | 25 Mar 00:00 |
/// | 6 | IPA urgent (St Andrew's Day, Scotland) | Fri 27 Nov 10:00 | Mon 7 Dec | 8 Dec 00:00 |
/// | 7 | IPA urgent (Christmas, Boxing Day substitute) | Tue 22 Dec 23:30 | Thu 31 Dec | 1 Jan 2027 00:00 |
/// | 8 | IPA urgent issued at 00:30 BST (Boyne, NI) | 9 Jul 23:30 (Fri 10 Jul 00:30 BST) | Mon 20 Jul | 20 Jul 23:00 |
/// | 9 | RIPA s.43(3)(c) 3 months beginning with | 10 Feb 09:00 | 9 May | 9 May 23:00 |
/// | 10 | RIPA s.43(3)(a) urgent 72 hours | 1 Jun 08:00 | - | 4 Jun 08:00 |
/// | 11 | US §2518(5) 30 days, New York | 5 Mar 19:00 (14:00 EST) | 4 Apr | 5 Apr 04:00 |
/// | 12 | US §2518(5) 30 days, Los Angeles | 5 Mar 06:30 (22:30 PST on 4 Mar) | 3 Apr | 4 Apr 07:00 |
@Suite struct AuthorisationPeriodTableTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var number: Int
        var why: String
        var basis: String
        var methods: [SurveillanceMethod]
        var urgent: Bool = false
        var timeZone: String? = nil
        var issued: String
        var latestEnd: String
        var testDescription: String { "\(number): \(why)" }
    }

    static let recordedAt = try! Date("2027-06-01T12:00:00Z", strategy: .iso8601)
    static let ipa = "uk-ipa-targeted-interception"
    static let ripa = "uk-ripa-directed"

    static let rows: [Row] = [
        Row(number: 1, why: "IPA 6 months beginning with the day of issue", basis: ipa, methods: [.interception],
            issued: "2026-01-15T10:00:00Z", latestEnd: "2026-07-14T23:00:00Z"),
        Row(number: 2, why: "IPA 6 months from 31 August end on 28 February", basis: ipa, methods: [.interception],
            issued: "2026-08-31T09:00:00Z", latestEnd: "2027-03-01T00:00:00Z"),
        Row(number: 3, why: "IPA 6 months from 1 March end on 31 August", basis: ipa, methods: [.interception],
            issued: "2026-03-01T09:00:00Z", latestEnd: "2026-08-31T23:00:00Z"),
        Row(number: 4, why: "IPA urgent across Easter", basis: ipa, methods: [.interception], urgent: true,
            issued: "2026-04-02T14:00:00Z", latestEnd: "2026-04-13T23:00:00Z"),
        Row(number: 5, why: "IPA urgent across St Patrick's Day", basis: ipa, methods: [.interception], urgent: true,
            issued: "2026-03-16T10:00:00Z", latestEnd: "2026-03-25T00:00:00Z"),
        Row(number: 6, why: "IPA urgent across St Andrew's Day", basis: ipa, methods: [.interception], urgent: true,
            issued: "2026-11-27T10:00:00Z", latestEnd: "2026-12-08T00:00:00Z"),
        Row(number: 7, why: "IPA urgent across Christmas", basis: ipa, methods: [.interception], urgent: true,
            issued: "2026-12-22T23:30:00Z", latestEnd: "2027-01-01T00:00:00Z"),
        Row(number: 8, why: "IPA urgent issued at 00:30 BST counts from London's day", basis: ipa, methods: [.interception],
            urgent: true, issued: "2026-07-09T23:30:00Z", latestEnd: "2026-07-20T23:00:00Z"),
        Row(number: 9, why: "RIPA 3 months beginning with the day", basis: ripa, methods: [.visual],
            issued: "2026-02-10T09:00:00Z", latestEnd: "2026-05-09T23:00:00Z"),
        Row(number: 10, why: "RIPA urgent 72 hours", basis: ripa, methods: [.visual], urgent: true,
            issued: "2026-06-01T08:00:00Z", latestEnd: "2026-06-04T08:00:00Z"),
        Row(number: 11, why: "Title III 30 days in New York", basis: "us-title-iii", methods: [.interception],
            issued: "2026-03-05T19:00:00Z", latestEnd: "2026-04-05T04:00:00Z"),
        Row(number: 12, why: "Title III 30 days in Los Angeles", basis: "us-title-iii", methods: [.interception],
            timeZone: "America/Los_Angeles", issued: "2026-03-05T06:30:00Z", latestEnd: "2026-04-04T07:00:00Z"),
    ]

    @Test(arguments: rows)
    func anAuthorisationMayRunToTheHandComputedEndAndNoLonger(_ row: Row) async throws {
        try await TestDatabase.with(modules: [SurveillanceLogs()], clock: .fixed(Self.recordedAt)) { db in
            let operation = try await db.openOperation()
            let latest = try Date(row.latestEnd, strategy: .iso8601)
            func authorise(_ reference: String, until end: Date) async throws -> Authorisation {
                try await db.logs.createAuthorisation(
                    caseID: operation.id,
                    NewAuthorisation(
                        reference: reference, legalBasis: row.basis, issuingAuthority: "Secretary of State",
                        applicant: "DI R. Shah", approver: "Judicial Commissioner", subjects: ["Daniel Pryce"],
                        methods: row.methods, urgent: row.urgent, timeZone: row.timeZone,
                        validFrom: try Date(row.issued, strategy: .iso8601), validTo: end),
                    by: db.sara)
            }
            let tooLong = await dossierError { _ = try await authorise("W-1", until: latest.addingTimeInterval(1)) }
            #expect(tooLong?.code == .invalidInput)
            #expect(tooLong?.message.contains("(until \(row.latestEnd)") == true, "\(String(describing: tooLong))")
            let recorded = try await authorise("W-2", until: latest)
            #expect(recorded.validTo == latest)
            #expect(recorded.timeZone == row.timeZone ?? (row.basis == "us-title-iii" ? "America/New_York" : "Europe/London"))
        }
    }

    /// IPA s.33: a renewal only in the 30 days ending with the last day covered (14 July
    /// for a warrant issued on 15 January: from 15 June); the renewed warrant runs 6 months
    /// beginning with 15 July, to the end of 14 January 2027. One granted in time may be
    /// entered after the old end, and says so; one granted after it is refused.
    @Test func anIPARenewalIsMadeInItsWindowAndMayBeEnteredLate() async throws {
        try await TestDatabase.with(modules: [SurveillanceLogs()], clock: .fixed(Self.recordedAt)) { db in
            let operation = try await db.openOperation()
            func warrant(_ reference: String) async throws -> Authorisation {
                try await db.logs.createAuthorisation(
                    caseID: operation.id,
                    NewAuthorisation(
                        reference: reference, legalBasis: Self.ipa, issuingAuthority: "Secretary of State",
                        applicant: "DI R. Shah", approver: "Judicial Commissioner", subjects: ["Daniel Pryce"],
                        methods: [.interception], validFrom: try Date("2026-01-15T10:00:00Z", strategy: .iso8601),
                        validTo: try Date("2026-07-14T23:00:00Z", strategy: .iso8601)),
                    by: db.sara)
            }
            let renewedEnd = try Date("2027-01-15T00:00:00Z", strategy: .iso8601)
            func renew(_ id: UUID, grantedAt: String, until end: Date? = nil) async throws -> Authorisation {
                try await db.logs.renewAuthorisation(
                    id, until: end ?? renewedEnd, grantedAt: try Date(grantedAt, strategy: .iso8601),
                    approver: "Judicial Commissioner", by: db.sara)
            }
            let first = try await warrant("IW-1")
            let early = await dossierError { _ = try await renew(first.id, grantedAt: "2026-06-14T22:59:00Z") }
            #expect(early?.message.hasPrefix(
                "a renewal under UK targeted interception warrant may be made only from 2026-06-15 to 2026-07-14 "
                    + "(Europe/London); this one was granted on 2026-06-14.") == true, "\(String(describing: early))")
            let tooLong = await dossierError {
                _ = try await renew(first.id, grantedAt: "2026-06-14T23:00:00Z", until: renewedEnd.addingTimeInterval(1))
            }
            #expect(tooLong?.message.contains("(until 2027-01-15T00:00:00Z, the end of 2027-01-14 in Europe/London)") == true)
            let renewed = try await renew(first.id, grantedAt: "2026-06-14T23:00:00Z")
            #expect(renewed.validTo == renewedEnd)

            let late = try await warrant("IW-2")
            let enteredLate = try await renew(late.id, grantedAt: "2026-07-14T20:00:00Z")
            let renewal = try #require(enteredLate.renewals.first)
            #expect(renewal.recordedAfterExpiry, "granted in time, entered on 1 June 2027")
            #expect(renewal.grantedAt == (try Date("2026-07-14T20:00:00Z", strategy: .iso8601)))
            #expect(renewal.renewedAt == Self.recordedAt)

            // Issued 1 November 2026, the warrant covers to the end of 30 April 2027 (BST); a
            // renewal beginning with 1 May runs to the end of 31 October 2027, a day longer
            // than "six months after 30 April" (30 October) would give.
            let monthEnd = try await db.logs.createAuthorisation(
                caseID: operation.id,
                NewAuthorisation(
                    reference: "IW-4", legalBasis: Self.ipa, issuingAuthority: "Secretary of State", applicant: "DI R. Shah",
                    approver: "Judicial Commissioner", subjects: ["Daniel Pryce"], methods: [.interception],
                    validFrom: try Date("2026-11-01T10:00:00Z", strategy: .iso8601),
                    validTo: try Date("2027-04-30T23:00:00Z", strategy: .iso8601)),
                by: db.sara)
            let toOctober31 = try await renew(
                monthEnd.id, grantedAt: "2027-04-20T10:00:00Z", until: try Date("2027-11-01T00:00:00Z", strategy: .iso8601))
            #expect(toOctober31.validTo == (try Date("2027-11-01T00:00:00Z", strategy: .iso8601)))

            let expired = try await warrant("IW-3")
            let afterExpiry = await dossierError { _ = try await renew(expired.id, grantedAt: "2026-07-15T08:00:00Z") }
            #expect(afterExpiry?.code == .wrongState)
            #expect(afterExpiry?.message.hasPrefix("authorisation IW-3 expired at 2026-07-14T23:00:00Z, before the renewal was granted") == true)
        }
    }
}
