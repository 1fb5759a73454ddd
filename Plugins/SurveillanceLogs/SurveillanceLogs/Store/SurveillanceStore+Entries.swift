public import DossierCore
public import DossierPostgres
public import Foundation
import Logging
import PostgresNIO

/// Which entries to list.
public struct EntryFilter: Sendable, Hashable {
    /// Entries that started at or after this instant.
    public var from: Date?
    /// Entries that started before this instant.
    public var to: Date?
    public var subject: String?
    public var method: SurveillanceMethod?
    /// Entries after this sequence number (keyset paging).
    public var afterSequence: Int64?
    public var limit: Int

    public init(
        from: Date? = nil, to: Date? = nil, subject: String? = nil, method: SurveillanceMethod? = nil,
        afterSequence: Int64? = nil, limit: Int = 100
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.method = method
        self.afterSequence = afterSequence
        self.limit = limit
    }
}

extension SurveillanceStore {
    /// Appends an entry to the operation's log, refusing it, with the reason, when its time
    /// falls outside the authorisation's validity (or after its cancellation), its subject
    /// or method is not covered, or the authorisation belongs to another operation.
    public func appendEntry(
        caseID: UUID, _ new: NewLogEntry, by actor: Actor, options: ChangeOptions = .init()
    ) async throws -> LogEntry {
        try await write(caseID: caseID, new, correcting: nil, by: actor, options: options)
    }

    /// Records a correction: a new entry that names the entry it corrects and why. The
    /// original stays as it was, and both show in the log.
    public func correctEntry(
        _ originalID: UUID, with new: NewLogEntry, reason: String, by actor: Actor, options: ChangeOptions = .init()
    ) async throws -> LogEntry {
        try FreeText.require(reason, field: "reason", max: 2000)
        let original = try await entry(id: originalID)
        return try await write(caseID: original.caseID, new, correcting: (originalID, reason), by: actor, options: options)
    }

    func write(
        caseID: UUID, _ new: NewLogEntry, correcting: (id: UUID, reason: String)?, by actor: Actor, options: ChangeOptions
    ) async throws -> LogEntry {
        try actor.require(oneOf: Roles.loggers, to: "writing the surveillance log")
        try new.validate()
        let now = cases.clock.now()
        let request: JSONValue = [
            "authorisation": .string(new.authorisationID.lowercased),
            "started_at": .string(new.startedAt.formatted(.iso8601)), "subject": .string(new.subject),
            "method": .string(new.method.rawValue), "text": .string(new.text),
            "corrects": correcting.map { .string($0.id.lowercased) } ?? .null,
        ]
        let kind = EventKind(correcting == nil ? "surveillance.entry_appended" : "surveillance.entry_corrected")
        return try await cases.recordModuleEvent(kind, caseID: caseID, actor: actor, options: options, request: request) {
            found, connection in
            try Self.requireOperation(found)
            guard found.state != OperationWorkflow.State.closed else {
                throw DossierError(.wrongState, "operation \(found.reference) is closed; its log is sealed")
            }
            // Another operation's authorisation is reported exactly as a missing one: its
            // reference is not this user's to learn.
            let missing = DossierError.invalidInput("authorisation \(new.authorisationID.lowercased) does not exist in \(found.reference)")
            let authorisation: Authorisation
            do {
                authorisation = try await Self.authorisation(new.authorisationID, on: connection, logger: logger)
            } catch let error as DossierError where error.code == .notFound {
                throw missing
            }
            guard authorisation.caseID == caseID else { throw missing }
            try Self.checkCovered(new, by: authorisation, operation: found)
            let (sequence, previousHash) = try await Self.chainHead(caseID: caseID, on: connection, logger: logger)
            var entry = LogEntry(
                id: UUID.v7(at: now), caseID: caseID, sequence: sequence + 1, authorisationID: authorisation.id,
                startedAt: Self.microsecondPrecise(new.startedAt), endedAt: Self.microsecondPrecise(new.endedAt),
                timeZone: new.timeZone, location: new.location, subject: new.subject, method: new.method, device: new.device,
                observers: new.observers, text: new.text, exhibits: new.exhibits, collateralIntrusion: new.collateralIntrusion,
                privilegedMaterial: new.privilegedMaterial, minimisation: new.minimisation, author: actor.id,
                recordedAt: Self.microsecondPrecise(now), correctsEntryID: correcting?.id, correctionReason: correcting?.reason,
                previousHash: previousHash.hexString, hash: "")
            if let correcting {
                guard try await Self.exists(
                    "SELECT 1 FROM surveillance_entries WHERE id = \(correcting.id) AND case_id = \(caseID)",
                    on: connection, logger: logger)
                else {
                    throw DossierError.invalidInput("entry \(correcting.id.lowercased) is not in \(found.reference)'s log")
                }
            }
            let hash = LogChain.hash(previousHash: previousHash, content: entry.content)
            entry.hash = hash.hexString
            try await connection.query(
                """
                INSERT INTO surveillance_entries (id, case_id, sequence, authorisation_id, started_at, ended_at, time_zone,
                    location, subject, method, device, observers, text, exhibits, collateral_intrusion, privileged_material,
                    minimisation, author, recorded_at, corrects_entry_id, correction_reason, previous_hash, hash)
                VALUES (\(entry.id), \(caseID), \(entry.sequence), \(entry.authorisationID),
                        timestamptz 'epoch' + \(EventChain.microseconds(entry.startedAt)) * interval '1 microsecond',
                        timestamptz 'epoch' + \(EventChain.microseconds(entry.endedAt)) * interval '1 microsecond',
                        \(entry.timeZone), \(entry.location), \(entry.subject), \(entry.method.rawValue),
                        \(entry.device), \(entry.observers), \(entry.text), \(entry.exhibits), \(entry.collateralIntrusion),
                        \(entry.privilegedMaterial), \(entry.minimisation), \(entry.author),
                        timestamptz 'epoch' + \(EventChain.microseconds(entry.recordedAt)) * interval '1 microsecond',
                        \(entry.correctsEntryID), \(entry.correctionReason), \(Data(previousHash)), \(Data(hash)))
                """, logger: logger)
            var payload: [String: JSONValue] = [
                "entry_id": .string(entry.id.lowercased), "sequence": .int(entry.sequence), "hash": .string(entry.hash),
                "authorisation": .string(authorisation.reference),
            ]
            if let correcting { payload["corrects"] = .string(correcting.id.lowercased) }
            return (payload: .object(payload), result: entry)
        }.result
    }

    /// Refuses an entry the operation's own authorisation does not cover, saying why.
    static func checkCovered(_ new: NewLogEntry, by authorisation: Authorisation, operation: Case) throws(DossierError) {
        let reference = authorisation.reference
        if new.startedAt < authorisation.validFrom {
            throw .invalidInput(
                "the entry starts at \(new.startedAt.formatted(.iso8601)), before authorisation \(reference) is valid "
                    + "(from \(authorisation.validFrom.formatted(.iso8601)))")
        }
        if let cancelled = authorisation.cancelledAt, new.endedAt > cancelled {
            throw .invalidInput(
                "the entry runs until \(new.endedAt.formatted(.iso8601)), after authorisation \(reference) was cancelled "
                    + "at \(cancelled.formatted(.iso8601))")
        }
        if new.endedAt > authorisation.validTo {
            throw .invalidInput(
                "the entry runs until \(new.endedAt.formatted(.iso8601)), after authorisation \(reference) expired "
                    + "at \(authorisation.validTo.formatted(.iso8601))")
        }
        guard authorisation.subjects.contains(where: { $0.caseInsensitiveCompare(new.subject) == .orderedSame }) else {
            throw .invalidInput(
                "subject '\(new.subject)' is not covered by authorisation \(reference) "
                    + "(it covers \(authorisation.subjects.joined(separator: ", ")))")
        }
        guard authorisation.methods.contains(new.method) else {
            throw .invalidInput(
                "method \(new.method.rawValue) is not covered by authorisation \(reference) "
                    + "(it allows \(authorisation.methods.map(\.rawValue).joined(separator: ", ")))")
        }
    }

    /// The operation's last sequence number and hash (genesis when the log is empty).
    static func chainHead(caseID: UUID, on connection: PostgresConnection, logger: Logger) async throws -> (Int64, [UInt8]) {
        let rows = try await connection.query(
            "SELECT sequence, hash FROM surveillance_entries WHERE case_id = \(caseID) ORDER BY sequence DESC LIMIT 1",
            logger: logger)
        for try await (sequence, hash) in rows.decode((Int64, Data).self) { return (sequence, Array(hash)) }
        return (0, LogChain.genesisHash)
    }

    /// A time as PostgreSQL will store it (whole microseconds), so the hash computed now
    /// matches the one recomputed from the stored row. Times go in and come out as exact
    /// microseconds, never through a floating-point `Date` bind, which truncates.
    static func microsecondPrecise(_ date: Date) -> Date {
        Date(microsecondsSince1970: EventChain.microseconds(date))
    }

    /// `column` as exact microseconds since 1970.
    static func microseconds(_ column: String) -> String {
        "(extract(epoch FROM \(column)) * 1000000)::bigint AS \(column)_us"
    }

    static let entryColumns = """
        id, case_id, sequence, authorisation_id, \(microseconds("started_at")), \(microseconds("ended_at")), time_zone,
        location, subject, method, device, observers, text, exhibits, collateral_intrusion, privileged_material,
        minimisation, author, \(microseconds("recorded_at")), corrects_entry_id, correction_reason, previous_hash, hash
        """

    typealias EntryRow = (
        UUID, UUID, Int64, UUID, Int64, Int64, String, String, String, String, String, [String], String, [String], Bool,
        Bool, String, String, Int64, UUID?, String?, Data, Data
    )

    static func entry(from row: EntryRow) throws -> LogEntry {
        LogEntry(
            id: row.0, caseID: row.1, sequence: row.2, authorisationID: row.3,
            startedAt: Date(microsecondsSince1970: row.4), endedAt: Date(microsecondsSince1970: row.5),
            timeZone: row.6, location: row.7, subject: row.8, method: try SurveillanceMethod.parse(row.9, field: "method"),
            device: row.10, observers: row.11, text: row.12, exhibits: row.13, collateralIntrusion: row.14,
            privilegedMaterial: row.15, minimisation: row.16, author: row.17, recordedAt: Date(microsecondsSince1970: row.18),
            correctsEntryID: row.19,
            correctionReason: row.20, previousHash: Array(row.21).hexString, hash: Array(row.22).hexString)
    }

    public func entry(id: UUID) async throws -> LogEntry {
        let rows = try await client.query(
            "SELECT \(unescaped: Self.entryColumns) FROM surveillance_entries WHERE id = \(id)", logger: logger)
        for try await row in rows.decode(EntryRow.self) { return try Self.entry(from: row) }
        throw DossierError.notFound("entry \(id.lowercased) does not exist")
    }

    /// The operation's entries in sequence order, filtered by time range, subject or method.
    /// Corrections appear in order, after the entries they correct.
    public func entries(caseID: UUID, _ filter: EntryFilter = .init()) async throws -> [LogEntry] {
        guard (1...10_000).contains(filter.limit) else {
            throw DossierError.invalidInput("limit must be between 1 and 10000, not \(filter.limit)")
        }
        let rows = try await client.query(
            """
            SELECT \(unescaped: Self.entryColumns) FROM surveillance_entries
            WHERE case_id = \(caseID)
              AND (\(filter.from)::timestamptz IS NULL OR started_at >= \(filter.from))
              AND (\(filter.to)::timestamptz IS NULL OR started_at < \(filter.to))
              AND (\(filter.subject)::text IS NULL OR lower(subject) = lower(\(filter.subject)))
              AND (\(filter.method?.rawValue)::text IS NULL OR method = \(filter.method?.rawValue))
              AND sequence > \(filter.afterSequence ?? 0)
            ORDER BY sequence LIMIT \(filter.limit)
            """, logger: logger)
        var entries: [LogEntry] = []
        for try await row in rows.decode(EntryRow.self) { entries.append(try Self.entry(from: row)) }
        return entries
    }
}

/// Which entries of an operation's log correct which, by sequence number, so a page of
/// the log can say "corrected by 7" or "corrects 3" wherever the other entry is.
public struct LogCorrections: Sendable, Hashable {
    /// A corrected entry's id → the sequence numbers of the entries that correct it.
    public var correctedBy: [UUID: [Int64]] = [:]
    /// A corrected entry's id → its own sequence number.
    public var sequenceOf: [UUID: Int64] = [:]
}

extension SurveillanceStore {
    public func corrections(caseID: UUID) async throws -> LogCorrections {
        let rows = try await client.query(
            """
            SELECT c.corrects_entry_id, o.sequence, c.sequence
            FROM surveillance_entries c JOIN surveillance_entries o ON o.id = c.corrects_entry_id
            WHERE c.case_id = \(caseID) ORDER BY c.sequence
            """, logger: logger)
        var corrections = LogCorrections()
        for try await (corrected, correctedSequence, correcting) in rows.decode((UUID, Int64, Int64).self) {
            corrections.correctedBy[corrected, default: []].append(correcting)
            corrections.sequenceOf[corrected] = correctedSequence
        }
        return corrections
    }
}
