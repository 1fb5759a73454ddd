public import DossierCore
public import Foundation
import PostgresNIO

/// A person found by name, with how well the best of their names matched.
public struct PersonMatch: Sendable, Codable, Hashable {
    public var person: Person
    /// The name that matched best (an alias, a transliteration, the original script...).
    public var matchedName: String
    /// pg_trgm similarity of that name, 0 to 1.
    public var score: Double

    public init(person: Person, matchedName: String, score: Double) {
        self.person = person
        self.matchedName = matchedName
        self.score = score
    }
}

/// A deadline on a case the caller may see: running, or passed and not yet settled.
public struct Deadline: Sendable, Codable, Hashable {
    public var caseID: UUID
    public var reference: String
    public var title: String
    public var timer: CaseTimer
    /// Its due time has passed (the timer fired, or is about to) and nothing has settled it.
    public var overdue: Bool

    /// Which deadlines a list holds, by whether they are overdue.
    public enum OverdueFilter: String, Sendable, CaseIterable {
        /// Overdue ones first, then those due within the window (the default).
        case include
        /// Only those not yet due.
        case exclude
        /// Only overdue ones.
        case only
    }
}

extension CaseStore {
    /// Persons any of whose names (Latin, original script, aliases, transliterations, MRZ)
    /// resemble `name` (trigram similarity) or contain its words (full text), best first;
    /// optionally born in `bornYear` and holding `nationality`. Only persons `reader` may see
    /// are found (``getPerson(id:visibleTo:)``): a search reveals no one else.
    public func searchPersons(
        name: String, bornYear: Int? = nil, nationality: String? = nil, limit: Int = 20, visibleTo reader: Actor
    ) async throws -> [PersonMatch] {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard (2...200).contains(name.count) else { throw DossierError.invalidInput("name must be 2 to 200 characters") }
        guard (1...100).contains(limit) else { throw DossierError.invalidInput("limit must be between 1 and 100, not \(limit)") }
        if let nationality, !CountryCode.isValid(nationality) {
            throw DossierError.invalidInput("nationality '\(nationality)' is not an ISO 3166-1 alpha-2 code")
        }
        // Each matching person's best-scoring name, ranked and cut to the page in the
        // database; then the persons of that page, loaded together.
        let rows = try await client.query(
            """
            WITH matched AS (
                SELECT n.person_id, n.name,
                       greatest(similarity(lower(n.name), lower(\(name))),
                                CASE WHEN to_tsvector('simple', n.name) @@ plainto_tsquery('simple', \(name)) THEN 0.5 ELSE 0 END
                       )::float8 AS score
                FROM person_names n
                WHERE lower(n.name) % lower(\(name)) OR to_tsvector('simple', n.name) @@ plainto_tsquery('simple', \(name))
            ), best AS (
                SELECT DISTINCT ON (person_id) person_id, name, score FROM matched ORDER BY person_id, score DESC
            )
            SELECT b.person_id, b.name, b.score FROM best b JOIN persons p ON p.id = b.person_id
            WHERE (\(bornYear)::int IS NULL OR left(p.date_of_birth, 4) = \(bornYear.map { $0.zeroPadded(4) }))
              AND (\(nationality)::text IS NULL OR p.nationalities @> ARRAY[\(nationality)]::text[])
              AND \(personsVisibleTo: reader)
            ORDER BY b.score DESC, b.person_id
            LIMIT \(limit)
            """, logger: logger)
        var best: [(UUID, String, Double)] = []
        for try await row in rows.decode((UUID, String, Double).self) { best.append(row) }
        let persons = try await client.withConnection { connection in
            try await getPersons(ids: best.map(\.0), on: connection)
        }
        return best.compactMap { id, matched, score in
            persons[id].map { PersonMatch(person: $0, matchedName: matched, score: score) }
        }
    }

    /// The visible cases a person is a party in, with their role.
    public func cases(ofPerson personID: UUID, visibleTo actor: Actor) async throws -> [(case: Case, role: CaseParty.Role)] {
        _ = try await getPerson(id: personID, visibleTo: actor)
        let rows = try await client.query(
            """
            SELECT \(unescaped: Self.qualifiedCaseColumns), p.role
            FROM case_parties p JOIN cases c ON c.id = p.case_id
            WHERE p.person_id = \(personID) AND \(casesVisibleTo: actor) ORDER BY c.id DESC
            """, logger: logger)
        var result: [(case: Case, role: CaseParty.Role)] = []
        for try await row in rows.decode(
            (UUID, String, String, String, String, String, String, String, String, String, String, Date, Date?, Int64,
             JSONValue, [String], Int64, Data?, String).self)
        {
            let found = try Self.lockedCase(from: (
                row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8, row.9, row.10, row.11, row.12, row.13,
                row.14, row.15, row.16, row.17)).value
            result.append((found, try CaseParty.Role.parse(row.18, field: "role")))
        }
        return result
    }

    /// Deadlines on cases `actor` may see: overdue ones first (however long ago they fell
    /// due), then running ones due within `days`, soonest first.
    public func upcomingDeadlines(
        withinDays days: Int, overdue filter: Deadline.OverdueFilter = .include, visibleTo actor: Actor, limit: Int = 200
    ) async throws -> [Deadline] {
        guard (0...3650).contains(days) else { throw DossierError.invalidInput("days must be between 0 and 3650, not \(days)") }
        let now = clock.now()
        let until = now.addingTimeInterval(Double(days) * 86_400)
        let overdue: SQLFragment = """
            c.closed_at IS NULL AND ((t.fired_at IS NOT NULL AND t.settled_at IS NULL)
                OR (t.fired_at IS NULL AND t.cancelled_at IS NULL AND t.due_at <= \(now)))
            """
        let upcoming: SQLFragment = "t.fired_at IS NULL AND t.cancelled_at IS NULL AND t.due_at > \(now) AND t.due_at <= \(until)"
        let which: SQLFragment = switch filter {
        case .include: "(\(overdue)) OR (\(upcoming))"
        case .exclude: upcoming
        case .only: overdue
        }
        // A case with such a deadline has its next deadline (the earliest running or
        // overdue one) by `until` at the latest: each visible part of the cases is read
        // from its index on (agency, next_due_at) instead of every timer in the database.
        let latest = filter == .only ? now : until
        let columns = Self.timerColumns.split(separator: ",").map { "t." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
        let parts: [SQLFragment] = Self.visibility(of: actor).map { part in
            """
            SELECT c.id AS deadline_case, c.reference, c.title, \(unescaped: columns)
            FROM cases c JOIN case_timers t ON t.case_id = c.id
            WHERE \(Self.condition(part, alias: "c")) AND c.next_due_at <= \(latest) AND (\(which))
            ORDER BY t.due_at, t.id LIMIT \(limit)
            """
        }
        let sql: SQLFragment = parts.count == 1 ? parts[0] : """
            SELECT * FROM ((\(SQLFragment.joined(parts, separator: ") UNION ALL ("))) ) visible ORDER BY due_at, id LIMIT \(limit)
            """
        let rows = try await client.query(sql.query, logger: logger)
        var deadlines: [Deadline] = []
        for try await row in rows.decode((UUID, String, String, UUID, UUID, String, Date, String, String, String, Date, Date?, Date?).self) {
            let timer = try Self.timer(from: (row.3, row.4, row.5, row.6, row.7, row.8, row.9, row.10, row.11, row.12))
            deadlines.append(Deadline(
                caseID: row.0, reference: row.1, title: row.2, timer: timer, overdue: timer.firedAt != nil || timer.dueAt <= now))
        }
        return deadlines
    }
}
