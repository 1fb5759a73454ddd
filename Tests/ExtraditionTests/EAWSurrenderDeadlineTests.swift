import DossierCore
import DossierPostgres
import DossierTesting
@testable import Extradition
import Foundation
import Testing

/// European Arrest Warrant surrender periods, FD 2002/584/JHA Art. 23, against dates worked
/// out by hand from the text before the code was changed:
///
/// - 23(2) "The person requested shall be surrendered as soon as possible on a date agreed
///   between the authorities concerned. ... no later than 10 days after the final decision
///   on the execution of the European arrest warrant."
/// - 23(3) "If the surrender ... within the period laid down in paragraph 2 is prevented by
///   circumstances beyond the control of any of the Member States, ... a new surrender date
///   ... In that event, the surrender shall take place within 10 days of the new date thus
///   agreed." 23(4) says the same of a postponement for serious humanitarian reasons.
/// - 23(5) "Upon expiry of the time limits referred to in paragraphs 2 to 4, if the person
///   is still being held in custody he shall be released." So the 10 days are a "must".
///
/// Counting (DOMAIN.md §1.4): "after" and "within N days of" leave out the day of the
/// event; the period ends at the end of its last day in the requested state's time zone
/// (Germany here: Europe/Berlin, UTC+1, and UTC+2 from 29 March 2026, 02:00). Calendar days,
/// so holidays do not move the end.
///
/// | row | event (UTC) | local day of the event | last day | ends (UTC) | rule |
/// |---|---|---|---|---|---|
/// | 1 | final decision 2026-03-10 10:00 | 10 March (11:00 CET) | 20 March | 2026-03-20 23:00 (midnight CET) | Art. 23(2), day after |
/// | 2 | final decision 2026-03-23 23:30 | 24 March (00:30 CET) | 3 April | 2026-04-03 22:00 (midnight CEST) | Art. 23(2), local day; DST between |
/// | 3 | decision 2026-03-20 09:00, new date agreed: 2 April | 2 April | 12 April | 2026-04-12 22:00 (midnight CEST) | Art. 23(3), from the agreed date |
///
/// Every row is a "must release" (Art. 23(5)), and no second, 20-day limit runs.
@Suite struct EAWSurrenderDeadlineTests {
    typealias Name = ExtraditionWorkflow.TransitionName

    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var finalDecision: String
        var agreedDate: String?
        var lastDay: String
        var endsAt: String
        var testDescription: String { name }
    }

    static let rows = [
        Row(name: "1: decision by day, 10 days from the day after (Art. 23(2))", finalDecision: "2026-03-10T10:00:00Z",
            lastDay: "2026-03-20", endsAt: "2026-03-20T23:00:00Z"),
        Row(name: "2: decision at 00:30 in Berlin, counted from the local day, across the DST change (Art. 23(2))",
            finalDecision: "2026-03-23T23:30:00Z", lastDay: "2026-04-03", endsAt: "2026-04-03T22:00:00Z"),
        Row(name: "3: a new date agreed, 10 days from it (Art. 23(3))", finalDecision: "2026-03-20T09:00:00Z",
            agreedDate: "2026-04-02", lastDay: "2026-04-12", endsAt: "2026-04-12T22:00:00Z"),
    ]

    /// The instant the steps are recorded: after every decision, before the agreed date.
    static let recordedAt = try! Date("2026-03-26T12:00:00Z", strategy: .iso8601)

    @Test(arguments: rows)
    func surrenderUnderTheEAWIsAMustReleaseWithinTenDays(_ row: Row) async throws {
        try await TestDatabase.with(modules: [Extradition()], clock: .fixed(Self.recordedAt)) { db in
            let opened = try await db.openExtradition(instrument: "eu-eaw-2002", requesting: "PL", requested: "DE")
            func at(_ text: String) -> [String: JSONValue] { ["occurred_at": .string(text)] }
            try await db.step(opened.id, Name.locate, by: db.olga, at("2026-02-18T08:00:00Z"))
            try await db.step(opened.id, Name.arrestOnRequest, by: db.olga, at("2026-02-20T08:00:00Z"))
            try await db.step(opened.id, Name.recordConsent, at("2026-02-23T10:00:00Z"))
            try await db.step(opened.id, Name.findExtraditable, at("2026-03-02T10:00:00Z"))
            try await db.register([.identification], on: opened.id)
            try await db.step(opened.id, Name.orderSurrender, at(row.finalDecision))
            if let agreed = row.agreedDate {
                try await db.step(opened.id, Name.postponeSurrender, [
                    "ground": "force_majeure", "reason": "the requesting state's aircraft was grounded",
                    "agreed_date": .string(agreed),
                ])
            }
            let deadlines = try await db.deadlines(opened.id)
            let surrender = try #require(deadlines[.surrender]?.first { $0.status == .running })
            #expect(surrender.lastDay?.description == row.lastDay)
            #expect(surrender.dueAt == (try Date(row.endsAt, strategy: .iso8601)))
            #expect(surrender.obligation == .must)
            #expect(surrender.legalBasis.hasPrefix("FD 2002/584/JHA Art. 23(2) and (5)"))
            #expect(deadlines[.surrenderLimit] == nil)
            if row.agreedDate != nil {
                #expect(deadlines[.surrender]?.contains { $0.status == .superseded } == true, "the first 10 days give way")
            }
        }
    }
}
