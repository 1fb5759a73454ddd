public import DossierCore
public import Foundation
import PostgresNIO

/// The console's second factor: a TOTP key (RFC 6238) per user. The store keeps the key,
/// whether the user confirmed it, and the last time step a code was accepted for, so each
/// code works once; the codes themselves are computed by the caller (the console, with
/// HummingbirdOTP), through a ``CodeCheck``.
extension UserStore {
    /// The time step a code is right for with this key at this instant, or nil when it
    /// is wrong; the caller allows the clock drift it accepts.
    public typealias CodeCheck = @Sendable (_ secret: String, _ now: Date) -> Int64?

    public enum SecondFactorState: Sendable, Hashable {
        /// No second factor: the password alone signs in.
        case none
        /// A key was made and not yet confirmed with a code; it does not count yet.
        case pending(secret: String)
        /// Signing in asks for a code since this time.
        case enrolled(since: Date)
    }

    public func secondFactor(of userID: String) async throws -> SecondFactorState {
        let rows = try await client.query(
            "SELECT secret, confirmed_at FROM user_second_factors WHERE user_id = \(userID)", logger: logger)
        for try await (secret, confirmed) in rows.decode((String, Date?).self) {
            return confirmed.map { .enrolled(since: $0) } ?? .pending(secret: secret)
        }
        return .none
    }

    /// The users who have a confirmed second factor, of these ids.
    public func usersWithSecondFactor(among ids: [String]) async throws -> Set<String> {
        let rows = try await client.query(
            "SELECT user_id FROM user_second_factors WHERE user_id = ANY(\(ids)) AND confirmed_at IS NOT NULL", logger: logger)
        var found = Set<String>()
        for try await id in rows.decode(String.self) { found.insert(id) }
        return found
    }

    /// Makes a new key for the user to put in their authenticator app, replacing a pending
    /// one; it counts once ``confirmSecondFactor(for:check:)`` accepts a code of it.
    public func startSecondFactor(for userID: String) async throws -> String {
        let secret = Self.newSecondFactorSecret()
        let rows = try await client.query(
            """
            INSERT INTO user_second_factors (user_id, secret, created_at) VALUES (\(userID), \(secret), \(clock.now()))
            ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at, last_step = NULL
                WHERE user_second_factors.confirmed_at IS NULL
            RETURNING 1
            """, logger: logger)
        for try await _ in rows { return secret }
        throw DossierError.invalidInput("you already sign in with a code; remove that second factor first to set up another")
    }

    /// Confirms the pending key with a code from the app; from then on signing in asks for
    /// a code. False when the code is wrong (nothing changes).
    public func confirmSecondFactor(for userID: String, check: CodeCheck) async throws -> Bool {
        let now = clock.now()
        return try await client.transaction(logger: logger) { connection in
            let rows = try await connection.query(
                "SELECT secret FROM user_second_factors WHERE user_id = \(userID) AND confirmed_at IS NULL FOR UPDATE", logger: logger)
            var pending: String?
            for try await secret in rows.decode(String.self) { pending = secret }
            guard let pending else {
                throw DossierError.invalidInput("there is no second factor waiting to be confirmed; start setting one up first")
            }
            guard let step = check(pending, now) else { return false }
            try await connection.query(
                "UPDATE user_second_factors SET confirmed_at = \(now), last_step = \(step) WHERE user_id = \(userID)", logger: logger)
            try await AdminLog.append(
                .secondFactorEnrolled, subject: userID, detail: ["kind": "totp"], by: Actor(id: userID, roles: []), at: now,
                on: connection, logger: logger)
            return true
        }
    }

    /// Drops a key that was made and never confirmed (the user changed their mind); a
    /// confirmed one stays.
    public func cancelPendingSecondFactor(of userID: String) async throws {
        try await client.query("DELETE FROM user_second_factors WHERE user_id = \(userID) AND confirmed_at IS NULL", logger: logger)
    }

    /// Takes a code for the user's confirmed key, once: the time step it matches must be
    /// later than the last one accepted. Runs in the caller's transaction.
    func acceptCode(for userID: String, check: CodeCheck, at now: Date, on connection: PostgresConnection) async throws -> Bool {
        let rows = try await connection.query(
            """
            SELECT secret, last_step FROM user_second_factors WHERE user_id = \(userID) AND confirmed_at IS NOT NULL FOR UPDATE
            """, logger: logger)
        var found: (String, Int64?)?
        for try await row in rows.decode((String, Int64?).self) { found = row }
        guard let (secret, last) = found, let step = check(secret, now), step > (last ?? .min) else { return false }
        try await connection.query("UPDATE user_second_factors SET last_step = \(step) WHERE user_id = \(userID)", logger: logger)
        return true
    }

    /// Whether the user signs in with a code as well as the password.
    func hasSecondFactor(_ userID: String, on connection: PostgresConnection) async throws -> Bool {
        let rows = try await connection.query(
            "SELECT 1 FROM user_second_factors WHERE user_id = \(userID) AND confirmed_at IS NOT NULL", logger: logger)
        for try await _ in rows { return true }
        return false
    }

    /// Removes the user's second factor, confirmed or pending: they sign in with the
    /// password alone until they set up another. The user themself proves the password and
    /// a current code (``removeOwnSecondFactor(of:check:)``); an administrator removing
    /// someone else's (a lost phone) must say why.
    public func removeSecondFactor(of userID: String, reason: String = "", by actor: Actor = .system) async throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count <= 500 else { throw DossierError.invalidInput("reason must be at most 500 characters") }
        if !actor.isUnrestricted, actor.id == userID {
            throw DossierError.invalidInput("remove your own second factor on your account page, with your password and a code")
        }
        if !actor.isUnrestricted, reason.isEmpty {
            throw DossierError.invalidInput(
                "without a second factor, \(userID)'s password alone signs in as them; give a reason (why you remove it)")
        }
        _ = try await user(id: userID)
        let removed = try await client.transaction(logger: logger) { connection in
            try await deleteSecondFactor(of: userID, reason: reason, by: actor, on: connection)
        }
        guard removed else { throw DossierError.invalidInput("\(userID) has no second factor to remove") }
    }

    /// Removes the user's own second factor when a current code is right, once the caller
    /// has checked their password (``ConsoleSignIn/confirmPassword(_:userID:address:session:)``);
    /// false (and nothing changed) when the code is wrong or used.
    public func removeOwnSecondFactor(of userID: String, check: CodeCheck) async throws -> Bool {
        let now = clock.now()
        return try await client.transaction(logger: logger) { connection in
            guard try await acceptCode(for: userID, check: check, at: now, on: connection) else { return false }
            return try await deleteSecondFactor(of: userID, reason: "", by: Actor(id: userID, roles: []), on: connection)
        }
    }

    private func deleteSecondFactor(
        of userID: String, reason: String, by actor: Actor, on connection: PostgresConnection
    ) async throws -> Bool {
        let rows = try await connection.query(
            "DELETE FROM user_second_factors WHERE user_id = \(userID) RETURNING confirmed_at IS NOT NULL", logger: logger)
        for try await confirmed in rows.decode(Bool.self) {
            var detail: [String: JSONValue] = ["was_confirmed": .bool(confirmed)]
            if !reason.isEmpty { detail["reason"] = .string(reason) }
            try await AdminLog.append(
                .secondFactorRemoved, subject: userID, detail: .object(detail), by: actor, at: clock.now(), on: connection,
                logger: logger)
            return true
        }
        return false
    }

    /// 32 random letters and digits (190 bits), the key an authenticator app holds.
    static func newSecondFactorSecret() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<32).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
