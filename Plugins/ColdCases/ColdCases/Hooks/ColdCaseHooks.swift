import DossierCore
import DossierPostgres
import Foundation
import Logging
import PostgresNIO

/// The module's hooks: they keep `cold_cases` in step with the core case, write reviews,
/// start the review and limitation timers, and enforce the segregation of duties, all on
/// the core's connection, inside its transaction.
enum ColdCaseHooks {
    static var all: [CaseHook] {
        [
            .caseOpened { event, transaction in
                try await caseOpened(event, on: transaction.connection, logger: transaction.logger)
            },
            .beforeTransition { event, transaction in
                if ColdCaseWorkflow.TransitionName.approvals.contains(event.transition) {
                    try await ReviewApproval.check(event, on: transaction.connection, logger: transaction.logger)
                }
            },
            .afterTransition { event, transaction in
                try await afterTransition(event, on: transaction.connection, logger: transaction.logger)
            },
        ]
    }

    /// Registers the case in `cold_cases`, times its first review from the agency's policy
    /// and starts the limitation warnings that are still ahead.
    static func caseOpened(_ event: HookEvent.CaseOpened, on connection: PostgresConnection, logger: Logger) async throws {
        let opened = event.case
        let attributes = try opened.attributes.decode(as: ColdCaseAttributes.self)
        let policy = try await ReviewPolicies.policy(for: opened.owningAgency, on: connection, logger: logger)
        let reviewDue = policy.firstReviewDue(wentColdOn: attributes.wentColdOn)
        try await connection.query(
            """
            INSERT INTO cold_cases (case_id, state, agency, went_cold_on, limitation_date, review_due_at)
            VALUES (\(opened.id), \(opened.state), \(opened.owningAgency), \(attributes.wentColdOn),
                    \(attributes.limitationDate), \(reviewDue))
            """, logger: logger)
        try await CaseTimers.start(
            ColdCaseWorkflow.reviewDue, dueAt: reviewDue, legalBasis: policy.legalBasis, caseID: opened.id,
            at: event.now, on: connection, logger: logger)

        guard let limitationDate = attributes.limitationDate else { return }
        let now = event.now
        for days in ColdCaseWorkflow.limitationWarningDays {
            let due = limitationDate.adding(days: -days).start(in: .gmt)
            guard due > now else { continue }
            try await CaseTimers.start(
                ColdCaseWorkflow.limitationWarning(daysBefore: days), dueAt: due,
                legalBasis: "limitation date \(limitationDate) (\(attributes.jurisdiction))", caseID: opened.id,
                at: now, on: connection, logger: logger)
        }
    }

    static func afterTransition(_ event: HookEvent.Transition, on connection: PostgresConnection, logger: Logger) async throws {
        typealias Name = ColdCaseWorkflow.TransitionName
        let current = event.case
        let now = event.now
        switch event.transition {
        case Name.startReview:
            try await ReviewApproval.insertReview(event, at: now, on: connection, logger: logger)
            try await connection.query(
                """
                UPDATE cold_cases SET state = \(current.state), boosted_at = NULL, review_due_at = NULL
                WHERE case_id = \(current.id)
                """, logger: logger)

        case Name.completeReview:
            // Approved when the supervisor approved it, which may be before it was entered.
            let approved = try ReviewApproval.approvedAt(in: event) ?? now
            let policy = try await ReviewPolicies.policy(for: current.owningAgency, on: connection, logger: logger)
            let due = policy.nextReviewDue(approvedAt: approved)
            try await ReviewApproval.markApproved(event, at: approved, nextReviewDue: due, on: connection, logger: logger)
            try await CaseTimers.start(
                ColdCaseWorkflow.reviewDue, dueAt: due, legalBasis: policy.legalBasis, caseID: current.id,
                at: now, on: connection, logger: logger)
            try await connection.query(
                """
                UPDATE cold_cases SET state = \(current.state), review_due_at = \(due), last_reviewed_at = \(approved)
                WHERE case_id = \(current.id)
                """, logger: logger)

        case Name.reopen:
            let approved = try ReviewApproval.approvedAt(in: event) ?? now
            try await ReviewApproval.markApproved(event, at: approved, nextReviewDue: nil, on: connection, logger: logger)
            try await connection.query(
                """
                UPDATE cold_cases SET state = \(current.state), review_due_at = NULL, last_reviewed_at = \(approved)
                WHERE case_id = \(current.id)
                """, logger: logger)

        case Name.returnToCold:
            // Gone cold again: the first review is timed from today.
            let policy = try await ReviewPolicies.policy(for: current.owningAgency, on: connection, logger: logger)
            let due = policy.firstReviewDue(wentColdOn: CalendarDate(now, in: .gmt))
            try await CaseTimers.start(
                ColdCaseWorkflow.reviewDue, dueAt: due, legalBasis: policy.legalBasis, caseID: current.id,
                at: now, on: connection, logger: logger)
            try await connection.query(
                "UPDATE cold_cases SET state = \(current.state), review_due_at = \(due) WHERE case_id = \(current.id)",
                logger: logger)

        default:
            let closed = ColdCaseWorkflow.definition.state(named: current.state)?.isTerminal ?? false
            try await connection.query(
                """
                UPDATE cold_cases SET state = \(current.state), closed = \(closed),
                    review_due_at = CASE WHEN \(closed) THEN NULL ELSE review_due_at END
                WHERE case_id = \(current.id)
                """, logger: logger)
        }
    }
}
