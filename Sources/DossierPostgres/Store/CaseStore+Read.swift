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
        let branches = Self.visibility(of: actor)
        var sql = SQLBuilder(branches.count > 1 ? "SELECT * FROM (" : "")
        for (index, branch) in branches.enumerated() {
            if branches.count > 1 { sql.append(index == 0 ? "(" : " UNION ALL (") }
            Self.append(branch, select: "SELECT \(Self.caseColumns) FROM cases", query, to: &sql)
            if let cursor = query.cursor { sql.append(" AND id < ", cursor.lastID) }
            sql.append(" ORDER BY id DESC LIMIT ", query.limit + 1)
            if branches.count > 1 { sql.append(")") }
        }
        if branches.count > 1 { sql.append(") visible ORDER BY id DESC LIMIT ", query.limit + 1) }

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
        var sql = SQLBuilder("SELECT 0")
        for branch in Self.visibility(of: actor) {
            sql.append(" + (")
            Self.append(branch, select: "SELECT count(*) FROM cases", query, to: &sql)
            sql.append(")")
        }
        let rows = try await client.query(sql.query, logger: logger)
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }

    /// The cases a user may see, as disjoint parts that each page by an index: those of
    /// the supervisor's own agency, and those the user is a member of (outside that agency),
    /// each up to the user's clearance. Splitting the "or" lets each part stop early.
    enum VisibleCases {
        case all
        case agency(String, clearance: Classification)
        case memberships(user: String, clearance: Classification, outsideAgency: String?)
    }

    static func visibility(of actor: Actor?) -> [VisibleCases] {
        guard let actor, !actor.isSystem else { return [.all] }
        if actor.roles.contains(.supervisor), let agency = actor.agency {
            return [
                .agency(agency, clearance: actor.clearance),
                .memberships(user: actor.id, clearance: actor.clearance, outsideAgency: agency),
            ]
        }
        return [.memberships(user: actor.id, clearance: actor.clearance, outsideAgency: nil)]
    }

    /// `select` with the conditions of one visible part and of the query's filters.
    static func append(_ part: VisibleCases, select: String, _ query: CaseQuery, to sql: inout SQLBuilder) {
        sql.append(select + " WHERE true")
        switch part {
        case .all:
            break
        case .agency(let agency, let clearance):
            sql.append(" AND owning_agency = ", agency)
            sql.append(" AND classification = ANY(", Self.classifications(upTo: clearance), ")")
        case .memberships(let user, let clearance, let outsideAgency):
            sql.append(" AND id IN (SELECT case_id FROM case_members WHERE user_id = ", user, ")")
            sql.append(" AND classification = ANY(", Self.classifications(upTo: clearance), ")")
            if let outsideAgency { sql.append(" AND owning_agency <> ", outsideAgency) }
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
