public import DossierCore
public import Foundation
public import Logging
public import PostgresNIO

/// A name a user gave a set of case-list filters.
public struct SavedView: Sendable, Hashable {
    public var id: UUID
    public var name: String
    /// The case list's query string, without the `?`.
    public var filters: String
}

/// Each user's saved views of the case list; a user sees and changes only their own.
public struct SavedViews: Sendable {
    let client: PostgresClient
    let clock: WallClock
    let logger: Logger

    public init(client: PostgresClient, clock: WallClock = .system, logger: Logger) {
        self.client = client
        self.clock = clock
        self.logger = logger
    }

    public static let maximumPerUser = 50

    public func views(of userID: String) async throws -> [SavedView] {
        let rows = try await client.query(
            "SELECT id, name, filters FROM console_saved_views WHERE user_id = \(userID) ORDER BY lower(name), id", logger: logger)
        var views: [SavedView] = []
        for try await (id, name, filters) in rows.decode((UUID, String, String).self) {
            views.append(SavedView(id: id, name: name, filters: filters))
        }
        return views
    }

    /// Saves (or, under a name the user already has, replaces) a view.
    @discardableResult
    public func save(name rawName: String, filters: String, for userID: String) async throws -> SavedView {
        let name = rawName.trimmingCharacters(in: .whitespacesAndNewlines)
        // Counted as PostgreSQL's length() counts (code points), so what passes here
        // passes the table's check: a name of combining marks is long in code points.
        let length = name.unicodeScalars.count
        guard (1...100).contains(length) else { throw DossierError.invalidInput("a view's name must be 1 to 100 characters, not \(length)") }
        guard filters.unicodeScalars.count <= 2000 else { throw DossierError.invalidInput("these filters are too long to save (at most 2000 characters)") }
        return try await client.transaction(logger: logger) { connection in
            let count = try await connection.query(
                "SELECT count(*) FROM console_saved_views WHERE user_id = \(userID) AND name <> \(name)", logger: logger)
            for try await existing in count.decode(Int.self) where existing >= Self.maximumPerUser {
                throw DossierError.invalidInput("you have \(existing) saved views, the most there may be; delete one first")
            }
            let rows = try await connection.query(
                """
                INSERT INTO console_saved_views (id, user_id, name, filters, created_at)
                VALUES (\(UUID.v7()), \(userID), \(name), \(filters), \(clock.now()))
                ON CONFLICT (user_id, name) DO UPDATE SET filters = excluded.filters
                RETURNING id
                """, logger: logger)
            for try await id in rows.decode(UUID.self) { return SavedView(id: id, name: name, filters: filters) }
            throw DossierError.notFound("view \(name)")
        }
    }

    /// Deletes one of the user's views; another user's is not found.
    public func delete(id: UUID, of userID: String) async throws {
        let rows = try await client.query(
            "DELETE FROM console_saved_views WHERE id = \(id) AND user_id = \(userID) RETURNING 1", logger: logger)
        for try await _ in rows { return }
        throw DossierError.notFound("view \(id.uuidString.lowercased())")
    }
}
