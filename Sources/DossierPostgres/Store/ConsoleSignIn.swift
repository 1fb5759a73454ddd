import DossierCore
public import Foundation
import Logging
import PostgresNIO
import Synchronization

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
    /// Sign-ins checked at once in this process; more are refused as busy at once, so a
    /// flood of guesses can take neither every core (bcrypt) nor the connection pool.
    public var concurrentChecks = 4

    public init() {}
}

/// Signing in to the console with a user id and password: refused while the name or the
/// address is locked, slowed after repeated failures, and every outcome (a sign-in, a
/// failure, a lockout) written to the admin log.
///
/// Attempts on one name (and from one address) are serialised by transaction-scoped
/// advisory locks, and each is checked against the lock after the lock is taken, so
/// parallel guesses get no more tries than sequential ones.
public struct ConsoleSignIn: Sendable {
    let users: UserStore
    let sessions: ConsoleSessions
    let policy: SignInPolicy
    private let checksInFlight: CheckCounter

    public init(users: UserStore, sessions: ConsoleSessions, policy: SignInPolicy = .init()) {
        self.users = users
        self.sessions = sessions
        self.policy = policy
        self.checksInFlight = CheckCounter(limit: policy.concurrentChecks)
    }

    public enum Outcome: Sendable {
        /// Signed in: set this cookie.
        case signedIn(cookie: String, session: ConsoleSession)
        /// The password is right and the user has a second factor: set this cookie, whose
        /// session opens only the code form, and ask for the code.
        case needsCode(cookie: String)
        /// Wrong name or password; answer after `delay`.
        case refused(delay: Duration)
        /// Too many failures: no password is checked until `until`.
        case locked(until: Date)
        /// Too many sign-ins are being checked right now; try again in a moment.
        case busy
    }

    /// What the admin log names for a failure on a name that is no user: not the text
    /// typed, which may well be someone's password.
    static let unknownSubject = "(unknown user)"

    public func signIn(userID rawID: String, password: String, address: String) async throws -> Outcome {
        let userID = String(rawID.trimmingCharacters(in: .whitespaces).lowercased().prefix(64))
        guard checksInFlight.enter() else { return .busy }
        defer { checksInFlight.leave() }
        let logger = users.logger
        return try await users.client.transaction(logger: logger) { connection in
            try await serialise(userID: userID, address: address, on: connection)
            let now = users.clock.now()
            if let until = try await lockedUntil(userID: userID, address: address, now: now, on: connection) { return .locked(until: until) }
            if !password.isEmpty, password.utf8.count <= 1024,
               let user = try await users.verifyPassword(password, forUser: userID, on: connection) {
                if try await users.hasSecondFactor(user.id, on: connection) {
                    // Failures are cleared, and the sign-in logged, once the code is right too.
                    let started = try await sessions.start(for: user, address: address, awaitingCode: true, on: connection)
                    return .needsCode(cookie: started.cookie)
                }
                try await connection.query("DELETE FROM sign_in_failures WHERE user_id = \(user.id)", logger: logger)
                let started = try await sessions.start(for: user, address: address, on: connection)
                try await AdminLog.append(
                    .signedIn, subject: user.id, detail: ["address": .string(address)], by: user.actor, at: now,
                    on: connection, logger: logger)
                return .signedIn(cookie: started.cookie, session: started.session)
            }
            let subject = try await userExists(userID, on: connection) ? userID : Self.unknownSubject
            return try await failed(userID: userID, subject: subject, address: address, detail: [:], now: now, on: connection)
        }
    }

    /// Records a failed attempt on the name and the address, and answers what it leads to:
    /// a lockout (logged, after `whenLocked`), or a refusal after the wait the failures so
    /// far call for.
    func failed(
        userID: String, subject: String, address: String, detail: [String: JSONValue], now: Date, on connection: PostgresConnection,
        whenLocked: () async throws -> Void = {}
    ) async throws -> Outcome {
        let logger = users.logger
        try await connection.query(
            "INSERT INTO sign_in_failures (user_id, address, at) VALUES (\(userID), \(address), \(now))", logger: logger)
        try await AdminLog.append(
            .signInFailed, subject: subject, detail: .object(detail.merging(["address": .string(address)]) { $1 }), by: .system,
            at: now, on: connection, logger: logger)
        if let until = try await lockedUntil(userID: userID, address: address, now: now, on: connection) {
            try await whenLocked()
            try await AdminLog.append(
                .lockedOut, subject: subject, detail: ["address": .string(address), "until": .string(until.formatted(.iso8601))],
                by: .system, at: now, on: connection, logger: logger)
            return .locked(until: until)
        }
        let failures = try await failureCount(userID: userID, address: address, now: now, on: connection)
        return .refused(delay: delay(afterFailures: max(failures.user, failures.address)))
    }

    /// The second step of signing in: the code from the authenticator app, for the session
    /// the password started (its cookie). A right code, not used before, turns it into a
    /// full session under a new cookie; a wrong one counts as a failed sign-in for the name
    /// and the address, and a lockout ends the waiting session.
    public func confirmCode(cookie: String, address: String, check: UserStore.CodeCheck) async throws -> Outcome? {
        guard ConsoleSessions.isWellFormed(cookie) else { return nil }
        guard checksInFlight.enter() else { return .busy }
        defer { checksInFlight.leave() }
        let logger = users.logger
        let now = users.clock.now()
        return try await users.client.transaction(logger: logger) { connection -> Outcome? in
            var waiting: String?
            for try await user in try await connection.query(
                """
                SELECT user_id FROM console_sessions
                WHERE id_hash = \(Data(ConsoleSessions.hash(cookie))) AND awaiting_code AND ended_at IS NULL AND expires_at > \(now)
                FOR UPDATE
                """, logger: logger).decode(String.self)
            {
                waiting = user
            }
            guard let userID = waiting else { return nil }
            try await serialise(userID: userID, address: address, on: connection)
            if let until = try await lockedUntil(userID: userID, address: address, now: now, on: connection) {
                try await endWaiting(cookie: cookie, at: now, on: connection)
                return .locked(until: until)
            }
            // Its second factor was removed meanwhile (a lost phone): no code can be right;
            // the user signs in again, with the password alone.
            guard try await users.hasSecondFactor(userID, on: connection) else {
                try await endWaiting(cookie: cookie, at: now, on: connection)
                return nil
            }
            if try await users.acceptCode(for: userID, check: check, at: now, on: connection) {
                let user = try await users.user(id: userID)
                try await connection.query("DELETE FROM sign_in_failures WHERE user_id = \(userID)", logger: logger)
                let fresh = try await sessions.passSecondFactor(cookie: cookie, on: connection)
                try await AdminLog.append(
                    .signedIn, subject: userID, detail: ["address": .string(address), "second_factor": true], by: user.actor, at: now,
                    on: connection, logger: logger)
                let session = ConsoleSession(
                    user: user, csrfToken: "", createdAt: now, expiresAt: now.addingTimeInterval(sessions.policy.lifetime.seconds))
                return .signedIn(cookie: fresh, session: session)
            }
            return try await failed(userID: userID, subject: userID, address: address, detail: ["factor": "code"], now: now, on: connection) {
                try await endWaiting(cookie: cookie, at: now, on: connection)
            }
        }
    }

    /// Ends the session the cookie names, locked out (one waiting for its code, or one
    /// whose holder guessed at its password).
    func endWaiting(cookie: String, at now: Date, on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            UPDATE console_sessions SET ended_at = \(now), ended_because = 'locked_out'
            WHERE id_hash = \(Data(ConsoleSessions.hash(cookie))) AND ended_at IS NULL
            """, logger: users.logger)
    }

    /// A signed-in user's password asked again, before their account changes (a new
    /// password, a second factor set up or removed): counted like a sign-in, so whoever
    /// holds a session but not the password gets no more guesses than at the sign-in form,
    /// and a lockout ends that session.
    public func confirmPassword(_ password: String, userID: String, address: String, session cookie: String) async throws -> PasswordCheck {
        guard checksInFlight.enter() else { return .busy }
        defer { checksInFlight.leave() }
        let logger = users.logger
        return try await users.client.transaction(logger: logger) { connection in
            try await serialise(userID: userID, address: address, on: connection)
            let now = users.clock.now()
            if let until = try await lockedUntil(userID: userID, address: address, now: now, on: connection) { return .locked(until: until) }
            if !password.isEmpty, password.utf8.count <= 1024, try await users.verifyPassword(password, forUser: userID, on: connection) != nil {
                return .right
            }
            let outcome = try await failed(
                userID: userID, subject: userID, address: address, detail: ["factor": "password again"], now: now, on: connection
            ) {
                try await endWaiting(cookie: cookie, at: now, on: connection)
            }
            if case .locked(let until) = outcome { return .locked(until: until) }
            if case .refused(let delay) = outcome { return .wrong(delay: delay) }
            return .wrong(delay: .zero)
        }
    }

    /// What asking a signed-in user for their password again found.
    public enum PasswordCheck: Sendable, Equatable {
        case right
        /// Wrong; answer after `delay`.
        case wrong(delay: Duration)
        /// Too many failures: the session that asked has ended.
        case locked(until: Date)
        /// Too many checks at once; try again in a moment.
        case busy
    }

    /// Takes the attempt's turn on the name and on the address, for the rest of the
    /// transaction: name first, then address, in every transaction, so no two wait on
    /// each other.
    func serialise(userID: String, address: String, on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            SELECT pg_advisory_xact_lock(hashtextextended('dossier.sign-in.user:' || \(userID), 0)),
                   pg_advisory_xact_lock(hashtextextended('dossier.sign-in.address:' || \(address), 0))
            """, logger: users.logger)
    }

    /// The wait before answering the `failures`th failure: none for the first two.
    func delay(afterFailures failures: Int) -> Duration {
        guard failures > 2 else { return .zero }
        return min(policy.delayStep * (failures - 2), policy.maximumDelay)
    }

    /// When the lock on the name or the address lifts, if either is locked now: a lock
    /// starts at a failure that made the threshold within the window before it, and lasts
    /// ``SignInPolicy/lockout`` from there, however the window moves on.
    func lockedUntil(userID: String, address: String, now: Date, on connection: PostgresConnection) async throws -> Date? {
        let lockedSince = now.addingTimeInterval(-policy.lockout.seconds)
        let window = policy.window.seconds
        let rows = try await connection.query(
            """
            SELECT max(f.at) FROM sign_in_failures f
            WHERE f.at > \(lockedSince) AND (
                (f.user_id = \(userID) AND (
                    SELECT count(*) FROM sign_in_failures g
                    WHERE g.user_id = f.user_id AND g.at <= f.at AND g.at > f.at - make_interval(secs => \(window))
                ) >= \(policy.failuresBeforeUserLockout))
                OR (f.address = \(address) AND (
                    SELECT count(*) FROM sign_in_failures g
                    WHERE g.address = f.address AND g.at <= f.at AND g.at > f.at - make_interval(secs => \(window))
                ) >= \(policy.failuresBeforeAddressLockout)))
            """, logger: users.logger)
        for try await last in rows.decode(Date?.self) {
            return last.map { $0.addingTimeInterval(policy.lockout.seconds) }
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

    func userExists(_ id: String, on connection: PostgresConnection) async throws -> Bool {
        for try await _ in try await connection.query("SELECT 1 FROM users WHERE id = \(id)", logger: users.logger) { return true }
        return false
    }
}

/// How many sign-ins this process is checking now, up to a limit.
private final class CheckCounter: Sendable {
    private let count = Mutex(0)
    let limit: Int

    init(limit: Int) { self.limit = max(1, limit) }

    func enter() -> Bool {
        count.withLock { value in
            guard value < limit else { return false }
            value += 1
            return true
        }
    }

    func leave() { count.withLock { $0 -= 1 } }
}
