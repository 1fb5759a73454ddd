public import DossierCore
import Foundation
import PostgresNIO
import DossierPostgres

extension ColdCaseStore {
    /// Sets an agency's review policy (or the default, agency `*`), replacing its earlier one.
    public func setReviewPolicy(_ policy: ReviewPolicy, by actor: Actor) async throws {
        try require(actor, oneOf: Roles.policyMakers, to: "setting a review policy")
        try policy.validate()
        _ = try await client.withTransaction(logger: logger) { connection in
            try await connection.query(
                """
                INSERT INTO cold_review_policies (agency, first_review_value, first_review_unit, interval_value,
                    interval_unit, legal_basis, updated_at, updated_by)
                VALUES (\(policy.agency), \(policy.firstReview.value), \(policy.firstReview.unit.rawValue),
                    \(policy.interval.value), \(policy.interval.unit.rawValue), \(policy.legalBasis), \(cases.clock.now()), \(actor.id))
                ON CONFLICT (agency) DO UPDATE SET first_review_value = excluded.first_review_value,
                    first_review_unit = excluded.first_review_unit, interval_value = excluded.interval_value,
                    interval_unit = excluded.interval_unit, legal_basis = excluded.legal_basis,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """, logger: logger)
        }
    }

    /// The agency's review policy, or the default one when it has none.
    public func reviewPolicy(for agency: String) async throws -> ReviewPolicy {
        try await client.withConnection { connection in
            try await ReviewPolicies.policy(for: agency, on: connection, logger: logger)
        }
    }
}
