public import DossierCore
import Foundation
import HummingbirdBcrypt
import NIOPosix
import PostgresNIO

/// Console passwords: bcrypt at cost ``UserStore/passwordCost``, hashed and checked on
/// NIO's blocking thread pool so that a quarter second of hashing never holds up other
/// requests. API tokens do not use them.
extension UserStore {
    /// bcrypt's work factor: 2^12 rounds, about a quarter of a second per hash here.
    public static let passwordCost: UInt8 = 12
    /// The allowed length of a password, in characters; bcrypt reads at most 72 bytes.
    public static let passwordLength = 12...72

    /// Sets (or replaces) the user's console password. Replacing one ends the user's open
    /// sessions, so a password changed after a leak locks out whoever had it.
    ///
    /// A password set for someone else lets its setter sign in as them, so a signed-in
    /// user (an admin) doing it must say why, as for a token; the admin log keeps the
    /// reason. The system and the local operator may omit it.
    ///
    /// A `temporary` password must be replaced by its user at their next sign-in before
    /// any other page opens (``changeOwnPassword(of:current:new:keepingSession:)``).
    public func setPassword(
        _ password: String, forUser id: String, reason: String = "", temporary: Bool = false, by actor: Actor = .system
    ) async throws {
        try Self.checkPassword(password, userID: id)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count <= 500 else { throw DossierError.invalidInput("reason must be at most 500 characters") }
        if !actor.isUnrestricted, actor.id != id, reason.isEmpty {
            throw DossierError.invalidInput(
                "a password for \(id) lets whoever sets it sign in as \(id); give a reason (why you set it for them)")
        }
        let user = try await user(id: id)
        guard !user.isDisabled else { throw DossierError.invalidInput("user '\(id)' is disabled") }
        let hash = try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: Self.passwordCost) }
        let now = clock.now()
        try await client.transaction(logger: logger) { connection in
            let rows = try await connection.query(
                """
                INSERT INTO user_passwords (user_id, hash, set_at, must_change) VALUES (\(id), \(hash), \(now), \(temporary))
                ON CONFLICT (user_id) DO UPDATE SET hash = excluded.hash, set_at = excluded.set_at, must_change = excluded.must_change
                RETURNING (xmax <> 0) AS replaced
                """, logger: logger)
            var replaced = false
            for try await value in rows.decode(Bool.self) { replaced = value }
            if replaced {
                try await connection.query(
                    """
                    UPDATE console_sessions SET ended_at = \(now), ended_because = 'password_changed'
                    WHERE user_id = \(id) AND ended_at IS NULL
                    """, logger: logger)
            }
            var detail: [String: JSONValue] = ["replaced": .bool(replaced), "temporary": .bool(temporary)]
            if !reason.isEmpty { detail["reason"] = .string(reason) }
            try await AdminLog.append(.passwordSet, subject: id, detail: .object(detail), by: actor, at: now, on: connection, logger: logger)
        }
    }

    /// The user's own change of password, from the console, once the caller has checked
    /// their current one (``ConsoleSignIn/confirmPassword(_:userID:address:session:)``,
    /// which counts wrong guesses); the new one must differ. Their other sessions end
    /// (whoever had the old password is out); the session that made the change, named by
    /// its cookie, goes on.
    public func changeOwnPassword(of id: String, current: String, new password: String, keepingSession cookie: String) async throws {
        try Self.checkPassword(password, userID: id)
        guard password != current else { throw DossierError.invalidInput("choose a new password, not the one you have") }
        let hash = try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: Self.passwordCost) }
        let now = clock.now()
        try await client.transaction(logger: logger) { connection in
            try await connection.query(
                "UPDATE user_passwords SET hash = \(hash), set_at = \(now), must_change = false WHERE user_id = \(id)", logger: logger)
            try await connection.query(
                """
                UPDATE console_sessions SET ended_at = \(now), ended_because = 'password_changed'
                WHERE user_id = \(id) AND ended_at IS NULL AND id_hash <> \(Data(ConsoleSessions.hash(cookie)))
                """, logger: logger)
            try await AdminLog.append(
                .passwordSet, subject: id, detail: ["replaced": true, "own": true], by: Actor(id: id, roles: []), at: now,
                on: connection, logger: logger)
        }
    }

    /// The active user whose password this is, or nil: no such user, no password set, a
    /// wrong password or a disabled user. An unknown user costs the same bcrypt check as a
    /// known one, so the time taken does not tell which names exist.
    public func verifyPassword(_ password: String, forUser id: String) async throws -> User? {
        try await client.withConnection { connection in try await verifyPassword(password, forUser: id, on: connection) }
    }

    func verifyPassword(_ password: String, forUser id: String, on connection: PostgresConnection) async throws -> User? {
        let rows = try await connection.query(
            """
            SELECT \(unescaped: Self.userColumns.split(separator: ",").map { "u." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")), p.hash
            FROM users u JOIN user_passwords p ON p.user_id = u.id WHERE u.id = \(id)
            """, logger: logger)
        var found: (User, String)?
        for try await row in rows.decode((String, String, [String], String, String, Date, Date?, String).self) {
            found = (try Self.user(from: (row.0, row.1, row.2, row.3, row.4, row.5, row.6)), row.7)
        }
        let hash = found?.1
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash ?? Self.decoyHash) }
        guard matches, let (user, _) = found, !user.isDisabled else { return nil }
        return user
    }

    /// Refuses a password that is too short or too long for bcrypt, or that is the user's id.
    static func checkPassword(_ password: String, userID: String) throws(DossierError) {
        guard Self.passwordLength.contains(password.count), password.utf8.count <= 72 else {
            throw .invalidInput(
                "a password must be \(Self.passwordLength.lowerBound) to \(Self.passwordLength.upperBound) characters "
                    + "(at most 72 bytes in UTF-8), not \(password.count)")
        }
        guard password.lowercased() != userID.lowercased() else {
            throw .invalidInput("a password must not be the user's own id")
        }
    }

    /// A hash of a random password nobody knows, checked when the user has none; made
    /// once, on the thread pool, the first time it is needed.
    private static let decoyHash = Bcrypt.hash(UUID().uuidString, cost: passwordCost)
}
