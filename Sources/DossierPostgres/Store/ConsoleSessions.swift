public import DossierCore
import Crypto
public import Foundation
public import Logging
public import PostgresNIO

/// A signed-in console session, as a request sees it.
public struct ConsoleSession: Sendable {
    public var user: User
    /// The token every form of this session carries back (CSRF).
    public var csrfToken: String
    public var createdAt: Date
    /// When the session ends whatever happens (its absolute lifetime).
    public var expiresAt: Date
    /// A message left by the request before (post, redirect, get), shown once.
    public var flash: String?
    /// Whether ``flash`` reports a refusal (shown as a problem) rather than what was done.
    public var flashIsProblem = false
    /// The password was right and the second factor's code is still to come: the session
    /// opens nothing but the code form.
    public var awaitingCode = false
    /// The password is a temporary one an administrator set: the user chooses their own
    /// before any other page opens.
    public var mustChangePassword = false
    /// Whether single-key shortcuts (`/` for search) are on for this user.
    public var singleKeyShortcuts = true
}

/// How long console sessions last.
public struct SessionPolicy: Sendable {
    /// A session unused for this long ends.
    public var idleTimeout: Duration = .seconds(30 * 60)
    /// A session ends this long after sign-in, however busy.
    public var lifetime: Duration = .seconds(12 * 3600)
    /// How long a session waits for the second factor's code after the password.
    public var codeWait: Duration = .seconds(5 * 60)

    public init(idleTimeout: Duration = .seconds(30 * 60), lifetime: Duration = .seconds(12 * 3600)) {
        self.idleTimeout = idleTimeout
        self.lifetime = lifetime
    }
}

/// Console sessions, server-side. The browser's cookie holds 32 random bytes and nothing
/// else; the table keeps their SHA-256, who signed in, and when the session ends. Each
/// request resumes its session in one statement that also records its use and takes the
/// flash message, so an idle, expired, ended or disabled user's session is refused there.
public struct ConsoleSessions: Sendable {
    let client: PostgresClient
    let clock: WallClock
    public let policy: SessionPolicy
    let logger: Logger

    public init(client: PostgresClient, clock: WallClock = .system, policy: SessionPolicy = .init(), logger: Logger) {
        self.client = client
        self.clock = clock
        self.policy = policy
        self.logger = logger
    }

    /// Starts a session for `user`; the returned cookie value exists nowhere else. One
    /// `awaitingCode` lasts ``SessionPolicy/codeWait`` and opens only the code form.
    public func start(
        for user: User, address: String, awaitingCode: Bool = false, on connection: PostgresConnection
    ) async throws -> (cookie: String, session: ConsoleSession) {
        let cookie = Self.randomToken()
        let csrf = Self.randomToken()
        let now = clock.now()
        let expires = now.addingTimeInterval((awaitingCode ? policy.codeWait : policy.lifetime).seconds)
        try await connection.query(
            """
            INSERT INTO console_sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, address, awaiting_code)
            VALUES (\(Data(Self.hash(cookie))), \(user.id), \(csrf), \(now), \(now), \(expires), \(address), \(awaitingCode))
            """, logger: logger)
        return (cookie, ConsoleSession(user: user, csrfToken: csrf, createdAt: now, expiresAt: expires, flash: nil, awaitingCode: awaitingCode))
    }

    /// The session waiting for a code has had it: it gets a new cookie (the one that
    /// carried only the password is dead) and a full lifetime from now.
    func passSecondFactor(cookie: String, on connection: PostgresConnection) async throws -> String {
        let fresh = Self.randomToken()
        let now = clock.now()
        try await connection.query(
            """
            UPDATE console_sessions SET id_hash = \(Data(Self.hash(fresh))), awaiting_code = false, last_seen_at = \(now),
                expires_at = \(now.addingTimeInterval(policy.lifetime.seconds))
            WHERE id_hash = \(Data(Self.hash(cookie))) AND awaiting_code AND ended_at IS NULL
            """, logger: logger)
        return fresh
    }

    /// How stale a session's recorded last use may grow before a request writes it anew:
    /// most page views then only read their session. The idle timeout counts to this.
    public static let touchInterval: TimeInterval = 60

    /// The live session the cookie names, its flash message taken; nil when there is none,
    /// or it ended, sat idle too long, outlived its lifetime, or its user is disabled. Its
    /// use is written when the record is a minute old or a message waits; otherwise the
    /// request only reads it.
    public func resume(cookie: String) async throws -> ConsoleSession? {
        guard Self.isWellFormed(cookie) else { return nil }
        let now = clock.now()
        let idleSince = now.addingTimeInterval(-policy.idleTimeout.seconds)
        let rows = try await client.query(
            """
            SELECT \(unescaped: Self.qualifiedUserColumns), s.csrf_token, s.created_at, s.expires_at, s.flash IS NOT NULL,
                s.last_seen_at, s.awaiting_code,
                coalesce((SELECT must_change FROM user_passwords p WHERE p.user_id = s.user_id), false),
                coalesce((SELECT single_key_shortcuts FROM console_preferences c WHERE c.user_id = s.user_id), true)
            FROM console_sessions s JOIN users u ON u.id = s.user_id
            WHERE s.id_hash = \(Data(Self.hash(cookie))) AND s.ended_at IS NULL AND s.expires_at > \(now)
              AND s.last_seen_at > \(idleSince) AND u.disabled_at IS NULL
            """, logger: logger)
        for try await row in rows.decode(
            (String, String, [String], String, String, Date, Date?, String, Date, Date, Bool, Date, Bool, Bool, Bool).self)
        {
            let (hasFlash, lastSeen) = (row.10, row.11)
            if hasFlash || lastSeen < now.addingTimeInterval(-Self.touchInterval) { return try await touch(cookie: cookie, now: now) }
            let user = try UserStore.user(from: (row.0, row.1, row.2, row.3, row.4, row.5, row.6))
            return ConsoleSession(
                user: user, csrfToken: row.7, createdAt: row.8, expiresAt: row.9, flash: nil, awaitingCode: row.12,
                mustChangePassword: row.13, singleKeyShortcuts: row.14)
        }
        return nil
    }

    /// Records the session's use and takes its flash message, in one statement that checks
    /// again that it is live (another request may have ended it since). Committed
    /// without waiting for the disk: a crash can lose a minute of "last seen", or show a
    /// message twice, nothing more.
    private func touch(cookie: String, now: Date) async throws -> ConsoleSession? {
        let idleSince = now.addingTimeInterval(-policy.idleTimeout.seconds)
        let rows = try await client.query(
            """
            WITH settings AS (SELECT set_config('synchronous_commit', 'off', true)),
            live AS (
                SELECT s.id_hash, s.flash, s.flash_is_problem FROM console_sessions s JOIN users u ON u.id = s.user_id, settings
                WHERE s.id_hash = \(Data(Self.hash(cookie))) AND s.ended_at IS NULL AND s.expires_at > \(now)
                  AND s.last_seen_at > \(idleSince) AND u.disabled_at IS NULL
                FOR UPDATE OF s
            )
            UPDATE console_sessions s SET last_seen_at = \(now), flash = NULL, flash_is_problem = false FROM live, users u
            WHERE s.id_hash = live.id_hash AND u.id = s.user_id
            RETURNING \(unescaped: Self.qualifiedUserColumns), s.csrf_token, s.created_at, s.expires_at, live.flash, s.awaiting_code,
                coalesce((SELECT must_change FROM user_passwords p WHERE p.user_id = s.user_id), false),
                coalesce((SELECT single_key_shortcuts FROM console_preferences c WHERE c.user_id = s.user_id), true),
                live.flash_is_problem
            """, logger: logger)
        for try await row in rows.decode(
            (String, String, [String], String, String, Date, Date?, String, Date, Date, String?, Bool, Bool, Bool, Bool).self)
        {
            let user = try UserStore.user(from: (row.0, row.1, row.2, row.3, row.4, row.5, row.6))
            return ConsoleSession(
                user: user, csrfToken: row.7, createdAt: row.8, expiresAt: row.9, flash: row.10, flashIsProblem: row.14,
                awaitingCode: row.11, mustChangePassword: row.12, singleKeyShortcuts: row.13)
        }
        return nil
    }

    static let qualifiedUserColumns = UserStore.userColumns.split(separator: ",")
        .map { "u." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")

    /// Leaves a message for the session's next page; `problem` when it reports a refusal.
    public func flash(_ message: String, problem: Bool = false, cookie: String) async throws {
        guard Self.isWellFormed(cookie) else { return }
        try await client.query(
            """
            UPDATE console_sessions SET flash = \(String(message.prefix(2000))), flash_is_problem = \(problem)
            WHERE id_hash = \(Data(Self.hash(cookie)))
            """, logger: logger)
    }

    /// Ends the session (sign-out), recording it in the admin log; ending one that has
    /// already ended changes nothing.
    public func end(cookie: String) async throws {
        guard Self.isWellFormed(cookie) else { return }
        let now = clock.now()
        try await client.transaction(logger: logger) { connection in
            let rows = try await connection.query(
                """
                UPDATE console_sessions SET ended_at = \(now), ended_because = 'signed_out'
                WHERE id_hash = \(Data(Self.hash(cookie))) AND ended_at IS NULL RETURNING user_id, address
                """, logger: logger)
            for try await (user, address) in rows.decode((String, String).self) {
                try await AdminLog.append(
                    .signedOut, subject: user, detail: ["address": .string(address)], by: Actor(id: user, roles: []), at: now,
                    on: connection, logger: logger)
            }
        }
    }

    /// Turns the user's single-key shortcuts on or off.
    public func setSingleKeyShortcuts(_ on: Bool, for userID: String) async throws {
        try await client.query(
            """
            INSERT INTO console_preferences (user_id, single_key_shortcuts) VALUES (\(userID), \(on))
            ON CONFLICT (user_id) DO UPDATE SET single_key_shortcuts = excluded.single_key_shortcuts
            """, logger: logger)
    }

    /// Ends every open session of `userID` (the user was disabled).
    static func endAll(userID: String, because reason: String, at date: Date, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            UPDATE console_sessions SET ended_at = \(date), ended_because = \(reason)
            WHERE user_id = \(userID) AND ended_at IS NULL
            """, logger: logger)
    }

    /// A fresh random token, for a form that has no session to hold one (sign-in).
    public static func newToken() -> String { randomToken() }

    /// 32 random bytes, as 64 hex digits.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }.hexString
    }

    static func isWellFormed(_ cookie: String) -> Bool {
        cookie.utf8.count == 64 && cookie.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }

    static func hash(_ cookie: String) -> [UInt8] { Array(SHA256.hash(data: Array(cookie.utf8))) }
}

extension Duration {
    /// The duration in seconds, fractions kept.
    var seconds: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
