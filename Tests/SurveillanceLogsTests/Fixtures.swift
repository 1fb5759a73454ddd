import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import PostgresNIO
@testable import SurveillanceLogs
import Testing

extension TestDatabase {
    /// Runs `body` against a database migrated with the surveillance module.
    static func withSurveillance<Result: Sendable>(_ body: (TestDatabase) async throws -> Result) async throws -> Result {
        try await with(modules: [SurveillanceLogs()], body)
    }

    var logs: SurveillanceStore { SurveillanceStore(cases: store, logger: logger) }

    /// The supervisor who opens operations and records authorisations.
    var sara: Actor { actor(.supervisor, id: "sara", agency: "MET") }
    /// An officer who keeps the log (a member of each test operation).
    var owen: Actor { actor(.investigator, id: "owen", agency: "MET") }

    func openOperation(_ title: String = "Operation Kestrel") async throws -> Case {
        let opened = try await store.openCase(
            NewCase(
                module: SurveillanceLogs.moduleID, type: SurveillanceLogs.caseTypeName, title: title, classification: .secret,
                owningAgency: "MET", country: "GB",
                attributes: try JSONValue(encoding: OperationAttributes(objective: "supply chain", jurisdiction: "GB"))),
            by: sara)
        _ = try await store.addMember(caseID: opened.id, userID: owen.id, role: .investigator, by: sara)
        return opened
    }

    /// A RIPA directed-surveillance authorisation for Daniel Pryce, visual and tracking,
    /// from `fromDaysAgo` days ago for `days` days.
    func authorise(
        _ caseID: UUID, reference: String = "DS-1", basis: String = "uk-ripa-directed", fromDaysAgo: Double = 10,
        days: Double = 60, subjects: [String] = ["Daniel Pryce"], methods: [SurveillanceMethod] = [.visual, .locationTracking]
    ) async throws -> Authorisation {
        let from = now.addingTimeInterval(-fromDaysAgo * 86_400)
        return try await logs.createAuthorisation(
            caseID: caseID,
            NewAuthorisation(
                reference: reference, legalBasis: basis, issuingAuthority: "Supt K. Walsh", applicant: "DI R. Shah",
                approver: "Supt K. Walsh", subjects: subjects, methods: methods, validFrom: from,
                validTo: from.addingTimeInterval(days * 86_400)),
            by: sara)
    }

    /// An observation of `subject` `daysAgo` days ago, lasting 30 minutes.
    func observation(
        _ authorisation: Authorisation, daysAgo: Double = 1, subject: String = "Daniel Pryce",
        method: SurveillanceMethod = .visual, text: String = "Subject left the unit."
    ) -> NewLogEntry {
        let start = now.addingTimeInterval(-daysAgo * 86_400)
        return NewLogEntry(
            authorisationID: authorisation.id, startedAt: start, endedAt: start.addingTimeInterval(1800),
            timeZone: "Europe/London", location: "Harbour Road", subject: subject, method: method, observers: ["owen"], text: text)
    }

    func entryCount(_ caseID: UUID) async throws -> Int {
        for try await count in try await client.query(
            "SELECT count(*)::int FROM surveillance_entries WHERE case_id = \(caseID)", logger: logger).decode(Int.self)
        {
            return count
        }
        return 0
    }
}

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
