public import DossierCore
public import Foundation
import PostgresNIO

/// Changing who a user is (name, roles, agency, clearance), enabling them again, and
/// listing their tokens. Each change is in the admin log with what it was before.
extension UserStore {
    /// What an administrator changes about a user; nil leaves a field as it is.
    public struct Change: Sendable, Hashable {
        public var displayName: String?
        public var roles: Set<Role>?
        public var agency: String?
        public var clearance: Classification?

        public init(displayName: String? = nil, roles: Set<Role>? = nil, agency: String? = nil, clearance: Classification? = nil) {
            self.displayName = displayName
            self.roles = roles
            self.agency = agency
            self.clearance = clearance
        }
    }

    /// Changes a user's name, roles, agency or clearance. What a user may see follows at
    /// once (their next request reads the new values). A signed-in administrator must say
    /// why: a role, an agency or a clearance decides which cases the user reads. The admin
    /// log keeps the old and new values and the reason.
    @discardableResult
    public func updateUser(id: String, _ change: Change, reason: String = "", by actor: Actor = .system) async throws -> User {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count <= 500 else { throw DossierError.invalidInput("reason must be at most 500 characters") }
        if let roles = change.roles, roles.isEmpty {
            throw DossierError.invalidInput("a user needs at least one role (\(Role.allowedValuesText))")
        }
        let agency = change.agency?.trimmingCharacters(in: .whitespaces)
        if let agency, agency.isEmpty { throw DossierError.invalidInput("agency must not be empty") }
        let name = change.displayName?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let name, !(1...200).contains(name.count) { throw DossierError.invalidInput("a name must be 1 to 200 characters") }
        if !actor.isUnrestricted, reason.isEmpty {
            throw DossierError.invalidInput("give a reason for changing \(id): roles, agency and clearance decide which cases they read")
        }
        if actor.id == id, let roles = change.roles, !roles.contains(.admin) {
            throw DossierError.invalidInput("you cannot take the admin role from yourself; another administrator can")
        }
        let now = clock.now()
        return try await client.transaction(logger: logger) { connection in
            let before = try await lockedUser(id, on: connection)
            var after = before
            after.displayName = name ?? before.displayName
            after.roles = change.roles ?? before.roles
            after.agency = agency ?? before.agency
            after.clearance = change.clearance ?? before.clearance
            guard after != before else { return before }
            try await connection.query(
                """
                UPDATE users SET display_name = \(after.displayName), roles = \(after.roles.sorted().map(\.rawValue)),
                    agency = \(after.agency), clearance = \(after.clearance.rawValue)
                WHERE id = \(id)
                """, logger: logger)
            var detail: [String: JSONValue] = [:]
            if after.displayName != before.displayName { detail["display_name"] = Self.changed(before.displayName, after.displayName) }
            if after.roles != before.roles {
                detail["roles"] = ["from": .array(before.roles.sorted().map { .string($0.rawValue) }),
                                   "to": .array(after.roles.sorted().map { .string($0.rawValue) })]
            }
            if after.agency != before.agency { detail["agency"] = Self.changed(before.agency, after.agency) }
            if after.clearance != before.clearance { detail["clearance"] = Self.changed(before.clearance.rawValue, after.clearance.rawValue) }
            if !reason.isEmpty { detail["reason"] = .string(reason) }
            try await AdminLog.append(.userChanged, subject: id, detail: .object(detail), by: actor, at: now, on: connection, logger: logger)
            return after
        }
    }

    /// Enables a disabled user again. Their tokens from before are revoked (a disabled
    /// user's token would otherwise work again) and their sessions stay ended: they sign in
    /// anew, and get tokens anew.
    @discardableResult
    public func enableUser(id: String, reason: String = "", by actor: Actor = .system) async throws -> User {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count <= 500 else { throw DossierError.invalidInput("reason must be at most 500 characters") }
        if !actor.isUnrestricted, reason.isEmpty { throw DossierError.invalidInput("give a reason for enabling \(id) again") }
        let now = clock.now()
        return try await client.transaction(logger: logger) { connection in
            var user = try await lockedUser(id, on: connection)
            guard user.isDisabled else { return user }
            var revoked: Int64 = 0
            for try await _ in try await connection.query(
                "UPDATE api_tokens SET revoked_at = \(now) WHERE user_id = \(id) AND revoked_at IS NULL RETURNING 1", logger: logger)
            {
                revoked += 1
            }
            try await connection.query("UPDATE users SET disabled_at = NULL WHERE id = \(id)", logger: logger)
            user.disabledAt = nil
            var detail: [String: JSONValue] = ["tokens_revoked": .int(revoked)]
            if !reason.isEmpty { detail["reason"] = .string(reason) }
            try await AdminLog.append(.userEnabled, subject: id, detail: .object(detail), by: actor, at: now, on: connection, logger: logger)
            return user
        }
    }

    /// A token as an administrator sees it: never its secret.
    public struct TokenSummary: Sendable, Hashable, Codable {
        public var id: UUID
        public var userID: String
        public var label: String
        public var createdAt: Date
        public var expiresAt: Date?
        public var revokedAt: Date?
        /// Who issued it (`local:<login>` for the command line).
        public var issuedBy: String?
        public var reason: String?
    }

    /// The user's tokens, newest first, revoked and expired ones included.
    public func tokens(of userID: String) async throws -> [TokenSummary] {
        _ = try await user(id: userID)
        let rows = try await client.query(
            """
            SELECT id, user_id, label, created_at, expires_at, revoked_at, issued_by, reason FROM api_tokens
            WHERE user_id = \(userID) ORDER BY created_at DESC, id DESC
            """, logger: logger)
        var tokens: [TokenSummary] = []
        for try await row in rows.decode((UUID, String, String, Date, Date?, Date?, String?, String).self) {
            tokens.append(TokenSummary(
                id: row.0, userID: row.1, label: row.2, createdAt: row.3, expiresAt: row.4, revokedAt: row.5, issuedBy: row.6,
                reason: row.7.isEmpty ? nil : row.7))
        }
        return tokens
    }

    /// The user's row, locked for the rest of the transaction.
    func lockedUser(_ id: String, on connection: PostgresConnection) async throws -> User {
        let rows = try await connection.query(
            "SELECT \(unescaped: Self.userColumns) FROM users WHERE id = \(id) FOR UPDATE", logger: logger)
        for try await row in rows.decode(UserRow.self) { return try Self.user(from: row) }
        throw DossierError.notFound("user '\(id)' does not exist")
    }

    static func changed(_ from: String, _ to: String) -> JSONValue { ["from": .string(from), "to": .string(to)] }
}
