public import DossierCore
public import Foundation
import PostgresNIO

/// The result of walking the event chains.
public struct ChainVerificationReport: Sendable, Hashable {
    public struct BrokenChain: Sendable, Hashable {
        public var caseID: UUID
        public var reference: String
        /// The first event that does not verify; later ones are not trusted either.
        public var firstBreak: EventChain.Break
    }

    public var casesChecked: Int
    public var eventsChecked: Int
    public var broken: [BrokenChain]
    /// The record chains of modules that keep their own (``ChainedRecordsModule``).
    public var recordChains: [RecordChainReport] = []
    /// The admin log's chain, when the whole database was verified (not one case).
    public var adminLog: AdminLog.Verification?
    /// The signed checkpoint the chains were compared with, and what they lost since.
    public var checkpoint: CheckpointComparison?
    /// Why the newest checkpoint could not be used: altered, cut short, signed by a key
    /// other than the pinned one, or missing though a key is pinned.
    public var checkpointProblem: String?

    /// A signed checkpoint, and what the chains lost since it was taken.
    public struct CheckpointComparison: Sendable, Hashable {
        public var takenAt: Date
        public var chains: Int
        public var losses: [CheckpointLoss]
        /// Its file's name, when it was read from a ``CheckpointDirectory``.
        public var file: String? = nil
    }

    public var isIntact: Bool {
        broken.isEmpty && recordChains.allSatisfy(\.broken.isEmpty) && adminLog?.isIntact != false
            && checkpoint?.losses.isEmpty != false && checkpointProblem == nil
    }

    /// The report with stable field names, as the CLI and the API print it.
    public var summary: Summary { Summary(self) }

    public struct Summary: Encodable, Sendable {
        public struct Broken: Encodable, Sendable {
            /// `events` for a case's event chain, `admin-log`, else the module whose records broke.
            public var chain: String
            /// Nil for the admin log, which belongs to no case.
            public var caseId: UUID?
            public var reference: String
            public var sequence: Int64
            public var problem: String
        }

        public var intact: Bool
        public var casesChecked: Int
        public var eventsChecked: Int
        public var recordsChecked: Int
        public var adminLogEntriesChecked: Int?
        /// When the signed checkpoint compared with was taken; nil when there was none.
        public var checkpointTakenAt: Date?
        public var broken: [Broken]

        init(_ report: ChainVerificationReport) {
            intact = report.isIntact
            casesChecked = report.casesChecked
            eventsChecked = report.eventsChecked
            recordsChecked = report.recordChains.map(\.recordsChecked).reduce(0, +)
            adminLogEntriesChecked = report.adminLog?.entriesChecked
            checkpointTakenAt = report.checkpoint?.takenAt
            let losses = (report.checkpoint?.losses ?? []).map {
                Broken(chain: $0.chain, caseId: $0.caseID, reference: $0.reference, sequence: $0.sequence, problem: $0.description)
            }
            let unusable = report.checkpointProblem.map {
                [Broken(chain: "checkpoint", caseId: nil, reference: "", sequence: 0, problem: $0)]
            } ?? []
            broken = unusable + losses + report.broken.map {
                Broken(chain: "events", caseId: $0.caseID, reference: $0.reference, sequence: $0.firstBreak.sequence,
                       problem: $0.firstBreak.description)
            } + report.recordChains.flatMap { chain in
                chain.broken.map {
                    Broken(chain: chain.module, caseId: $0.caseID, reference: $0.reference, sequence: $0.sequence, problem: $0.problem)
                }
            } + (report.adminLog?.firstBreak.map { [Broken(chain: "admin-log", caseId: nil, reference: "", sequence: 0, problem: $0)] } ?? [])
        }
    }
}

extension CaseStore {
    /// Re-walks every event chain (or one case's), recomputing each hash from the event's
    /// content, and reports per case the first event that does not match; then the record
    /// chains of every ``ChainedRecordsModule``.
    ///
    /// Cases are split into `parallelism` ranges of ids verified side by side; in each,
    /// cases and events are streamed in id order together, so memory stays flat whatever
    /// the number of events. Payloads are hashed from their stored JSON text
    /// (``CanonicalJSON``) without being decoded.
    ///
    /// With a signed `checkpoint`, also reports what the chains lost since it was taken
    /// (``losses(since:caseID:)``): a tail removed, a case removed, a database rolled back.
    public func verifyChains(
        caseID: UUID? = nil, parallelism: Int = 2, checkpoint: (any ChainHeadSource)? = nil
    ) async throws -> ChainVerificationReport {
        var report: ChainVerificationReport
        if let caseID {
            report = try await verifyEventChains(in: CaseRange(only: caseID))
            if report.casesChecked == 0 {
                throw DossierError.notFound("case \(caseID.uuidString.lowercased()) does not exist")
            }
        } else {
            let ranges = try await caseRanges(count: max(1, parallelism))
            let parts = try await withThrowingTaskGroup(of: (Int, ChainVerificationReport).self) { group in
                for (index, range) in ranges.enumerated() {
                    group.addTask { (index, try await self.verifyEventChains(in: range)) }
                }
                var parts: [Int: ChainVerificationReport] = [:]
                for try await (index, part) in group { parts[index] = part }
                return parts
            }
            report = ChainVerificationReport(casesChecked: 0, eventsChecked: 0, broken: [])
            for index in ranges.indices {
                guard let part = parts[index] else { continue }
                report.casesChecked += part.casesChecked
                report.eventsChecked += part.eventsChecked
                report.broken += part.broken
            }
        }
        for module in registry.modules.compactMap({ $0 as? any ChainedRecordsModule }) {
            report.recordChains.append(try await module.verifyRecordChains(caseID: caseID, client: client, logger: logger))
        }
        if caseID == nil { report.adminLog = try await AdminLog(client: client, logger: logger).verify() }
        if let checkpoint {
            report.checkpoint = .init(
                takenAt: checkpoint.takenAt, chains: checkpoint.chainCount,
                losses: try await losses(since: checkpoint, caseID: caseID))
        }
        return report
    }

    /// Cases by id: one case, or those from `lower` (inclusive) to `upper` (exclusive).
    struct CaseRange: Sendable {
        var only: UUID?
        var lower: UUID?
        var upper: UUID?

        /// `WHERE …` on `column` (an identifier the code chose), or nothing for every case.
        func condition(_ column: String) -> SQLFragment {
            let conditions: [SQLFragment] = [(only, "="), (lower, ">="), (upper, "<")].compactMap { value, comparison in
                value.map { "\(unescaped: column) \(unescaped: comparison) \($0)" }
            }
            return conditions.isEmpty ? "" : "WHERE " + SQLFragment.joined(conditions, separator: " AND ")
        }
    }

    /// `count` ranges of about as many cases each, split at cases found by their rank.
    func caseRanges(count: Int) async throws -> [CaseRange] {
        guard count > 1 else { return [CaseRange()] }
        var total = 0
        for try await value in try await client.query("SELECT count(*) FROM cases", logger: logger).decode(Int.self) {
            total = value
        }
        var bounds: [UUID] = []
        for part in 1..<count where total >= count {
            let rows = try await client.query(
                "SELECT id FROM cases ORDER BY id OFFSET \(total * part / count) LIMIT 1", logger: logger)
            for try await id in rows.decode(UUID.self) { bounds.append(id) }
        }
        let edges: [UUID?] = [nil] + bounds.map(Optional.some) + [nil]
        return (0..<(edges.count - 1)).map { CaseRange(lower: edges[$0], upper: edges[$0 + 1]) }
    }

    /// The stored parts of an event, undecoded: the time and payload as PostgreSQL sends
    /// them (microseconds since 2000; jsonb's version byte and text).
    typealias StoredEventRow = (UUID, Int64, String, String, ByteBuffer, ByteBuffer, ByteBuffer, ByteBuffer)

    func verifyEventChains(in range: CaseRange) async throws -> ChainVerificationReport {
        let caseRows = try await client.query(
            "SELECT id, reference, chain_head, event_count FROM cases \(range.condition("id")) ORDER BY id", logger: logger)
        let eventRows = try await client.query(
            """
            SELECT case_id, sequence, kind, actor, occurred_at, payload, previous_hash, hash FROM case_events
            \(range.condition("case_id")) ORDER BY case_id, sequence
            """, logger: logger)
        var events = eventRows.decode(StoredEventRow.self).makeAsyncIterator()
        var pending = try await events.next()

        var report = ChainVerificationReport(casesChecked: 0, eventsChecked: 0, broken: [])
        // Cases are read first: the events query's newer snapshot holds every event up to
        // each case's recorded length, plus any appended since.
        for try await (id, reference, head, length) in caseRows.decode((UUID, String, Data?, Int64).self) {
            var verifier = EventChain.Verifier(recordedLength: length)
            // Events of a case opened after the cases were read have no row here: skip them.
            while let event = pending, event.0.sortsBefore(id) {
                pending = try await events.next()
            }
            while let (caseID, sequence, kind, actor, occurredAt, payload, previousHash, hash) = pending, caseID == id {
                try verifier.add(
                    sequence: sequence, previousHash: Array(previousHash.readableBytesView), hash: Array(hash.readableBytesView),
                    canonicalEvent: {
                        EventChain.canonicalBytes(
                            caseID: caseID, sequence: sequence, kind: kind, actor: actor,
                            atMicroseconds: try Self.microsecondsSince1970(timestamptz: occurredAt),
                            canonicalPayload: try Self.canonicalPayload(jsonb: payload))
                    })
                report.eventsChecked += 1
                pending = try await events.next()
            }
            verifier.finish(head: head.map(Array.init))
            report.casesChecked += 1
            if let firstBreak = verifier.firstBreak {
                report.broken.append(.init(caseID: id, reference: reference, firstBreak: firstBreak))
            }
        }
        return report
    }

    /// A binary `timestamptz`: microseconds since 2000-01-01 UTC, big-endian.
    static func microsecondsSince1970(timestamptz: ByteBuffer) throws -> Int64 {
        guard let value = timestamptz.getInteger(at: timestamptz.readerIndex, as: Int64.self),
              timestamptz.readableBytes == 8 else {
            throw DossierError(.init("unreadable_record"), "an event time did not arrive as a binary timestamptz")
        }
        return value + 946_684_800_000_000
    }

    /// A binary `jsonb` (a version byte, then JSON text) in canonical form.
    static func canonicalPayload(jsonb: ByteBuffer) throws -> [UInt8] {
        try jsonb.withUnsafeReadableBytes { raw in
            guard raw.first == 1 else {
                throw DossierError(.init("unreadable_record"), "an event payload did not arrive as binary jsonb")
            }
            return try CanonicalJSON.canonicalize(UnsafeRawBufferPointer(rebasing: raw.dropFirst()))
        }
    }
}

extension UUID {
    /// PostgreSQL's order for uuid: byte by byte.
    func sortsBefore(_ other: UUID) -> Bool {
        withUnsafeBytes(of: uuid) { mine in
            withUnsafeBytes(of: other.uuid) { theirs in mine.lexicographicallyPrecedes(theirs) }
        }
    }
}
