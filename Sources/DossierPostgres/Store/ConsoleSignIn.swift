public import DossierCore
public import Foundation
public import Logging
public import PostgresNIO

/// When repeated failed sign-ins slow down and then lock out further tries.
public struct SignInPolicy: Sendable {
    /// Failures are counted over this window.
    public var window: Duration = .seconds(15 * 60)
    /// After this many failures for one name within the window, the name is locked.
    public var failuresBeforeUserLockout = 5
    /// After this many failures from one address within the window, the address is locked.
    public var failuresBeforeAddressLockout = 20
    /// How long a lockout lasts, from the failure that caused it.
    public var lockout: Duration = .seconds(15 * 60)
    /// From the third failure on, each refusal waits this much longer than the one before.
    public var delayStep: Duration = .seconds(1)
    /// The longest wait before a refusal is answered.
    public var maximumDelay: Duration = .seconds(5)

    public init() {}
}

/// Signing in to the console with a user id and password: refused while the name or the
/// address is locked, slowed after repeated failures, and every outcome (a sign-in, a
/// failure, a lockout) written to the admin log.
public struct ConsoleSignIn: Sendable {
    let users: UserStore
    let sessions: ConsoleSessions
    let policy: SignInPolicy

    public init(users: UserStore, sessions: ConsoleSessions, policy: SignInPolicy = .init()) {
        self.users = users
        self.sessions = sessions
        self.policy = policy
    }

    public enum Outcome: Sendable {
        /// Signed in: set this cookie.
        case signedIn(cookie: String, session: ConsoleSession)
        /// Wrong name or password; answer after `delay`.
        case refused(delay: Duration)
        /// Too many failures: no password is checked until `until`.
        case locked(until: Date)
    }

    public func signIn(userID rawID: String, password: String, address: String) async throws -> Outcome {
        let userID = String(rawID.trimmingCharacters(in: .whitespaces).lowercased().prefix(64))
        let client = users.client
        let logger = users.logger
        let now = users.clock.now()
        if let until = try await lockedUntil(userID: userID, address: address, now: now) { return .locked(until: until) }
        guard !password.isEmpty, password.utf8.count <= 1024,
              let user = try await users.verifyPassword(password, forUser: userID) else {
            return try await client.transaction(logger: logger) { connection in
                try await connection.query(
                    "INSERT INTO sign_in_failures (user_id, address, at) VALUES (\(userID), \(address), \(now))", logger: logger)
                try await AdminLog.append(
                    .signInFailed, subject: userID, detail: ["address": .string(address)], by: .system, at: now,
                    on: connection, logger: logger)
                let failures = try await failureCount(userID: userID, address: address, now: now, on: connection)
                if failures.user >= policy.failuresBeforeUserLockout || failures.address >= policy.failuresBeforeAddressLockout {
                    let until = now.addingTimeInterval(policy.lockout.seconds)
                    try await AdminLog.append(
                        .lockedOut, subject: userID,
                        detail: [
                            "address": .string(address), "until": .string(until.formatted(.iso8601)),
                            "because": .string(failures.user >= policy.failuresBeforeUserLockout ? "user" : "address"),
                        ],
                        by: .system, at: now, on: connection, logger: logger)
                    return .locked(until: until)
                }
                return .refused(delay: delay(afterFailures: max(failures.user, failures.address)))
            }
        }
        return try await client.transaction(logger: logger) { connection in
            try await connection.query("DELETE FROM sign_in_failures WHERE user_id = \(user.id)", logger: logger)
            let started = try await sessions.start(for: user, address: address, on: connection)
            try await AdminLog.append(
                .signedIn, subject: user.id, detail: ["address": .string(address)], by: user.actor, at: now,
                on: connection, logger: logger)
            return .signedIn(cookie: started.cookie, session: started.session)
        }
    }

    /// The wait before answering the `failures`th failure: none for the first two.
    func delay(afterFailures failures: Int) -> Duration {
        guard failures > 2 else { return .zero }
        return min(policy.delayStep * (failures - 2), policy.maximumDelay)
    }

    /// When the lock on the name or the address lifts, if either is locked now.
    func lockedUntil(userID: String, address: String, now: Date) async throws -> Date? {
        let since = now.addingTimeInterval(-policy.window.seconds)
        let rows = try await users.client.query(
            """
            SELECT max(at) FROM (
                SELECT at FROM (SELECT at, count(*) OVER () AS n FROM sign_in_failures WHERE user_id = \(userID) AND at > \(since)) f
                WHERE n >= \(policy.failuresBeforeUserLockout)
                UNION ALL
                SELECT at FROM (SELECT at, count(*) OVER () AS n FROM sign_in_failures WHERE address = \(address) AND at > \(since)) f
                WHERE n >= \(policy.failuresBeforeAddressLockout)
            ) locked
            """, logger: users.logger)
        for try await last in rows.decode(Date?.self) {
            guard let last else { return nil }
            let until = last.addingTimeInterval(policy.lockout.seconds)
            return until > now ? until : nil
        }
        return nil
    }

    func failureCount(userID: String, address: String, now: Date, on connection: PostgresConnection) async throws -> (user: Int, address: Int) {
        let since = now.addingTimeInterval(-policy.window.seconds)
        let rows = try await connection.query(
            """
            SELECT (SELECT count(*) FROM sign_in_failures WHERE user_id = \(userID) AND at > \(since)),
                   (SELECT count(*) FROM sign_in_failures WHERE address = \(address) AND at > \(since))
            """, logger: users.logger)
        for try await (user, address) in rows.decode((Int, Int).self) { return (user, address) }
        return (0, 0)
    }
}
