public import DossierCore
public import Foundation
public import PostgresNIO

extension CaseStore {
    public func getCase(id: UUID) async throws -> Case {
        try await fetchCase("id = \(id)", describedAs: id.uuidString.lowercased())
    }

    /// The case with this reference, e.g. `COLD-2026-000001`.
    public func getCase(reference: String) async throws -> Case {
        try await fetchCase("reference = \(reference)", describedAs: reference)
    }

    private func fetchCase(_ condition: PostgresQuery, describedAs name: String) async throws -> Case {
        var query = PostgresQuery(unsafeSQL: "SELECT \(Self.caseColumns) FROM cases WHERE ", binds: condition.binds)
        query.sql += condition.sql
        let rows = try await client.query(query, logger: logger)
        for try await row in rows.decode(CaseRow.self) { return try Self.lockedCase(from: row).value }
        throw DossierError.notFound("case \(name) does not exist")
    }

    /// One page of cases matching `query`, newest first; with `actor`, only the cases the
    /// actor may see (members, supervisors of the owning agency, up to their clearance).
    ///
    /// Pages are keyset-paginated by id: rows opened while a client pages through never
    /// shift a page, so every case that existed when paging began is returned exactly once.
    public func listCases(_ query: CaseQuery, visibleTo actor: Actor? = nil) async throws -> CasePage {
        try query.validate()
        var sql = Self.matching(query, visibleTo: actor, select: "SELECT \(Self.caseColumns) FROM cases")
        if let cursor = query.cursor { sql.append(" AND id < ", cursor.lastID) }
        sql.append(" ORDER BY id DESC LIMIT ", query.limit + 1)

        let rows = try await client.query(sql.query, logger: logger)
        var cases: [Case] = []
        for try await row in rows.decode(CaseRow.self) { cases.append(try Self.lockedCase(from: row).value) }
        let hasMore = cases.count > query.limit
        if hasMore { cases.removeLast() }
        return CasePage(cases: cases, nextCursor: hasMore ? cases.last.map { CaseCursor(lastID: $0.id) } : nil)
    }

    /// How many cases match `query`'s filters (its cursor and limit aside), counting with
    /// `actor` only the cases the actor may see.
    public func countCases(_ query: CaseQuery, visibleTo actor: Actor? = nil) async throws -> Int {
        try query.validate()
        let sql = Self.matching(query, visibleTo: actor, select: "SELECT count(*) FROM cases")
        let rows = try await client.query(sql.query, logger: logger)
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }

    /// `select` with the conditions of the query's filters and of what `actor` may see.
    static func matching(_ query: CaseQuery, visibleTo actor: Actor?, select: String) -> SQLBuilder {
        var sql = SQLBuilder(select + " WHERE true")
        if let actor, !actor.isSystem {
            sql.append(" AND classification = ANY(", Self.classifications(upTo: actor.clearance), ")")
            sql.append(" AND (id IN (SELECT case_id FROM case_members WHERE user_id = ", actor.id, ")")
            if actor.roles.contains(.supervisor), let agency = actor.agency {
                sql.append(" OR owning_agency = ", agency, "")
            }
            sql.append(")")
        }
        if let module = query.module { sql.append(" AND module = ", module) }
        if let type = query.type { sql.append(" AND type = ", type) }
        if let state = query.state { sql.append(" AND state = ", state) }
        if let priority = query.priority { sql.append(" AND priority = ", priority.rawValue) }
        if let country = query.country { sql.append(" AND country = ", country) }
        if let tag = query.tag { sql.append(" AND tags @> ARRAY[", tag, "]::text[]") }
        if let member = query.member {
            sql.append(" AND id IN (SELECT case_id FROM case_members WHERE user_id = ", member, ")")
        }
        if let text = query.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            sql.append(" AND search @@ plainto_tsquery('simple', ", text, ")")
        }
        return sql
    }

    /// The case's events in order, from `afterSequence` (exclusive), at most `limit`.
    public func timeline(caseID: UUID, afterSequence: Int64 = 0, limit: Int = 500) async throws -> [CaseEvent] {
        guard (1...5000).contains(limit) else { throw DossierError.invalidInput("limit must be between 1 and 5000") }
        let rows = try await client.query(
            """
            SELECT \(unescaped: Self.eventColumns) FROM case_events
            WHERE case_id = \(caseID) AND sequence > \(afterSequence)
            ORDER BY sequence LIMIT \(limit)
            """, logger: logger)
        var events: [CaseEvent] = []
        for try await row in rows.decode(EventRow.self) { events.append(Self.event(from: row)) }
        return events
    }

    /// The time is read as exact microseconds since 1970 (`extract` returns numeric).
    static let eventColumns = """
        case_id, sequence, kind, actor, (extract(epoch FROM occurred_at) * 1000000)::bigint, payload, previous_hash, hash
        """
    typealias EventRow = (UUID, Int64, String, String, Int64, JSONValue, Data, Data)

    static func event(from row: EventRow) -> CaseEvent {
        let (caseID, sequence, kind, actor, occurredAt, payload, previousHash, hash) = row
        return CaseEvent(
            caseID: caseID, sequence: sequence, kind: EventKind(kind), actor: actor,
            occurredAt: Date(microsecondsSince1970: occurredAt),
            payload: payload, previousHash: Array(previousHash), hash: Array(hash))
    }
}

/// Builds a query from SQL fragments the code chose and values that go in as binds.
struct SQLBuilder {
    private(set) var query: PostgresQuery

    init(_ sql: String) { query = PostgresQuery(unsafeSQL: sql) }

    /// Appends `sql`, then the value as the next bind placeholder, then `suffix`.
    mutating func append<Value: PostgresDynamicTypeEncodable>(_ sql: String, _ value: Value, _ suffix: String = "") {
        query.binds.append(value)
        query.sql += sql + "$\(query.binds.count)" + suffix
    }

    mutating func append(_ sql: String) { query.sql += sql }
}
