public import DossierCore
public import Foundation
import PostgresNIO

extension CaseStore {
    /// The case, if `actor` may see it; otherwise `notFound`, exactly as for a case that
    /// does not exist, so nobody learns what they may not know.
    public func visibleCase(id: UUID, to actor: Actor) async throws -> Case {
        let rows = try await client.query(
            """
            SELECT \(unescaped: Self.qualifiedCaseColumns),
                   EXISTS (SELECT 1 FROM case_members m WHERE m.case_id = c.id AND m.user_id = \(actor.id))
            FROM cases c WHERE c.id = \(id)
            """, logger: logger)
        return try await firstVisible(rows, to: actor, name: id.uuidString.lowercased())
    }

    /// The case with this reference, if `actor` may see it.
    public func visibleCase(reference: String, to actor: Actor) async throws -> Case {
        let rows = try await client.query(
            """
            SELECT \(unescaped: Self.qualifiedCaseColumns),
                   EXISTS (SELECT 1 FROM case_members m WHERE m.case_id = c.id AND m.user_id = \(actor.id))
            FROM cases c WHERE c.reference = \(reference)
            """, logger: logger)
        return try await firstVisible(rows, to: actor, name: reference)
    }

    /// The case named by an id or a reference (any case), if `actor` may see it.
    public func visibleCase(named name: String, to actor: Actor) async throws -> Case {
        if let id = UUID(uuidString: name) { return try await visibleCase(id: id, to: actor) }
        return try await visibleCase(reference: name.uppercased(), to: actor)
    }

    private func firstVisible(_ rows: PostgresRowSequence, to actor: Actor, name: String) async throws -> Case {
        for try await row in rows.decode(
            (UUID, String, String, String, String, String, String, String, String, String, String, Date, Date?, Int64,
             JSONValue, [String], Int64, Data?, Bool).self)
        {
            let found = try Self.lockedCase(from: (
                row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8, row.9, row.10, row.11, row.12, row.13,
                row.14, row.15, row.16, row.17)).value
            if CaseAccess.canSee(found, actor: actor, isMember: row.18) { return found }
        }
        throw DossierError.notFound("case \(name) does not exist")
    }

    static var qualifiedCaseColumns: String {
        caseColumns.split(separator: ",").map { "c." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
    }

    /// The classifications a clearance reaches, for SQL filters.
    static func classifications(upTo clearance: Classification) -> [String] {
        Classification.allCases.filter { $0 <= clearance }.map(\.rawValue)
    }
}

extension CaseStore {
    /// Which of these cases `actor` may see, in one query (for module work lists).
    public func visibleCaseIDs(_ ids: [UUID], to actor: Actor) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        let rows = try await client.query(
            "SELECT c.id FROM cases c WHERE c.id = ANY(\(ids)) AND \(casesVisibleTo: actor)", logger: logger)
        var visible: Set<UUID> = []
        for try await id in rows.decode(UUID.self) { visible.insert(id) }
        return visible
    }
}
