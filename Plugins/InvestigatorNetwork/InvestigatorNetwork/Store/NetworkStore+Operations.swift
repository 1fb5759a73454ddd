public import DossierCore
import DossierPostgres
public import Foundation
import PostgresNIO

extension NetworkStore {
    /// Registers an Infra-style operation (administrators, supervisors, investigators).
    public func createOperation(
        name: String, startsOn: CalendarDate, endsOn: CalendarDate, coordinatingAgencyID: UUID, countries: [String],
        by actor: Actor
    ) async throws -> RoundUp {
        try actor.require(oneOf: Roles.operationStaff, to: "registering an operation")
        try FreeText.require(name, field: "name", max: 200)
        guard endsOn >= startsOn else { throw DossierError.invalidInput("ends_on \(endsOn) is before starts_on \(startsOn)") }
        guard !countries.isEmpty else { throw DossierError.invalidInput("countries must list at least one participating country") }
        for (index, country) in countries.enumerated() { try CountryCode.validate(country, field: "countries[\(index)]") }
        let id = UUID.v7()
        try await client.transaction(logger: logger) { connection in
            _ = try await connection.query(
                """
                INSERT INTO network_operations (id, name, starts_on, ends_on, coordinating_agency_id, countries, created_at, created_by)
                VALUES (\(id), \(name), \(startsOn), \(endsOn), \(coordinatingAgencyID),
                        \(Array(Set(countries)).sorted()), \(cases.clock.now()), \(actor.id))
                """, logger: logger)
        }
        return try await operation(id: id)
    }

    public func operation(id: UUID) async throws -> RoundUp {
        guard let found = try await operations(id: id).first else { throw DossierError.notFound("operation \(id.lowercased) does not exist") }
        return found
    }

    public func operations(id: UUID? = nil) async throws -> [RoundUp] {
        let rows = try await client.query(
            """
            SELECT o.id, o.name, o.starts_on, o.ends_on, o.countries,
                   a.id, a.code, a.name, a.country, a.kind, a.parent_id
            FROM network_operations o JOIN network_agencies a ON a.id = o.coordinating_agency_id
            WHERE \(id)::uuid IS NULL OR o.id = \(id)
            ORDER BY o.starts_on DESC, o.name
            """, logger: logger)
        var found: [RoundUp] = []
        for try await row in rows.decode((UUID, String, CalendarDate, CalendarDate, [String], UUID, String, String, String, String, UUID?).self) {
            found.append(RoundUp(
                id: row.0, name: row.1, startsOn: row.2, endsOn: row.3,
                coordinatingAgency: Agency(
                    id: row.5, code: row.6, name: row.7, country: row.8, kind: try AgencyKind.parse(row.9, field: "kind"), parentID: row.10),
                countries: row.4))
        }
        return found
    }

    /// Adds a target (a core person, and their case where there is one) to an operation,
    /// in one of its participating countries; it starts as still wanted.
    public func addTarget(
        operationID: UUID, personID: UUID, caseID: UUID? = nil, country: String, by actor: Actor
    ) async throws -> RoundUpTarget {
        try actor.require(oneOf: Roles.operationStaff, to: "adding operation targets")
        let operation = try await operation(id: operationID)
        guard operation.countries.contains(country) else {
            throw DossierError.invalidInput(
                "country '\(country)' does not take part in \(operation.name) (\(operation.countries.joined(separator: ", ")))")
        }
        _ = try await cases.getPerson(id: personID, visibleTo: actor)
        if let caseID { _ = try await cases.visibleCase(id: caseID, to: actor) }
        let target = RoundUpTarget(
            id: UUID.v7(), operationID: operationID, personID: personID, caseID: caseID, country: country, outcome: .stillWanted,
            outcomeAt: nil, note: "")
        try await client.transaction(logger: logger) { connection in
            _ = try await connection.query(
                """
                INSERT INTO network_operation_targets (id, operation_id, person_id, case_id, country, outcome, updated_by)
                VALUES (\(target.id), \(operationID), \(personID), \(caseID), \(country), 'still_wanted', \(actor.id))
                """, logger: logger)
        }
        return target
    }

    /// Records what became of a target: arrested, located, or still wanted.
    public func recordOutcome(
        targetID: UUID, _ outcome: TargetOutcome, note: String = "", at date: Date? = nil, by actor: Actor
    ) async throws -> RoundUpTarget {
        try actor.require(oneOf: Roles.operationStaff, to: "recording outcomes")
        guard note.count <= 2000 else { throw DossierError.invalidInput("note must be at most 2000 characters") }
        // A target tied to a case the actor may not see is reported as missing.
        let missing = DossierError.notFound("target \(targetID.lowercased) does not exist")
        let linked = try await client.query(
            "SELECT case_id FROM network_operation_targets WHERE id = \(targetID)", logger: logger)
        var found = false
        for try await caseID in linked.decode(UUID?.self) {
            found = true
            if let caseID {
                do {
                    _ = try await cases.visibleCase(id: caseID, to: actor)
                } catch let error as DossierError where error.code == .notFound {
                    throw missing
                }
            }
        }
        guard found else { throw missing }
        let rows = try await client.query(
            """
            UPDATE network_operation_targets SET outcome = \(outcome.rawValue), outcome_at = \(date ?? cases.clock.now()), note = \(note),
                updated_by = \(actor.id)
            WHERE id = \(targetID)
            RETURNING id, operation_id, person_id, case_id, country, outcome, outcome_at, note
            """, logger: logger)
        for try await row in rows.decode((UUID, UUID, UUID, UUID?, String, String, Date?, String).self) {
            return RoundUpTarget(
                id: row.0, operationID: row.1, personID: row.2, caseID: row.3, country: row.4,
                outcome: try TargetOutcome.parse(row.5, field: "outcome"), outcomeAt: row.6, note: row.7)
        }
        throw missing
    }

    /// The operation's outcomes by country and in total.
    public func tally(operationID: UUID) async throws -> RoundUpTally {
        let operation = try await operation(id: operationID)
        let rows = try await client.query(
            """
            SELECT country, count(*)::int,
                   count(*) FILTER (WHERE outcome = 'arrested')::int,
                   count(*) FILTER (WHERE outcome = 'located')::int,
                   count(*) FILTER (WHERE outcome = 'still_wanted')::int
            FROM network_operation_targets WHERE operation_id = \(operationID)
            GROUP BY country ORDER BY country
            """, logger: logger)
        var lines: [RoundUpTally.Line] = []
        for try await (country, targets, arrested, located, wanted) in rows.decode((String, Int, Int, Int, Int).self) {
            lines.append(.init(country: country, targets: targets, arrested: arrested, located: located, stillWanted: wanted))
        }
        let total = RoundUpTally.Line(
            country: "total", targets: lines.map(\.targets).reduce(0, +), arrested: lines.map(\.arrested).reduce(0, +),
            located: lines.map(\.located).reduce(0, +), stillWanted: lines.map(\.stillWanted).reduce(0, +))
        return RoundUpTally(operation: operation.name, byCountry: lines, total: total)
    }
}
