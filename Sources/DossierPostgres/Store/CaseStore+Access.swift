public import DossierCore
public import Foundation
import PostgresNIO

extension CaseStore {
    /// The case, if `actor` may see it; otherwise `notFound`, exactly as for a case that
    /// does not exist, so nobody learns what they may not know. The visibility rule is the
    /// one every list applies, in SQL (``PostgresQuery/StringInterpolation/appendInterpolation(casesVisibleTo:alias:)``).
    public func visibleCase(id: UUID, to actor: Actor) async throws -> Case {
        let rows = try await client.query(
            "SELECT \(unescaped: Self.qualifiedCaseColumns) FROM cases c WHERE c.id = \(id) AND \(casesVisibleTo: actor)",
            logger: logger)
        return try await firstVisible(rows, name: id.uuidString.lowercased())
    }

    /// The case with this reference, if `actor` may see it.
    public func visibleCase(reference: String, to actor: Actor) async throws -> Case {
        let rows = try await client.query(
            "SELECT \(unescaped: Self.qualifiedCaseColumns) FROM cases c WHERE c.reference = \(reference) AND \(casesVisibleTo: actor)",
            logger: logger)
        return try await firstVisible(rows, name: reference)
    }

    /// The case named by an id or a reference (any case), if `actor` may see it.
    public func visibleCase(named name: String, to actor: Actor) async throws -> Case {
        if let id = UUID(uuidString: name) { return try await visibleCase(id: id, to: actor) }
        return try await visibleCase(reference: name.uppercased(), to: actor)
    }

    private func firstVisible(_ rows: PostgresRowSequence, name: String) async throws -> Case {
        for try await row in rows.decode(
            (UUID, String, String, String, String, String, String, String, String, String, String, Date, Date?, Int64,
             JSONValue, [String], Int64, Data?).self)
        {
            return try Self.lockedCase(from: row).value
        }
        throw DossierError.notFound("case \(name) does not exist")
    }

    static var qualifiedCaseColumns: String {
        caseColumns.split(separator: ",").map { "c." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
    }
}

extension CaseStore {
    /// Whether `actor` may see the case, read on `connection` (inside a transaction).
    func isVisible(caseID: UUID, to actor: Actor, on connection: PostgresConnection) async throws -> Bool {
        for try await _ in try await connection.query(
            "SELECT 1 FROM cases c WHERE c.id = \(caseID) AND \(casesVisibleTo: actor)", logger: logger)
        {
            return true
        }
        return false
    }

    /// Which of these cases `actor` may see, in one query (for module work lists).
    public func visibleCaseIDs(_ ids: [UUID], to actor: Actor) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        let rows = try await client.query(
            "SELECT c.id FROM cases c WHERE c.id = ANY(\(ids)) AND \(casesVisibleTo: actor)", logger: logger)
        var visible: Set<UUID> = []
        for try await id in rows.decode(UUID.self) { visible.insert(id) }
        return visible
    }

    /// Of these persons, those `reader` may see.
    func visiblePersonIDs(_ ids: [UUID], to reader: Actor) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        let rows = try await client.query(
            "SELECT p.id FROM persons p WHERE p.id = ANY(\(ids)) AND \(personsVisibleTo: reader)", logger: logger)
        var visible = Set<UUID>()
        for try await id in rows.decode(UUID.self) { visible.insert(id) }
        return visible
    }
}
