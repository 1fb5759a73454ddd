public import DossierCore
public import Foundation
public import Logging
public import PostgresNIO

/// A module whose own tables hold hash-chained records (an append-only log, say).
/// ``CaseStore/verifyChains(caseID:parallelism:)`` walks them along with the event chains, so
/// `dossier audit verify` and `GET /api/v1/audit/verify` catch an edit there too.
public protocol ChainedRecordsModule: CaseModule {
    /// Re-walks the module's chains (or one case's) and reports the first break per case.
    func verifyRecordChains(caseID: UUID?, client: PostgresClient, logger: Logger) async throws -> RecordChainReport

    /// The table that holds the chained records, with `case_id`, `sequence` (1, 2, … per
    /// case) and `hash` (bytea) columns: signed checkpoints record each case's length and
    /// newest hash from it, so that removed newest records are caught too.
    var chainedRecordsTable: String { get }
}

/// What a module's record chains verified to.
public struct RecordChainReport: Sendable, Hashable {
    public struct Broken: Sendable, Hashable {
        public var caseID: UUID
        public var reference: String
        /// The first record that does not verify.
        public var sequence: Int64
        /// "entry 3 was altered: its content does not match its hash".
        public var problem: String

        public init(caseID: UUID, reference: String, sequence: Int64, problem: String) {
            self.caseID = caseID
            self.reference = reference
            self.sequence = sequence
            self.problem = problem
        }
    }

    /// The module id, which names the chain in reports.
    public var module: String
    public var recordsChecked: Int
    public var broken: [Broken]

    public init(module: String, recordsChecked: Int, broken: [Broken]) {
        self.module = module
        self.recordsChecked = recordsChecked
        self.broken = broken
    }
}
