import DossierCore
import Foundation
import Logging
import PostgresNIO

/// Reads the legal bases table on a given connection.
enum LegalBases {
    static func all(on connection: PostgresConnection, logger: Logger) async throws -> [LegalBasis] {
        let rows = try await connection.query(
            """
            SELECT id, name, citation, max_value, max_unit, urgent_max_value, urgent_max_unit, review_value, review_unit, methods
            FROM surveillance_legal_bases ORDER BY id
            """, logger: logger)
        var bases: [LegalBasis] = []
        for try await (id, name, citation, maxValue, maxUnit, urgentValue, urgentUnit, reviewValue, reviewUnit, methods)
            in rows.decode((String, String, String, Int, String, Int?, String?, Int?, String?, [String]).self)
        {
            func duration(_ value: Int?, _ unit: String?) throws -> DeadlineDuration? {
                guard let value, let unit else { return nil }
                return DeadlineDuration(value, try DeadlineDuration.Unit.parse(unit, field: "unit"))
            }
            bases.append(LegalBasis(
                id: id, name: name, citation: citation, maximum: try duration(maxValue, maxUnit)!,
                urgentMaximum: try duration(urgentValue, urgentUnit), reviewInterval: try duration(reviewValue, reviewUnit),
                methods: try methods.map { text throws(DossierError) in try SurveillanceMethod.parse(text, field: "methods") }))
        }
        return bases
    }

    static func basis(_ id: String, on connection: PostgresConnection, logger: Logger) async throws -> LegalBasis {
        let bases = try await all(on: connection, logger: logger)
        guard let basis = bases.first(where: { $0.id == id }) else {
            throw DossierError.invalidInput(
                "legal_basis '\(id)' is not known; use \(bases.map(\.id).joined(separator: ", "))")
        }
        return basis
    }
}
