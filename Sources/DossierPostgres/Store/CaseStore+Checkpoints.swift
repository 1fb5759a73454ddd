public import DossierCore
public import Foundation
import PostgresNIO

/// Where a comparison's old heads come from: a checkpoint in memory or a checkpoint file
/// read a line at a time.
public protocol ChainHeadSource: Sendable {
    var takenAt: Date { get }
    /// How many heads it holds.
    var chainCount: Int { get }
    /// Its heads in key order.
    func makeHeadReader() throws -> any ChainHeadReader
}

extension ChainCheckpoint: ChainHeadSource {
    public var chainCount: Int { heads.count }
    public func makeHeadReader() throws -> any ChainHeadReader { heads.makeIterator() }
}

extension CheckpointFile: ChainHeadSource {
    public var chainCount: Int { chains }
    public func makeHeadReader() throws -> any ChainHeadReader { try heads() }
}

extension CaseStore {
    /// Calls `body` with every chain's length and newest hash now, in key order (chain
    /// name, then case id): each case's events, each ``ChainedRecordsModule``'s records per
    /// case, and the admin log; only `caseID`'s chains when given. Rows stream from
    /// PostgreSQL, so a million chains take no more memory than one; the stream holds one
    /// pooled connection while `body` runs, so `body` may query on another.
    public func forEachChainHead(caseID: UUID? = nil, _ body: (ChainCheckpoint.Head) async throws -> Void) async throws {
        let tables = Dictionary(uniqueKeysWithValues: registry.modules.compactMap { $0 as? any ChainedRecordsModule }
            .map { ($0.id, $0.chainedRecordsTable) })
        for chain in ([ChainCheckpoint.adminLogChain, ChainCheckpoint.eventsChain] + tables.keys).sorted() {
            let rows: PostgresRowSequence
            switch chain {
            case ChainCheckpoint.adminLogChain:
                guard caseID == nil else { continue }
                let head = try await client.query(
                    "SELECT sequence, hash FROM admin_log ORDER BY sequence DESC LIMIT 1", logger: logger)
                for try await (length, hash) in head.decode((Int64, Data).self) {
                    try await body(.init(chain: chain, caseID: nil, reference: "", length: length, hash: Array(hash)))
                }
                continue
            case ChainCheckpoint.eventsChain:
                rows = try await client.query(
                    """
                    SELECT id, reference, event_count, chain_head FROM cases
                    WHERE event_count > 0 AND (\(caseID)::uuid IS NULL OR id = \(caseID)) ORDER BY id
                    """, logger: logger)
            default:
                rows = try await client.query(
                    """
                    SELECT DISTINCT ON (r.case_id) r.case_id, c.reference, r.sequence, r.hash
                    FROM \(unescaped: tables[chain]!) r JOIN cases c ON c.id = r.case_id
                    WHERE (\(caseID)::uuid IS NULL OR r.case_id = \(caseID))
                    ORDER BY r.case_id, r.sequence DESC
                    """, logger: logger)
            }
            for try await (id, reference, length, hash) in rows.decode((UUID, String, Int64, Data).self) {
                try await body(.init(chain: chain, caseID: id, reference: reference, length: length, hash: Array(hash)))
            }
        }
    }

    /// What each chain of `checkpoint` lost since: a case gone, newest records removed, or
    /// the record at the checkpointed length no longer the one signed. Chains may only have
    /// grown since; one that grew must still pass through its checkpointed head.
    public func losses(since checkpoint: any ChainHeadSource, caseID: UUID? = nil) async throws -> [CheckpointLoss] {
        var previous = try checkpoint.makeHeadReader()
        return try await compare(&previous, caseID: caseID) { _ in }
    }

    /// A new checkpoint of every chain, in memory. Chains that lost records since
    /// `previous` keep the previous head, so that a loss found once stays visible in every
    /// later checkpoint rather than being signed over.
    public func checkpoint(carryingForward previous: ChainCheckpoint?) async throws -> (checkpoint: ChainCheckpoint, losses: [CheckpointLoss]) {
        let takenAt = clock.now()
        var heads: [ChainCheckpoint.Head] = []
        var old = (previous?.heads ?? []).makeIterator()
        let losses = try await compare(&old, caseID: nil) { heads.append($0) }
        return (ChainCheckpoint(takenAt: takenAt, heads: heads), losses)
    }

    /// Writes a new checkpoint of every chain to `writer` as the heads stream by, carrying
    /// forward the previous head of each chain that lost records since `previous`.
    public func writeCheckpoint(carryingForward previous: CheckpointFile?, to writer: CheckpointWriter) async throws -> [CheckpointLoss] {
        var old: any ChainHeadReader = try previous?.makeHeadReader() ?? [ChainCheckpoint.Head]().makeIterator()
        return try await compare(&old, caseID: nil) { try writer.append($0) }
    }

    /// Walks `previous` (heads in key order) beside the chains now, and calls `emit`, in key
    /// order, with the head each chain should have in a new checkpoint: the current one, or
    /// the previous one for a chain that lost records. Chains that grew are checked in
    /// windows of `window` chains (does each still pass through its checkpointed record?).
    func compare(
        _ previous: inout some ChainHeadReader, caseID: UUID?, window size: Int = 10_000,
        emit: (ChainCheckpoint.Head) async throws -> Void
    ) async throws -> [CheckpointLoss] {
        var losses: [CheckpointLoss] = []
        var window: [Comparison] = []
        func nextPrevious() throws -> ChainCheckpoint.Head? {
            while let head = try previous.next() {
                if caseID == nil || head.caseID == caseID { return head }
            }
            return nil
        }
        func flush() async throws {
            let grown = window.compactMap { if case .grown(let old, _) = $0 { old } else { nil } }
            let hashes = grown.isEmpty ? [:] : try await hashes(at: grown)
            for comparison in window {
                switch comparison {
                case .kept(let head): try await emit(head)
                case .lost(let old, let loss):
                    losses.append(loss)
                    try await emit(old)
                case .grown(let old, let current):
                    if hashes[old.key] == old.hash {
                        try await emit(current)
                    } else {
                        losses.append(CheckpointLoss(old, .rewritten, now: current.length))
                        try await emit(old)
                    }
                }
            }
            window.removeAll(keepingCapacity: true)
        }
        var old = try nextPrevious()
        try await forEachChainHead(caseID: caseID) { current in
            while let gone = old, gone.key < current.key {
                window.append(.lost(gone, CheckpointLoss(gone, .removed, now: nil)))
                old = try nextPrevious()
            }
            if let matched = old, matched.key == current.key {
                window.append(Comparison(old: matched, current: current))
                old = try nextPrevious()
            } else {
                window.append(.kept(current))
            }
            if window.count >= size { try await flush() }
        }
        while let gone = old {
            window.append(.lost(gone, CheckpointLoss(gone, .removed, now: nil)))
            old = try nextPrevious()
            if window.count >= size { try await flush() }
        }
        try await flush()
        return losses.sorted { ($0.chain, $0.reference) < ($1.chain, $1.reference) }
    }

    /// How a chain stands against its checkpointed head.
    enum Comparison {
        /// New since, or unchanged: the current head goes on.
        case kept(ChainCheckpoint.Head)
        /// Shorter, gone, or a different record at the same length: the old head goes on.
        case lost(ChainCheckpoint.Head, CheckpointLoss)
        /// Longer: fine if it still holds the checkpointed record at the old length.
        case grown(old: ChainCheckpoint.Head, current: ChainCheckpoint.Head)

        init(old: ChainCheckpoint.Head, current: ChainCheckpoint.Head) {
            if current.length < old.length {
                self = .lost(old, CheckpointLoss(old, .truncated, now: current.length))
            } else if current.length == old.length {
                self = current.hash == old.hash ? .kept(current) : .lost(old, CheckpointLoss(old, .rewritten, now: current.length))
            } else {
                self = .grown(old: old, current: current)
            }
        }
    }

    /// The hash each chain holds now at each head's length.
    func hashes(at heads: [ChainCheckpoint.Head]) async throws -> [ChainCheckpoint.Key: [UInt8]] {
        var found: [ChainCheckpoint.Key: [UInt8]] = [:]
        let tables = Dictionary(uniqueKeysWithValues: registry.modules.compactMap { $0 as? any ChainedRecordsModule }
            .map { ($0.id, $0.chainedRecordsTable) })
        for (chain, group) in Dictionary(grouping: heads, by: \.chain) {
            if chain == ChainCheckpoint.adminLogChain {
                for head in group {
                    let rows = try await client.query("SELECT hash FROM admin_log WHERE sequence = \(head.length)", logger: logger)
                    for try await hash in rows.decode(Data.self) { found[head.key] = Array(hash) }
                }
                continue
            }
            let table = chain == ChainCheckpoint.eventsChain ? "case_events" : tables[chain]
            guard let table else { continue }   // a module no longer registered: its chains read as rewritten
            for start in stride(from: 0, to: group.count, by: 10_000) {
                let slice = group[start..<min(start + 10_000, group.count)]
                let cases = slice.compactMap(\.caseID)
                let lengths = slice.map(\.length)
                let query: PostgresQuery = """
                    SELECT r.case_id, r.hash FROM \(unescaped: table) r
                    JOIN unnest(\(cases)::uuid[], \(lengths)::int8[]) AS p (case_id, sequence)
                      ON r.case_id = p.case_id AND r.sequence = p.sequence
                    """
                for try await (id, hash) in try await client.query(query, logger: logger).decode((UUID, Data).self) {
                    found[ChainCheckpoint.Key(chain: chain, caseID: id)] = Array(hash)
                }
            }
        }
        return found
    }
}

extension CheckpointLoss {
    /// What `head`'s chain lost: its length now, nil when it is gone.
    init(_ head: ChainCheckpoint.Head, _ kind: Kind, now: Int64?) {
        self.init(
            kind: kind, chain: head.chain, caseID: head.caseID, reference: head.reference, checkpointedLength: head.length,
            currentLength: now)
    }
}
