import DossierCore
public import Foundation
public import Logging
public import PostgresNIO

/// Who read or changed which case, when, and from where.
///
/// Entries are written with `synchronous_commit = off` for that one statement's
/// transaction only (never the pooled session): the read does not wait for a disk
/// flush, and an entry can be lost only if PostgreSQL itself crashes within about three
/// WAL-writer intervals (0.6 s by default) of the read. Changes are also in the case's
/// event chain, which is committed synchronously.
public struct AccessLog: Sendable {
    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    public struct Entry: Sendable, Codable, Hashable {
        public var id: Int64
        public var at: Date
        public var actor: String
        public var caseID: UUID?
        public var action: String
        public var detail: String
        public var source: String
    }

    /// Records one access.
    public func record(actor: String, caseID: UUID?, action: String, detail: String = "", source: String = "") async throws {
        _ = try await client.withConnection { connection in
            try await connection.query(
                """
                WITH settings AS (SELECT set_config('synchronous_commit', 'off', true))
                INSERT INTO access_log (at, actor, case_id, action, detail, source)
                SELECT now(), \(actor), \(caseID), \(action), \(detail), \(source) FROM settings
                """, logger: logger)
        }
    }

    /// Entries newest first, optionally for one case or one actor, before an entry id.
    public func entries(caseID: UUID? = nil, actor: String? = nil, before: Int64? = nil, limit: Int = 100) async throws -> [Entry] {
        guard (1...1000).contains(limit) else { throw DossierError.invalidInput("limit must be between 1 and 1000, not \(limit)") }
        let rows = try await client.query(
            """
            SELECT id, at, actor, case_id, action, detail, source FROM access_log
            WHERE (\(caseID)::uuid IS NULL OR case_id = \(caseID)) AND (\(actor)::text IS NULL OR actor = \(actor))
              AND (\(before)::bigint IS NULL OR id < \(before))
            ORDER BY id DESC LIMIT \(limit)
            """, logger: logger)
        var entries: [Entry] = []
        for try await (id, at, actor, caseID, action, detail, source) in rows.decode((Int64, Date, String, UUID?, String, String, String).self) {
            entries.append(Entry(id: id, at: at, actor: actor, caseID: caseID, action: action, detail: detail, source: source))
        }
        return entries
    }
}
