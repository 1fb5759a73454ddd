import DossierCore
import DossierPostgres
import Foundation
import Logging
import PostgresNIO

/// Starts and stops the timers of one authorisation: expiry warnings before its end and,
/// where its legal basis requires, its next review.
enum AuthorisationTimers {
    static func start(
        for authorisation: Authorisation, basis: LegalBasis, at now: Date, on connection: PostgresConnection, logger: Logger
    ) async throws {
        for days in OperationWorkflow.expiryWarningDays {
            let definition = OperationWorkflow.expiryWarning(daysBefore: days, reference: authorisation.reference)
            let due = authorisation.validTo.addingTimeInterval(-Double(days) * 86_400)
            if due > now {
                try await CaseTimers.start(definition, dueAt: due, caseID: authorisation.caseID, at: now, on: connection, logger: logger)
            } else {
                try await CaseTimers.cancel(named: [definition.name], caseID: authorisation.caseID, at: now, on: connection, logger: logger)
            }
        }
        guard let interval = basis.reviewInterval else { return }
        let definition = OperationWorkflow.review(reference: authorisation.reference, basis: basis)
        // The n-th review falls n intervals after the start, never drifting from it.
        func review(_ number: Int) -> Date {
            DeadlineCalculator().deadline(
                from: authorisation.validFrom, duration: DeadlineDuration(interval.value * number, interval.unit),
                counting: .dayAfterEvent
            ).dueAt
        }
        var number = 1
        while review(number) <= now { number += 1 }
        let due = review(number)
        if due < authorisation.validTo {
            try await CaseTimers.start(definition, dueAt: due, caseID: authorisation.caseID, at: now, on: connection, logger: logger)
        }
    }

    static func cancel(for authorisation: Authorisation, at now: Date, on connection: PostgresConnection, logger: Logger) async throws {
        let names = OperationWorkflow.expiryWarningDays.map {
            OperationWorkflow.expiryWarning(daysBefore: $0, reference: authorisation.reference).name
        } + ["review@\(authorisation.reference)"]
        try await CaseTimers.cancel(named: names, caseID: authorisation.caseID, at: now, on: connection, logger: logger)
    }

    /// Stops every running timer of the operation.
    static func cancelAll(caseID: UUID, at now: Date, on connection: PostgresConnection, logger: Logger) async throws {
        let rows = try await connection.query(
            "SELECT name FROM case_timers WHERE case_id = \(caseID) AND fired_at IS NULL AND cancelled_at IS NULL",
            logger: logger)
        var names: [String] = []
        for try await name in rows.decode(String.self) { names.append(name) }
        try await CaseTimers.cancel(named: names, caseID: caseID, at: now, on: connection, logger: logger)
    }
}
