public import DossierCore
public import DossierPostgres
public import Foundation
public import Logging
import PostgresNIO

/// What an action day achieved on a case: victims identified (and referred to support),
/// suspects named and arrested.
public struct TraffickingTally: Codable, Sendable, Hashable {
    public var victimsIdentified: Int
    public var victimsReferred: Int
    public var referralsOverdue: Int
    public var suspectsNamed: Int
    public var suspectsArrested: Int

    public init(victimsIdentified: Int, victimsReferred: Int, referralsOverdue: Int, suspectsNamed: Int, suspectsArrested: Int) {
        self.victimsIdentified = victimsIdentified
        self.victimsReferred = victimsReferred
        self.referralsOverdue = referralsOverdue
        self.suspectsNamed = suspectsNamed
        self.suspectsArrested = suspectsArrested
    }
}

/// The module's store: its reads and its own writes, each write one transaction that also
/// appends a `trafficking.*` event to the case's hash-chained timeline.
public struct TraffickingStore: Sendable {
    public let cases: CaseStore
    let logger: Logger

    public init(cases: CaseStore, logger: Logger) {
        self.cases = cases
        self.logger = logger
    }

    public func tally(caseID: UUID) async throws -> TraffickingTally {
        let rows = try await cases.client.query(
            """
            SELECT (SELECT count(*)::int FROM thb_victims WHERE case_id = \(caseID)),
                   (SELECT count(*)::int FROM thb_victims WHERE case_id = \(caseID) AND referred_at IS NOT NULL),
                   (SELECT count(*)::int FROM thb_victims WHERE case_id = \(caseID) AND referral_overdue),
                   (SELECT count(*)::int FROM thb_suspects WHERE case_id = \(caseID)),
                   (SELECT count(*)::int FROM thb_suspects WHERE case_id = \(caseID) AND arrested_on IS NOT NULL)
            """, logger: logger)
        for try await (victims, referred, overdue, suspects, arrested) in rows.decode((Int, Int, Int, Int, Int).self) {
            return TraffickingTally(
                victimsIdentified: victims, victimsReferred: referred, referralsOverdue: overdue, suspectsNamed: suspects,
                suspectsArrested: arrested)
        }
        throw DossierError.notFound("case \(caseID.lowercased) does not exist")
    }

    /// Records a named suspect's arrest.
    public func recordArrest(caseID: UUID, personID: UUID, on day: CalendarDate, by actor: Actor) async throws {
        try actor.require(oneOf: [.investigator, .supervisor], to: "recording an arrest")
        _ = try await cases.recordModuleEvent(EventKind("trafficking.suspect_arrested"), caseID: caseID, actor: actor) {
            found, connection in
            let rows = try await connection.query(
                """
                UPDATE thb_suspects SET arrested_on = \(day.description)::date
                WHERE case_id = \(caseID) AND person_id = \(personID) RETURNING 1
                """, logger: logger)
            var updated = false
            for try await _ in rows { updated = true }
            guard updated else {
                throw DossierError.invalidInput("person \(personID.lowercased) is not a suspect on \(found.reference)")
            }
            return (payload: ["person": .string(personID.lowercased), "arrested_on": .string(day.description)], result: true)
        }
    }

    /// Marks victims identified more than two days ago and not yet referred to support;
    /// returns how many were newly marked. Safe to run on several servers at once.
    /// - Parameter now: the instant to count from; the core store's clock by default.
    public func flagOverdueReferrals(now: Date? = nil) async throws -> Int {
        let now = now ?? cases.clock.now()
        let rows = try await cases.client.query(
            """
            UPDATE thb_victims SET referral_overdue = true
            WHERE referred_at IS NULL AND NOT referral_overdue AND identified_at < \(now.addingTimeInterval(-2 * 86_400))
            RETURNING 1
            """, logger: logger)
        var count = 0
        for try await _ in rows { count += 1 }
        return count
    }
}
