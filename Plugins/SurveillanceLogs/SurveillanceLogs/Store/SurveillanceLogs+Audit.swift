import DossierCore
public import DossierPostgres
public import Foundation
public import Logging
public import PostgresNIO

extension SurveillanceLogs: ChainedRecordsModule {
    public var chainedRecordsTable: String { "surveillance_entries" }

    /// Re-walks every operation's log chain (or one operation's), recomputing each entry's
    /// hash from its stored content, so `dossier audit verify` catches an entry a superuser
    /// edited with the append-only trigger disabled.
    public func verifyRecordChains(caseID: UUID?, client: PostgresClient, logger: Logger) async throws -> RecordChainReport {
        let rows = try await client.query(
            """
            SELECT e.*, c.reference
            FROM (SELECT \(unescaped: SurveillanceStore.entryColumns) FROM surveillance_entries) e
            JOIN cases c ON c.id = e.case_id
            WHERE \(caseID)::uuid IS NULL OR e.case_id = \(caseID)
            ORDER BY e.case_id, e.sequence
            """, logger: logger)
        var report = RecordChainReport(module: id, recordsChecked: 0, broken: [])
        var current: (caseID: UUID, reference: String, verifier: LogChain.Verifier)?

        func finish() {
            guard let current, let broken = current.verifier.firstBreak else { return }
            report.broken.append(.init(
                caseID: current.caseID, reference: current.reference, sequence: broken.sequence, problem: broken.problem))
        }
        for try await row in rows.decode(
            (UUID, UUID, Int64, UUID, Int64, Int64, String, String, String, String, String, [String], String, [String], Bool,
             Bool, String, String, Int64, UUID?, String?, Data, Data, String).self)
        {
            if current?.caseID != row.1 {
                finish()
                current = (row.1, row.23, LogChain.Verifier())
            }
            report.recordsChecked += 1
            guard let entry = try? SurveillanceStore.entry(from: (
                row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8, row.9, row.10, row.11, row.12, row.13, row.14,
                row.15, row.16, row.17, row.18, row.19, row.20, row.21, row.22))
            else {
                current?.verifier.fail(sequence: row.2, problem: "entry \(row.2) was altered: method '\(row.9)' is not a method")
                continue
            }
            current?.verifier.add(sequence: entry.sequence, content: entry.content, previousHash: entry.previousHash, hash: entry.hash)
        }
        finish()
        return report
    }
}
