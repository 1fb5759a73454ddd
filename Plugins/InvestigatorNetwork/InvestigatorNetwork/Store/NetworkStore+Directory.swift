public import DossierCore
import DossierPostgres
public import Foundation
import Logging
import PostgresNIO

/// What to look for in the directory.
public struct DirectorySearch: Sendable, Hashable {
    public var country: String?
    /// Any ISO 639 code; normalised before the search.
    public var language: String?
    public var specialty: Specialty?
    /// Free text: fuzzy on names (trigrams), words on names, role and specialties.
    public var text: String?
    public var limit: Int

    public init(country: String? = nil, language: String? = nil, specialty: Specialty? = nil, text: String? = nil, limit: Int = 20) {
        self.country = country
        self.language = language
        self.specialty = specialty
        self.text = text.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        self.limit = limit
    }
}

/// A search result: the investigator, whether their verification has expired, and how
/// well the text matched.
public struct DirectoryHit: Codable, Sendable, Hashable {
    public var investigator: Investigator
    public var stale: Bool
    public var score: Double
}

extension NetworkStore {
    static let investigatorColumns = """
        i.id, i.original_name, i.latin_name, a.id, a.code, a.name, a.country, a.kind, a.parent_id, i.country, i.role,
        i.languages, i.languages_raw, i.specialties, i.channels, i.time_zone, i.availability, i.verified_by, i.verified_at,
        i.verification_expires_at, i.visibility
        """

    typealias InvestigatorRow = (
        UUID, String?, String, UUID, String, String, String, String, UUID?, String, String, [String], [String], [String],
        JSONValue, String, String, String, Date, Date, String
    )

    static func investigator(from row: InvestigatorRow) throws -> Investigator {
        Investigator(
            id: row.0, originalName: row.1, latinName: row.2,
            agency: Agency(id: row.3, code: row.4, name: row.5, country: row.6, kind: try AgencyKind.parse(row.7, field: "kind"), parentID: row.8),
            country: row.9, role: row.10, languages: row.11, languagesRaw: row.12,
            specialties: try row.13.map { text throws(DossierError) in try Specialty.parse(text, field: "specialties") },
            channels: try row.14.decode(as: [SecureChannel].self), timeZone: row.15,
            availability: try Availability.parse(row.16, field: "availability"), verifiedBy: row.17, verifiedAt: row.18,
            verificationExpiresAt: row.19, visibility: try Visibility.parse(row.20, field: "visibility"))
    }

    // MARK: Agencies

    public func agencies() async throws -> [Agency] {
        let rows = try await client.query(
            "SELECT id, code, name, country, kind, parent_id FROM network_agencies ORDER BY country, name", logger: logger)
        var agencies: [Agency] = []
        for try await (id, code, name, country, kind, parent) in rows.decode((UUID, String, String, String, String, UUID?).self) {
            agencies.append(Agency(id: id, code: code, name: name, country: country, kind: try AgencyKind.parse(kind, field: "kind"), parentID: parent))
        }
        return agencies
    }

    /// Registers an agency (administrators and supervisors).
    public func createAgency(_ new: NewAgency, by actor: Actor) async throws -> Agency {
        try actor.require(oneOf: Roles.editors, to: "registering agencies")
        try new.validate()
        let agency = Agency(id: UUID.v7(), code: new.code, name: new.name, country: new.country, kind: new.kind, parentID: new.parentID)
        try await client.transaction(logger: logger) { connection in
            try await Self.insert(agency, on: connection, logger: logger)
        }
        return agency
    }

    static func insert(_ agency: Agency, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO network_agencies (id, code, name, country, kind, parent_id)
            VALUES (\(agency.id), \(agency.code), \(agency.name), \(agency.country), \(agency.kind.rawValue), \(agency.parentID))
            """, logger: logger)
    }

    // MARK: Investigators

    /// Registers an investigator (administrators and supervisors); languages are stored
    /// normalised to ISO 639-2/T with the codes as given.
    public func createInvestigator(_ new: NewInvestigator, by actor: Actor) async throws -> Investigator {
        try actor.require(oneOf: Roles.editors, to: "registering investigators")
        let languages = try new.validate()
        let id = UUID.v7()
        try await client.transaction(logger: logger) { connection in
            try await Self.insert(
                new, id: id, languages: languages, by: actor.id, at: cases.clock.now(), on: connection, logger: logger)
        }
        return try await investigator(id: id, visibleTo: .system)
    }

    static func insert(
        _ new: NewInvestigator, id: UUID, languages: [String], by actor: String, at now: Date, on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        try await connection.query(
            """
            INSERT INTO network_investigators (id, original_name, latin_name, agency_id, country, role, languages,
                languages_raw, specialties, channels, time_zone, availability, verified_by, verified_at,
                verification_expires_at, visibility, created_at, created_by)
            VALUES (\(id), \(new.originalName), \(new.latinName), \(new.agencyID), \(new.country), \(new.role), \(languages),
                    \(new.languages), \(new.specialties.map(\.rawValue)), \(try JSONValue(encoding: new.channels)), \(new.timeZone),
                    \(new.availability.rawValue), \(new.verifiedBy), \(new.verifiedAt), \(new.verificationExpiresAt),
                    \(new.visibility.rawValue), \(now), \(actor))
            """, logger: logger)
    }

    /// One investigator, if `actor` may see the entry.
    public func investigator(id: UUID, visibleTo actor: Actor) async throws -> Investigator {
        let viewer = Self.viewer(actor)
        let rows = try await client.query(
            """
            SELECT \(unescaped: Self.investigatorColumns)
            FROM network_investigators i JOIN network_agencies a ON a.id = i.agency_id
            WHERE i.id = \(id) AND (\(viewer.all) OR i.visibility = 'network' OR a.code = \(viewer.agency))
            """, logger: logger)
        for try await row in rows.decode(InvestigatorRow.self) { return try Self.investigator(from: row) }
        throw DossierError.notFound("investigator \(id.lowercased) does not exist")
    }

    /// "Who can help in country X, speaking Y, on offence Z": entries `actor` may see,
    /// current ones first, then by text match, availability and the freshest verification.
    /// Stale entries (verification expired) are included and marked.
    public func search(_ query: DirectorySearch, visibleTo actor: Actor) async throws -> [DirectoryHit] {
        guard (1...200).contains(query.limit) else { throw DossierError.invalidInput("limit must be between 1 and 200, not \(query.limit)") }
        if let country = query.country { try CountryCode.validate(country, field: "country") }
        let language = try query.language.map { raw throws(DossierError) in try LanguageCode.normalise(raw) }
        let text = query.text
        let viewer = Self.viewer(actor)
        // Names match word by word ("Garsia" finds "Ana García"); the threshold is this
        // query's own, set for its transaction only.
        let rows = try await client.transaction(logger: logger) { connection in
            try await connection.query("SET LOCAL pg_trgm.word_similarity_threshold = 0.4", logger: logger)
            return try await connection.query(
                """
                SELECT \(unescaped: Self.investigatorColumns), i.verification_expires_at <= \(cases.clock.now()) AS stale,
                       CASE WHEN \(text)::text IS NULL THEN 0 ELSE greatest(
                           word_similarity(network_fold(\(text)), i.latin_folded),
                           word_similarity(network_fold(\(text)), i.original_folded),
                           ts_rank(i.search_text, plainto_tsquery('simple', \(text)))) END::float8 AS score
                FROM network_investigators i JOIN network_agencies a ON a.id = i.agency_id
                -- char(2) like the column: compared as text, the country index could not be used.
                WHERE (\(query.country)::text IS NULL OR i.country = \(query.country)::char(2))
                  AND (\(language)::text IS NULL OR i.languages @> ARRAY[\(language)::text])
                  AND (\(query.specialty?.rawValue)::text IS NULL OR i.specialties @> ARRAY[\(query.specialty?.rawValue)::text])
                  AND (\(text)::text IS NULL OR network_fold(\(text)) <% i.latin_folded
                       OR network_fold(\(text)) <% i.original_folded
                       OR i.search_text @@ plainto_tsquery('simple', \(text)))
                  AND (\(viewer.all) OR i.visibility = 'network' OR a.code = \(viewer.agency))
                ORDER BY stale, score DESC,
                         CASE i.availability WHEN 'available' THEN 0 WHEN 'limited' THEN 1 ELSE 2 END,
                         i.verified_at DESC, i.id
                LIMIT \(query.limit)
                """, logger: logger
            ).collect()
        }
        var hits: [DirectoryHit] = []
        for row in rows {
            let row = try row.decode(
                (UUID, String?, String, UUID, String, String, String, String, UUID?, String, String, [String], [String], [String],
                 JSONValue, String, String, String, Date, Date, String, Bool, Double).self)
            let investigator = try Self.investigator(from: (
                row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8, row.9, row.10, row.11, row.12, row.13, row.14,
                row.15, row.16, row.17, row.18, row.19, row.20))
            hits.append(DirectoryHit(investigator: investigator, stale: row.21, score: row.22))
        }
        return hits
    }

    /// Every entry `actor` may see, by country and name (for export).
    public func export(visibleTo actor: Actor) async throws -> [Investigator] {
        let viewer = Self.viewer(actor)
        let rows = try await client.query(
            """
            SELECT \(unescaped: Self.investigatorColumns)
            FROM network_investigators i JOIN network_agencies a ON a.id = i.agency_id
            WHERE \(viewer.all) OR i.visibility = 'network' OR a.code = \(viewer.agency)
            ORDER BY i.country, i.latin_name, i.id
            """, logger: logger)
        var investigators: [Investigator] = []
        for try await row in rows.decode(InvestigatorRow.self) { investigators.append(try Self.investigator(from: row)) }
        return investigators
    }
}
