import ColdCases
import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import PostgresNIO
import Testing

extension TestDatabase {
    /// Runs `body` against a database migrated with the cold-cases module.
    static func withColdCases<Result: Sendable>(_ body: (TestDatabase) async throws -> Result) async throws -> Result {
        try await with(modules: [ColdCases()], body)
    }

    var coldCases: ColdCaseStore { ColdCaseStore(cases: store, logger: logger) }

    var ivy: Actor { actor(.investigator, id: "ivy") }
    var sam: Actor { actor(.supervisor, id: "sam") }
    var sue: Actor { actor(.supervisor, id: "sue") }

    func openColdCase(
        title: String = "Murder of J. Doe", agency: String = "WYP", offenceDate: String = "1994-06-12",
        wentColdOn: String = "1995-09-01", limitationDate: String? = nil
    ) async throws -> Case {
        var attributes: [String: JSONValue] = [
            "offence_category": "homicide", "offence_date": .string(offenceDate), "offence_place": "Leeds",
            "went_cold_on": .string(wentColdOn), "jurisdiction": "GB",
        ]
        if let limitationDate { attributes["limitation_date"] = .string(limitationDate) }
        return try await store.openCase(
            NewCase(
                module: "cold-cases", type: "cold-case", title: title, owningAgency: agency, country: "GB",
                attributes: .object(attributes)),
            by: ivy)
    }

    /// Starts, records and (by another supervisor) approves a review.
    @discardableResult
    func reviewCycle(
        _ caseID: UUID, factors: SolvabilityFactors, decision: ReviewDecision = .remainCold
    ) async throws -> Review {
        let started = try await coldCases.startReview(caseID: caseID, type: .periodic, by: ivy)
        _ = try await coldCases.recordReview(
            started.id, ReviewRecord(factors: factors, findings: "Reviewed the file.", decision: decision), by: ivy)
        return try await coldCases.approveReview(started.id, by: sam)
    }

    func runningTimer(_ name: String, on caseID: UUID) async throws -> CaseTimer? {
        try await store.timers(caseID: caseID).first { $0.name == name && $0.status == .running }
    }

    /// Everything a refused operation must not have changed.
    func coldSnapshot(of caseID: UUID) async throws -> String {
        let rows = try await client.query(
            """
            SELECT concat_ws(' | ',
                (SELECT row_to_json(c)::text FROM cases c WHERE id = \(caseID)),
                (SELECT count(*) FROM case_events WHERE case_id = \(caseID)),
                (SELECT json_agg(t ORDER BY id)::text FROM case_timers t WHERE case_id = \(caseID)),
                (SELECT json_agg(r ORDER BY id)::text FROM cold_case_reviews r WHERE case_id = \(caseID)),
                (SELECT row_to_json(q)::text FROM cold_cases q WHERE case_id = \(caseID)))
            """, logger: logger)
        for try await text in rows.decode(String.self) { return text }
        return ""
    }
}

/// The day `days` from today (GMT).
func today(plus days: Int = 0) -> CalendarDate { CalendarDate(TestClock.instant, in: .gmt).adding(days: days) }

/// Runs `body` and returns the DossierError it threw.
func dossierError(_ body: () async throws -> Void) async -> DossierError? {
    do {
        try await body()
        return nil
    } catch let error as DossierError {
        return error
    } catch {
        Issue.record("expected a DossierError, got \(error)")
        return nil
    }
}
