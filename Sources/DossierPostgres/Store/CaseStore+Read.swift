public import DossierCore
public import Foundation
import PostgresNIO

extension CaseStore {
    public func getCase(id: UUID) async throws -> Case {
        try await fetchCase("id = \(id)", describedAs: id.uuidString.lowercased())
    }

    /// The case with this reference, e.g. `COLD-2026-000001`.
    public func getCase(reference: String) async throws -> Case {
        try await fetchCase("reference = \(reference)", describedAs: reference)
    }

    private func fetchCase(_ condition: SQLFragment, describedAs name: String) async throws -> Case {
        let rows = try await client.query("SELECT \(unescaped: Self.caseColumns) FROM cases WHERE \(condition)", logger: logger)
        for try await row in rows.decode(CaseRow.self) { return try Self.lockedCase(from: row).value }
        throw DossierError.notFound("case \(name) does not exist")
    }

    /// One page of cases matching `query`, in its order (newest first unless it says
    /// otherwise); with `actor`, only the cases the actor may see (members, supervisors of
    /// the owning agency, up to their clearance).
    ///
    /// Pages are keyset-paginated by the order's value and the id: rows opened or changed
    /// while a client pages through never shift a page already read.
    public func listCases(_ query: CaseQuery, visibleTo actor: Actor? = nil) async throws -> CasePage {
        try query.validate()
        try query.validateFilters(against: registry)
        let order = Self.order(query.sort)
        let branches: [SQLFragment] = Self.visibility(of: actor).map { branch in
            var select = Self.select(branch, "SELECT \(unescaped: Self.caseColumns), updated_at, next_due_at FROM cases", query)
            if let cursor = query.cursor { select += " AND " + Self.after(cursor) }
            return select + " ORDER BY \(unescaped: order) LIMIT \(query.limit + 1)"
        }
        let sql = branches.count == 1 ? branches[0] : """
            SELECT * FROM ((\(SQLFragment.joined(branches, separator: ") UNION ALL ("))) ) visible
            ORDER BY \(unescaped: order) LIMIT \(query.limit + 1)
            """
        let rows = try await client.query(sql.query, logger: logger)
        var cases: [Case] = []
        var activity: [UUID: CaseActivity] = [:]
        for try await row in rows.decode(ListedCaseRow.self) {
            let found = try Self.lockedCase(from: (
                row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8, row.9, row.10, row.11, row.12, row.13, row.14,
                row.15, row.16, row.17)).value
            cases.append(found)
            activity[found.id] = CaseActivity(updatedAt: row.18, nextDeadlineAt: row.19)
        }
        let hasMore = cases.count > query.limit
        if hasMore { activity[cases.removeLast().id] = nil }
        let next = hasMore ? cases.last.map { last in
            let value: Int64? = switch query.sort {
            case .opened: nil
            case .updated: activity[last.id].map { EventChain.microseconds($0.updatedAt) }
            case .deadline: activity[last.id]?.nextDeadlineAt.map(EventChain.microseconds)
            }
            return CaseCursor(lastID: last.id, sort: query.sort, lastValue: value)
        } : nil
        return CasePage(cases: cases, nextCursor: next, activity: activity)
    }

    typealias ListedCaseRow = (
        UUID, String, String, String, String, String, String, String, String, String, String, Date, Date?, Int64,
        JSONValue, [String], Int64, Data?, Date, Date?
    )

    /// The `ORDER BY` of each order: the same in every part of the visibility union and
    /// around it, with the id last so that the order is total.
    static func order(_ sort: CaseSort) -> String {
        switch sort {
        case .opened: "id DESC"
        case .updated: "updated_at DESC, id DESC"
        case .deadline: "next_due_at ASC NULLS LAST, id ASC"
        }
    }

    /// The rows after `cursor` in its order. Times compare in whole microseconds, as the
    /// cursor carries them.
    static func after(_ cursor: CaseCursor) -> SQLFragment {
        let id = cursor.lastID
        switch cursor.sort {
        case .opened:
            return "id < \(id)"
        case .updated:
            let at = Self.timestamp(microseconds: cursor.lastValue ?? 0)
            return "(updated_at < \(at) OR (updated_at = \(at) AND id < \(id)))"
        case .deadline:
            guard let value = cursor.lastValue else { return "(next_due_at IS NULL AND id > \(id))" }
            let at = Self.timestamp(microseconds: value)
            return "(next_due_at > \(at) OR (next_due_at = \(at) AND id > \(id)) OR next_due_at IS NULL)"
        }
    }

    /// A timestamp built in SQL from whole microseconds, so it equals the stored value exactly.
    static func timestamp(microseconds: Int64) -> SQLFragment {
        "(timestamptz 'epoch' + \(microseconds) * interval '1 microsecond')"
    }

    /// How many cases match `query`'s filters (its cursor and limit aside), counting with
    /// `actor` only the cases the actor may see; with `upTo`, counting stops there (the
    /// answer is then at least `upTo`), so a screen says "more than 1,000" in milliseconds
    /// where an exact count of a large agency's cases takes a few hundred.
    public func countCases(_ query: CaseQuery, visibleTo actor: Actor? = nil, upTo cap: Int? = nil) async throws -> Int {
        try query.validate()
        try query.validateFilters(against: registry)
        if let cap, cap < 1 { throw DossierError.invalidInput("a count's cap must be at least 1, not \(cap)") }
        let counts = Self.visibility(of: actor).map { part -> SQLFragment in
            guard let cap else { return "(\(Self.select(part, "SELECT count(*) FROM cases", query)))" }
            return "(SELECT count(*) FROM (\(Self.select(part, "SELECT 1 FROM cases", query)) LIMIT \(cap)) capped)"
        }
        let rows = try await client.query("SELECT \(SQLFragment.joined(counts, separator: " + "))", logger: logger)
        for try await count in rows.decode(Int.self) { return cap.map { min(count, $0) } ?? count }
        return 0
    }

    /// The cases a user may see, as disjoint parts that each page by an index: those of
    /// the supervisor's own agency, and those the user is a member of (outside that agency).
    /// Splitting the "or" lets each part stop early; each part only narrows the rows, and
    /// the one visibility rule (``SQLFragment/casesVisible(to:alias:)``) decides.
    enum VisibleCases {
        case all
        case agency(String, actor: Actor)
        case memberships(actor: Actor, outsideAgency: String?)
    }

    static func visibility(of actor: Actor?) -> [VisibleCases] {
        guard let actor, !actor.isUnrestricted else { return [.all] }
        if actor.roles.contains(.supervisor), let agency = actor.agency {
            return [.agency(agency, actor: actor), .memberships(actor: actor, outsideAgency: agency)]
        }
        return [.memberships(actor: actor, outsideAgency: nil)]
    }

    /// The condition of one visible part on the cases row `alias`; the parts are
    /// disjoint, and each applies the one visibility rule.
    static func condition(_ part: VisibleCases, alias: String) -> SQLFragment {
        switch part {
        case .all:
            return "true"
        case .agency(let agency, let actor):
            return "\(unescaped: alias).owning_agency = \(agency) AND \(casesVisibleTo: actor, alias: alias)"
        case .memberships(let actor, let outsideAgency):
            var condition: SQLFragment = "\(unescaped: alias).id IN (SELECT case_id FROM case_members WHERE user_id = \(actor.id))"
            if let outsideAgency { condition += " AND \(unescaped: alias).owning_agency <> \(outsideAgency)" }
            return condition + " AND \(casesVisibleTo: actor, alias: alias)"
        }
    }

    /// `select` with the conditions of one visible part and of the query's filters.
    static func select(_ part: VisibleCases, _ select: SQLFragment, _ query: CaseQuery) -> SQLFragment {
        var sql = select + " WHERE " + condition(part, alias: "cases")
        if let module = query.module { sql += " AND module = \(module)" }
        if let type = query.type { sql += " AND type = \(type)" }
        if let state = query.state { sql += " AND state = \(state)" }
        if let priority = query.priority { sql += " AND priority = \(priority.rawValue)" }
        if let country = query.country { sql += " AND country = \(country)" }
        if let tag = query.tag { sql += " AND tags @> ARRAY[\(tag)]::text[]" }
        if let member = query.member { sql += " AND id IN (SELECT case_id FROM case_members WHERE user_id = \(member))" }
        if let classification = query.classification { sql += " AND classification = \(classification.rawValue)" }
        if let agency = query.agency { sql += " AND owning_agency = \(agency)" }
        if let text = query.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            sql += " AND search @@ plainto_tsquery('simple', \(text))"
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

    /// The case's newest `limit` events, newest first: a page of the latest whatever the
    /// chain's length. Sequences run from 1 without gaps, so the newest one's is the count.
    public func latestEvents(caseID: UUID, limit: Int) async throws -> [CaseEvent] {
        guard (1...5000).contains(limit) else { throw DossierError.invalidInput("limit must be between 1 and 5000") }
        let rows = try await client.query(
            """
            SELECT \(unescaped: Self.eventColumns) FROM case_events
            WHERE case_id = \(caseID) ORDER BY sequence DESC LIMIT \(limit)
            """, logger: logger)
        var events: [CaseEvent] = []
        for try await row in rows.decode(EventRow.self) { events.append(Self.event(from: row)) }
        return events
    }

    /// The case's newest events, newest first, and its event chain verified: in memory
    /// from these very rows when they are the whole chain (most cases; one query in all),
    /// from the stored bytes (``verifyChains(caseID:parallelism:checkpoint:)``'s walk) when
    /// the chain is longer, and again from the stored bytes to confirm any break found.
    public func latestEventsVerified(caseID: UUID, limit: Int) async throws -> (events: [CaseEvent], chain: ChainVerificationReport) {
        guard (1...5000).contains(limit) else { throw DossierError.invalidInput("limit must be between 1 and 5000") }
        // The payload comes twice: decoded, to show, and as stored, to hash (as the full
        // walk hashes it, so a stored text that decodes to the same value still breaks).
        let rows = try await client.query(
            """
            WITH head AS (SELECT reference, event_count, chain_head FROM cases WHERE id = \(caseID))
            SELECT \(unescaped: Self.eventColumns), payload::text, head.reference, head.event_count, head.chain_head FROM case_events, head
            WHERE case_id = \(caseID) ORDER BY sequence DESC LIMIT \(limit)
            """, logger: logger)
        var events: [CaseEvent] = []
        var stored: [(microseconds: Int64, payload: String)] = []
        var head: (reference: String, length: Int64, hash: Data?)?
        for try await row in rows.decode((UUID, Int64, String, String, Int64, JSONValue, Data, Data, String, String, Int64, Data?).self) {
            events.append(Self.event(from: (row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7)))
            stored.append((row.4, row.8))
            head = (row.9, row.10, row.11)
        }
        if let head, events.count == head.length {
            var verifier = EventChain.Verifier(recordedLength: head.length)
            for (event, raw) in zip(events, stored).reversed() {
                verifier.add(sequence: event.sequence, previousHash: event.previousHash, hash: event.hash) {
                    EventChain.canonicalBytes(
                        caseID: event.caseID, sequence: event.sequence, kind: event.kind.rawValue, actor: event.actor,
                        atMicroseconds: raw.microseconds, canonicalPayload: (try? CanonicalJSON.canonicalize(Array(raw.payload.utf8))) ?? [])
                }
            }
            verifier.finish(head: head.hash.map(Array.init))
            if verifier.firstBreak == nil {
                return (events, ChainVerificationReport(casesChecked: 1, eventsChecked: events.count, broken: []))
            }
        }
        let report = try await verifyEventChains(in: CaseRange(only: caseID))
        guard report.casesChecked > 0 else { throw DossierError.notFound("case \(caseID.uuidString.lowercased()) does not exist") }
        return (events, report)
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
