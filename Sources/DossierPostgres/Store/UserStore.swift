public import DossierCore
public import Foundation
import Crypto
public import Logging
public import PostgresNIO

/// Users and their bearer tokens. A token is 32 random bytes, shown once and stored only
/// as its SHA-256, so a database dump reveals no usable token.
///
/// Every change is recorded in the ``AdminLog`` in the same transaction, with who made it
/// (`by`, the system unless said).
public struct UserStore: Sendable {
    let client: PostgresClient
    /// Where users' creation times and admin-log entries take their time from.
    let clock: WallClock
    let logger: Logger

    public init(client: PostgresClient, clock: WallClock = .system, logger: Logger) {
        self.client = client
        self.clock = clock
        self.logger = logger
    }

    /// A token as issued: the secret appears here and nowhere else.
    public struct IssuedToken: Sendable, Codable {
        public var id: UUID
        public var userID: String
        public var token: String
        public var label: String
        public var expiresAt: Date?
    }

    public func createUser(
        id: String, displayName: String, roles: Set<Role>, agency: String, clearance: Classification, by actor: Actor = .system
    ) async throws -> User {
        guard User.isValidID(id) else {
            throw DossierError.invalidInput(
                "user id '\(id)' must be 1 to 64 of a-z, 0-9, '.', '_' and '-', starting with a letter, and not 'system'")
        }
        guard !roles.isEmpty else { throw DossierError.invalidInput("a user needs at least one role (\(Role.allowedValuesText))") }
        guard !agency.trimmingCharacters(in: .whitespaces).isEmpty else { throw DossierError.invalidInput("agency must not be empty") }
        let user = User(
            id: id, displayName: displayName.isEmpty ? id : displayName, roles: roles, agency: agency, clearance: clearance,
            createdAt: clock.now())
        do {
            try await client.transaction(logger: logger) { connection in
                try await connection.query(
                    """
                    INSERT INTO users (id, display_name, roles, agency, clearance, created_at)
                    VALUES (\(user.id), \(user.displayName), \(user.roles.sorted().map(\.rawValue)), \(user.agency),
                            \(user.clearance.rawValue), \(user.createdAt))
                    """, logger: logger)
                try await AdminLog.append(
                    .userCreated, subject: user.id,
                    detail: [
                        "roles": .array(user.roles.sorted().map { .string($0.rawValue) }), "agency": .string(user.agency),
                        "clearance": .string(user.clearance.rawValue),
                    ],
                    by: actor, at: user.createdAt, on: connection, logger: logger)
            }
        } catch {
            let mapped = error.mappedToDossierError
            if (mapped as? DossierError)?.code == .alreadyExists {
                throw DossierError(.alreadyExists, "user '\(id)' already exists")
            }
            throw mapped
        }
        return user
    }

    public func users() async throws -> [User] {
        let rows = try await client.query(
            "SELECT \(unescaped: Self.userColumns) FROM users ORDER BY id", logger: logger)
        var users: [User] = []
        for try await row in rows.decode(UserRow.self) { users.append(try Self.user(from: row)) }
        return users
    }

    public func user(id: String) async throws -> User {
        let rows = try await client.query("SELECT \(unescaped: Self.userColumns) FROM users WHERE id = \(id)", logger: logger)
        for try await row in rows.decode(UserRow.self) { return try Self.user(from: row) }
        throw DossierError.notFound("user '\(id)' does not exist")
    }

    /// Disables a user: their tokens stop working and their console sessions end at once.
    public func disableUser(id: String, by actor: Actor = .system) async throws -> User {
        guard actor.id != id else { throw DossierError.invalidInput("you cannot disable yourself; another administrator can") }
        return try await client.transaction(logger: logger) { connection in
            let rows = try await connection.query(
                """
                UPDATE users SET disabled_at = coalesce(disabled_at, \(clock.now())) WHERE id = \(id)
                RETURNING \(unescaped: Self.userColumns)
                """, logger: logger)
            for try await row in rows.decode(UserRow.self) {
                let user = try Self.user(from: row)
                try await ConsoleSessions.endAll(userID: id, because: "user_disabled", at: clock.now(), on: connection, logger: logger)
                try await AdminLog.append(.userDisabled, subject: id, detail: [:], by: actor, at: clock.now(), on: connection, logger: logger)
                return user
            }
            throw DossierError.notFound("user '\(id)' does not exist")
        }
    }

    /// Issues a new token for the user; the returned secret is not stored anywhere.
    ///
    /// A token for another user lets its holder read and act as that user, so a signed-in
    /// user (an admin) issuing one for someone else must say why; the admin log keeps who
    /// issued it, for whom and the reason. The system and the local operator may omit it.
    public func issueToken(
        userID: String, label: String = "", expiresAt: Date? = nil, reason: String = "", by actor: Actor = .system
    ) async throws -> IssuedToken {
        let user = try await user(id: userID)
        guard !user.isDisabled else { throw DossierError.invalidInput("user '\(userID)' is disabled") }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count <= 500, label.count <= 200 else {
            throw DossierError.invalidInput("reason must be at most 500 characters and label at most 200")
        }
        if !actor.isUnrestricted, actor.id != userID, reason.isEmpty {
            throw DossierError.invalidInput(
                "a token for \(userID) lets its holder act as \(userID); give a reason (why you issue it for them)")
        }
        let now = clock.now()
        if let expiresAt, expiresAt <= now {
            throw DossierError.invalidInput("expires_at \(expiresAt.formatted(.iso8601)) has passed; give a time after \(now.formatted(.iso8601))")
        }
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let token = "dsr_" + secret.hexString
        let id = UUID.v7()
        try await client.transaction(logger: logger) { connection in
            try await connection.query(
                """
                INSERT INTO api_tokens (id, user_id, token_hash, label, created_at, expires_at, issued_by, reason)
                VALUES (\(id), \(userID), \(Data(Self.hash(token))), \(label), \(now), \(expiresAt), \(actor.id), \(reason))
                """, logger: logger)
            var detail: [String: JSONValue] = ["token": .string(id.uuidString.lowercased()), "label": .string(label)]
            if let expiresAt { detail["expires_at"] = .string(expiresAt.formatted(.iso8601)) }
            if !reason.isEmpty { detail["reason"] = .string(reason) }
            try await AdminLog.append(.tokenIssued, subject: userID, detail: .object(detail), by: actor, at: now, on: connection, logger: logger)
        }
        return IssuedToken(id: id, userID: userID, token: token, label: label, expiresAt: expiresAt)
    }

    public func revokeToken(id: UUID, by actor: Actor = .system) async throws {
        try await client.transaction(logger: logger) { connection in
            let rows = try await connection.query(
                "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, \(clock.now())) WHERE id = \(id) RETURNING user_id", logger: logger)
            for try await owner in rows.decode(String.self) {
                try await AdminLog.append(
                    .tokenRevoked, subject: owner, detail: ["token": .string(id.uuidString.lowercased())], by: actor, at: clock.now(),
                    on: connection, logger: logger)
                return
            }
            throw DossierError.notFound("token \(id.uuidString.lowercased()) does not exist")
        }
    }

    /// The active user a bearer token belongs to, or nil for an unknown, revoked or
    /// expired token (by the store's clock) or a disabled user.
    public func authenticate(token: String) async throws -> User? {
        guard token.hasPrefix("dsr_"), token.utf8.count == 68 else { return nil }
        let rows = try await client.query(
            """
            SELECT \(unescaped: Self.userColumns.split(separator: ",").map { "u." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))
            FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = \(Data(Self.hash(token))) AND t.revoked_at IS NULL
              AND (t.expires_at IS NULL OR t.expires_at > \(clock.now())) AND u.disabled_at IS NULL
            """, logger: logger)
        for try await row in rows.decode(UserRow.self) { return try Self.user(from: row) }
        return nil
    }

    static func hash(_ token: String) -> [UInt8] { Array(SHA256.hash(data: Array(token.utf8))) }

    static let userColumns = "id, display_name, roles, agency, clearance, created_at, disabled_at"
    typealias UserRow = (String, String, [String], String, String, Date, Date?)

    static func user(from row: UserRow) throws -> User {
        let (id, displayName, roles, agency, clearance, createdAt, disabledAt) = row
        return User(
            id: id, displayName: displayName, roles: Set(try roles.map { raw throws(DossierError) in try Role.parse(raw, field: "role") }),
            agency: agency, clearance: try Classification.parse(clearance, field: "clearance"), createdAt: createdAt,
            disabledAt: disabledAt)
    }
}
