public import DossierCore
import DossierPostgres
import Crypto
public import Foundation
import PostgresNIO

/// Each user's calendar feed: an address with an unguessable token that a calendar
/// program polls without signing in, holding every deadline the user may see.
extension ExtraditionStore {
    /// The most deadlines a feed holds, the nearest first.
    public static let calendarFeedLimit = 5_000

    /// When the user's feed address was made; nil when they have none.
    public func calendarFeedCreated(userID: String) async throws -> Date? {
        let rows = try await client.query(
            "SELECT created_at FROM extradition_calendar_feeds WHERE user_id = \(userID)", logger: logger)
        for try await created in rows.decode(Date.self) { return created }
        return nil
    }

    /// Makes the user a new feed token, replacing the old one (whose address stops
    /// answering). The token is returned once; only its SHA-256 is kept.
    public func resetCalendarFeed(userID: String) async throws -> String {
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = generator.next() }
        let token = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        let hash = Self.feedHash(token)
        try await client.query(
            """
            INSERT INTO extradition_calendar_feeds (user_id, token_hash, created_at)
            VALUES (\(userID), \(hash), \(cases.clock.now()))
            ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at
            """, logger: logger)
        return token
    }

    /// Stops the user's feed.
    public func removeCalendarFeed(userID: String) async throws {
        try await client.query("DELETE FROM extradition_calendar_feeds WHERE user_id = \(userID)", logger: logger)
    }

    /// The user a feed token belongs to; nil for a token no feed has.
    public func calendarFeedOwner(token: String) async throws -> String? {
        guard token.count == 43, token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            return nil
        }
        let rows = try await client.query(
            "SELECT user_id FROM extradition_calendar_feeds WHERE token_hash = \(Self.feedHash(token))", logger: logger)
        for try await userID in rows.decode(String.self) { return userID }
        return nil
    }

    /// Every open deadline `actor` may see, for the feed: the board without its page limit.
    public func calendarDeadlines(visibleTo actor: Actor) async throws -> [BoardEntry] {
        try await boardEntries(visibleTo: actor, limit: Self.calendarFeedLimit, withinDays: nil, filter: BoardFilter())
    }

    static func feedHash(_ token: String) -> Data { Data(SHA256.hash(data: Data(token.utf8))) }
}
