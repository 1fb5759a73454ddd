import DossierCore
import Foundation
import Logging
import PostgresNIO

/// Reading review policies, on whatever connection the caller holds (a hook's, a store's).
enum ReviewPolicies {
    /// The agency's policy, or the default one.
    static func policy(for agency: String, on connection: PostgresConnection, logger: Logger) async throws -> ReviewPolicy {
        let rows = try await connection.query(
            """
            SELECT agency, first_review_value, first_review_unit, interval_value, interval_unit, legal_basis
            FROM cold_review_policies WHERE agency = ANY(\([agency, ReviewPolicy.defaultAgency]))
            ORDER BY agency = \(ReviewPolicy.defaultAgency) LIMIT 1
            """, logger: logger)
        for try await row in rows.decode((String, Int, String, Int, String, String).self) {
            return try policy(from: row)
        }
        throw DossierError.notFound("no review policy for agency '\(agency)' and no default policy ('*')")
    }

    static func policy(from row: (String, Int, String, Int, String, String)) throws -> ReviewPolicy {
        let (agency, firstValue, firstUnit, intervalValue, intervalUnit, legalBasis) = row
        return ReviewPolicy(
            agency: agency,
            firstReview: DeadlineDuration(firstValue, try DeadlineDuration.Unit.parse(firstUnit, field: "first_review_unit")),
            interval: DeadlineDuration(intervalValue, try DeadlineDuration.Unit.parse(intervalUnit, field: "interval_unit")),
            legalBasis: legalBasis)
    }
}
