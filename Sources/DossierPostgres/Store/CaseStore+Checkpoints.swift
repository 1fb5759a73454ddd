public import DossierCore
public import Foundation
import PostgresNIO

extension CaseStore {
    /// Every chain's length and newest hash now: each case's events, each
    /// ``ChainedRecordsModule``'s records per case, and the admin log.
    public func chainHeads() async throws -> [ChainCheckpoint.Head] {
        var heads: [ChainCheckpoint.Head] = []
        let cases = try await client.query(
            "SELECT id, reference, event_count, chain_head FROM cases WHERE event_count > 0", logger: logger)
        for try await (id, reference, length, head) in cases.decode((UUID, String, Int64, Data).self) {
            heads.append(.init(chain: ChainCheckpoint.eventsChain, caseID: id, reference: reference, length: length, hash: Array(head)))
        }
        for module in registry.modules.compactMap({ $0 as? any ChainedRecordsModule }) {
            let rows = try await client.query(
                """
                SELECT DISTINCT ON (r.case_id) r.case_id, c.reference, r.sequence, r.hash
                FROM \(unescaped: module.chainedRecordsTable) r JOIN cases c ON c.id = r.case_id
                ORDER BY r.case_id, r.sequence DESC
                """, logger: logger)
            for try await (id, reference, length, hash) in rows.decode((UUID, String, Int64, Data).self) {
                heads.append(.init(chain: module.id, caseID: id, reference: reference, length: length, hash: Array(hash)))
            }
        }
        let adminLog = try await client.query("SELECT sequence, hash FROM admin_log ORDER BY sequence DESC LIMIT 1", logger: logger)
        for try await (length, hash) in adminLog.decode((Int64, Data).self) {
            heads.append(.init(chain: ChainCheckpoint.adminLogChain, caseID: nil, reference: "", length: length, hash: Array(hash)))
        }
        return heads
    }

    /// What each chain of `checkpoint` lost since: a case gone, newest records removed, or
    /// the record at the checkpointed length no longer the one signed. Chains may only have
    /// grown since; one that grew must still pass through its checkpointed head.
    public func losses(since checkpoint: ChainCheckpoint, caseID: UUID? = nil) async throws -> [CheckpointLoss] {
        try await losses(since: checkpoint, current: try await currentHeads(), caseID: caseID)
    }

    func currentHeads() async throws -> [ChainCheckpoint.Key: ChainCheckpoint.Head] {
        Dictionary(try await chainHeads().map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func losses(
        since checkpoint: ChainCheckpoint, current: [ChainCheckpoint.Key: ChainCheckpoint.Head], caseID: UUID?
    ) async throws -> [CheckpointLoss] {
        var losses: [CheckpointLoss] = []
        var grown: [ChainCheckpoint.Head] = []
        for head in checkpoint.heads where caseID == nil || head.caseID == caseID {
            func loss(_ kind: CheckpointLoss.Kind, now: Int64?) -> CheckpointLoss {
                CheckpointLoss(
                    kind: kind, chain: head.chain, caseID: head.caseID, reference: head.reference, checkpointedLength: head.length,
                    currentLength: now)
            }
            guard let now = current[head.key] else {
                losses.append(loss(.removed, now: nil))
                continue
            }
            if now.length < head.length {
                losses.append(loss(.truncated, now: now.length))
            } else if now.length == head.length {
                if now.hash != head.hash { losses.append(loss(.rewritten, now: now.length)) }
            } else {
                grown.append(head)
            }
        }
        let hashes = try await hashes(at: grown)
        for head in grown where hashes[head.key] != head.hash {
            losses.append(CheckpointLoss(
                kind: .rewritten, chain: head.chain, caseID: head.caseID, reference: head.reference,
                checkpointedLength: head.length, currentLength: current[head.key]?.length))
        }
        return losses.sorted { ($0.chain, $0.reference) < ($1.chain, $1.reference) }
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

    /// A new checkpoint of every chain. Chains that lost records since `previous` keep the
    /// previous head, so that a loss found once stays visible in every later checkpoint
    /// rather than being signed over.
    public func checkpoint(carryingForward previous: ChainCheckpoint?) async throws -> (checkpoint: ChainCheckpoint, losses: [CheckpointLoss]) {
        let takenAt = clock.now()
        var heads = try await currentHeads()
        var losses: [CheckpointLoss] = []
        if let previous {
            losses = try await self.losses(since: previous, current: heads, caseID: nil)
            let lost = Set(losses.map { ChainCheckpoint.Key(chain: $0.chain, caseID: $0.caseID) })
            for head in previous.heads where lost.contains(head.key) { heads[head.key] = head }
        }
        return (ChainCheckpoint(takenAt: takenAt, heads: Array(heads.values)), losses)
    }
}
