import DossierCore
import Foundation
import Logging
import PostgresNIO

/// Reviews as the workflow sees them: created by `start_review`, approved by
/// `complete_review` or `reopen` under the segregation of duties.
enum ReviewApproval {
    /// Refuses an approval unless the case's open review is the one named, has been
    /// recorded with the matching decision, and was conducted by someone else.
    ///
    /// Runs in `beforeTransition`: a refusal rolls back the whole transition.
    static func check(_ event: HookEvent.Transition, on connection: PostgresConnection, logger: Logger) async throws {
        let transition = event.transition
        let reference = event.case.reference
        if event.actor.isSystem {
            throw DossierError(.hookRefused, "a review of \(reference) is approved by a supervisor, not by the system")
        }
        let reviewID = try reviewID(in: event)
        let rows = try await connection.query(
            """
            SELECT id, reviewer, completed_at, decision, started_at FROM cold_case_reviews
            WHERE case_id = \(event.case.id) AND approved_at IS NULL
            FOR UPDATE
            """, logger: logger)
        var open: (UUID, String, Date?, String?, Date)?
        for try await row in rows.decode((UUID, String, Date?, String?, Date).self) { open = row }
        guard let (openID, reviewer, completedAt, decision, startedAt) = open else {
            throw DossierError(.hookRefused, "\(reference) has no review awaiting approval; start and record a review first")
        }
        guard openID == reviewID else {
            throw DossierError(
                .hookRefused,
                "review \(reviewID.lowercased) is not the review awaiting approval on \(reference) (\(openID.lowercased) is)")
        }
        guard completedAt != nil, let decision else {
            throw DossierError(
                .hookRefused,
                "review \(reviewID.lowercased) has not been recorded yet: \(reviewer) records the factors, findings "
                    + "and decision before a supervisor approves it")
        }
        let expected = decision == ReviewDecision.reopen.rawValue
            ? ColdCaseWorkflow.TransitionName.reopen : ColdCaseWorkflow.TransitionName.completeReview
        guard transition == expected else {
            throw DossierError(
                .hookRefused,
                "review \(reviewID.lowercased) decided '\(decision)'; approve it with transition '\(expected)', not '\(transition)'")
        }
        guard event.actor.id != reviewer else {
            throw DossierError(
                .hookRefused,
                "segregation of duties: \(reviewer) conducted review \(reviewID.lowercased) of \(reference) and cannot "
                    + "approve it; another supervisor must")
        }
        if let approvedAt = try approvedAt(in: event) {
            guard approvedAt <= event.now.addingTimeInterval(300) else {
                throw DossierError.invalidInput("inputs.approved_at \(approvedAt.formatted(.iso8601)) is in the future")
            }
            // A review starts after the previous one was approved, so this also keeps
            // approvals in the order they happened.
            guard approvedAt >= startedAt else {
                throw DossierError.invalidInput(
                    "inputs.approved_at \(approvedAt.formatted(.iso8601)) is before review \(reviewID.lowercased) was started "
                        + "(\(startedAt.formatted(.iso8601))); a review is approved after it starts")
            }
        }
    }

    /// The `approved_at` input: when the approval happened, if before it was entered.
    static func approvedAt(in event: HookEvent.Transition) throws(DossierError) -> Date? {
        guard let text = event.inputs["approved_at"]?.stringValue else { return nil }
        return try Date(iso8601: text, field: "inputs.approved_at")
    }

    /// Creates the review `start_review` names, conducted by the transition's actor.
    static func insertReview(_ event: HookEvent.Transition, at date: Date, on connection: PostgresConnection, logger: Logger) async throws {
        let reviewID = try reviewID(in: event)
        let type = try ReviewType.parse(event.inputs["review_type"]?.stringValue ?? "", field: "review_type")
        try await connection.query(
            """
            INSERT INTO cold_case_reviews (id, case_id, review_type, reviewer, started_at)
            VALUES (\(reviewID), \(event.case.id), \(type.rawValue), \(event.actor.id), \(date))
            """, logger: logger)
    }

    /// Records the approver on the review an approval transition names.
    static func markApproved(
        _ event: HookEvent.Transition, at date: Date, nextReviewDue: Date?, on connection: PostgresConnection, logger: Logger
    ) async throws {
        try await connection.query(
            """
            UPDATE cold_case_reviews SET approver = \(event.actor.id), approved_at = \(date), next_review_due = \(nextReviewDue)
            WHERE id = \(try reviewID(in: event)) AND case_id = \(event.case.id)
            """, logger: logger)
    }

    static func reviewID(in event: HookEvent.Transition) throws(DossierError) -> UUID {
        let text = event.inputs["review_id"]?.stringValue ?? ""
        guard let id = UUID(uuidString: text) else {
            throw .invalidInput("input 'review_id' must be a UUID, not '\(text)'")
        }
        return id
    }
}
