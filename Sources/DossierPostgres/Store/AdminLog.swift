public import DossierCore
import Crypto
public import Foundation
public import Logging
public import PostgresNIO

/// One administrative action, as the admin log keeps it.
public struct AdminLogEntry: Sendable, Hashable, Codable {
    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        case userCreated = "user_created"
        case userDisabled = "user_disabled"
        case tokenIssued = "token_issued"
        case tokenRevoked = "token_revoked"
        case passwordSet = "password_set"
        case signedIn = "signed_in"
        case signInFailed = "sign_in_failed"
        case lockedOut = "locked_out"
        case signedOut = "signed_out"
        case userChanged = "user_changed"
        case userEnabled = "user_enabled"
        case secondFactorEnrolled = "second_factor_enrolled"
        case secondFactorRemoved = "second_factor_removed"
    }

    public var sequence: Int64
    public var at: Date
    /// Who did it: an admin, the local operator (`local:<login>`) or `system`.
    public var actor: String
    public var action: Action
    /// The user acted on.
    public var subject: String
    /// What was set: roles, agency and clearance of a new user; a token's id, label,
    /// expiry and reason.
    public var detail: JSONValue
    public var previousHash: String
    public var hash: String
}

/// The tamper-evident log of administrative actions: who created or disabled which user,
/// who issued or revoked which token for whom. Auditors read it; nothing updates or
/// deletes it (a trigger refuses), and each entry's hash covers the one before, so an
/// edited entry, or one removed before the newest, is found by ``verify()``; removed
/// newest entries are found against a signed checkpoint (``CheckpointDirectory``).
public struct AdminLog: Sendable {
    public let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    static let genesis = [UInt8](repeating: 0, count: 32)

    /// Appends an entry inside the caller's transaction. Appends are serialised by a
    /// transaction-scoped advisory lock, so the chain never forks.
    static func append(
        _ action: AdminLogEntry.Action, subject: String, detail: JSONValue, by actor: Actor, at date: Date,
        on connection: PostgresConnection, logger: Logger
    ) async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
        var sequence: Int64 = 1
        var previous = genesis
        let rows = try await connection.query(
            "SELECT sequence, hash FROM admin_log ORDER BY sequence DESC LIMIT 1", logger: logger)
        for try await (last, hash) in rows.decode((Int64, Data).self) {
            sequence = last + 1
            previous = Array(hash)
        }
        let micros = EventChain.microseconds(date)
        let hash = Self.hash(
            previous: previous, sequence: sequence, atMicroseconds: micros, actor: actor.id, action: action.rawValue,
            subject: subject, detail: detail)
        try await connection.query(
            """
            INSERT INTO admin_log (sequence, at, actor, action, subject, detail, previous_hash, hash)
            VALUES (\(sequence), timestamptz 'epoch' + \(micros) * interval '1 microsecond', \(actor.id), \(action.rawValue), \(subject),
                    \(detail), \(Data(previous)), \(Data(hash)))
            """, logger: logger)
    }

    /// A constant of this log's own for `pg_advisory_xact_lock`.
    static let lockKey: Int64 = 0x6164_6d69_6e5f_6c67   // "admin_lg"

    static func hash(
        previous: [UInt8], sequence: Int64, atMicroseconds: Int64, actor: String, action: String, subject: String,
        detail: JSONValue
    ) -> [UInt8] {
        let entry: JSONValue = [
            "sequence": .int(sequence), "at_us": .int(atMicroseconds), "actor": .string(actor), "action": .string(action),
            "subject": .string(subject), "detail": detail,
        ]
        var hasher = SHA256()
        hasher.update(data: previous)
        hasher.update(data: entry.canonicalBytes)
        return Array(hasher.finalize())
    }

    /// The newest entries first, before `sequence` when given, optionally only those about
    /// one user.
    public func entries(subject: String? = nil, before sequence: Int64? = nil, limit: Int = 100) async throws -> [AdminLogEntry] {
        guard (1...1000).contains(limit) else { throw DossierError.invalidInput("limit must be between 1 and 1000, not \(limit)") }
        let rows = try await client.query(
            """
            SELECT sequence, at, actor, action, subject, detail, previous_hash, hash FROM admin_log
            WHERE (\(subject)::text IS NULL OR subject = \(subject)) AND (\(sequence)::bigint IS NULL OR sequence < \(sequence))
            ORDER BY sequence DESC LIMIT \(limit)
            """, logger: logger)
        var entries: [AdminLogEntry] = []
        for try await (sequence, at, actor, action, subject, detail, previous, hash)
            in rows.decode((Int64, Date, String, String, String, JSONValue, Data, Data).self)
        {
            entries.append(AdminLogEntry(
                sequence: sequence, at: at, actor: actor, action: AdminLogEntry.Action(rawValue: action) ?? .userCreated,
                subject: subject, detail: detail, previousHash: Array(previous).hexString, hash: Array(hash).hexString))
        }
        return entries
    }

    /// What re-walking the log found.
    public struct Verification: Sendable, Hashable, Codable {
        public var entriesChecked: Int
        /// The first entry that does not verify, and why; nil when the log is intact.
        public var firstBreak: String?
        public var isIntact: Bool { firstBreak == nil }
    }

    /// Re-walks the whole log in order, recomputing every hash.
    public func verify() async throws -> Verification {
        let rows = try await client.query(
            """
            SELECT sequence, (extract(epoch FROM at) * 1000000)::int8, actor, action, subject, detail::text, previous_hash, hash
            FROM admin_log ORDER BY sequence
            """, logger: logger)
        var expected: Int64 = 1
        var previous = Self.genesis
        var checked = 0
        for try await (sequence, micros, actor, action, subject, detailText, previousHash, hash)
            in rows.decode((Int64, Int64, String, String, String, String, Data, Data).self)
        {
            checked += 1
            guard sequence == expected else {
                return Verification(entriesChecked: checked, firstBreak: "entry \(expected) is missing (the next is \(sequence))")
            }
            guard Array(previousHash) == previous else {
                return Verification(entriesChecked: checked, firstBreak: "entry \(sequence) does not follow the entry before it")
            }
            let detail = (try? JSONDecoder().decode(JSONValue.self, from: Data(detailText.utf8))) ?? .null
            let recomputed = Self.hash(
                previous: previous, sequence: sequence, atMicroseconds: micros, actor: actor, action: action, subject: subject,
                detail: detail)
            guard recomputed == Array(hash) else {
                return Verification(entriesChecked: checked, firstBreak: "entry \(sequence) was altered: its content does not match its hash")
            }
            previous = recomputed
            expected += 1
        }
        return Verification(entriesChecked: checked, firstBreak: nil)
    }
}
