public import DossierCore
public import Foundation
public import PostgresNIO

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

    public var isIntact: Bool { broken.isEmpty && recordChains.allSatisfy(\.broken.isEmpty) }

    /// The report with stable field names, as the CLI and the API print it.
    public var summary: Summary { Summary(self) }

    public struct Summary: Encodable, Sendable {
        public struct Broken: Encodable, Sendable {
            /// `events` for a case's event chain, else the module whose records broke.
            public var chain: String
            public var caseId: UUID
            public var reference: String
            public var sequence: Int64
            public var problem: String
        }

        public var intact: Bool
        public var casesChecked: Int
        public var eventsChecked: Int
        public var recordsChecked: Int
        public var broken: [Broken]

        init(_ report: ChainVerificationReport) {
            intact = report.isIntact
            casesChecked = report.casesChecked
            eventsChecked = report.eventsChecked
            recordsChecked = report.recordChains.map(\.recordsChecked).reduce(0, +)
            broken = report.broken.map {
                Broken(chain: "events", caseId: $0.caseID, reference: $0.reference, sequence: $0.firstBreak.sequence,
                       problem: $0.firstBreak.description)
            } + report.recordChains.flatMap { chain in
                chain.broken.map {
                    Broken(chain: chain.module, caseId: $0.caseID, reference: $0.reference, sequence: $0.sequence, problem: $0.problem)
                }
            }
        }
    }
}

extension CaseStore {
    /// Re-walks every event chain (or one case's), recomputing each hash from the event's
    /// content, and reports per case the first event that does not match; then the record
    /// chains of every ``ChainedRecordsModule``.
    ///
    /// Cases and events are streamed in id order side by side, so memory stays flat
    /// whatever the number of events.
    public func verifyChains(caseID: UUID? = nil) async throws -> ChainVerificationReport {
        let caseFilter: PostgresQuery = caseID.map { "WHERE id = \($0)" } ?? ""
        let eventFilter: PostgresQuery = caseID.map { "WHERE case_id = \($0)" } ?? ""
        var casesQuery = PostgresQuery(unsafeSQL: "SELECT id, reference, chain_head, event_count FROM cases ", binds: caseFilter.binds)
        casesQuery.sql += caseFilter.sql + " ORDER BY id"
        var eventsQuery = PostgresQuery(unsafeSQL: "SELECT \(Self.eventColumns) FROM case_events ", binds: eventFilter.binds)
        eventsQuery.sql += eventFilter.sql + " ORDER BY case_id, sequence"

        let caseRows = try await client.query(casesQuery, logger: logger)
        let eventRows = try await client.query(eventsQuery, logger: logger)
        var events = eventRows.decode(EventRow.self).makeAsyncIterator()
        var pending: CaseEvent? = try await events.next().map(Self.event(from:))

        var report = ChainVerificationReport(casesChecked: 0, eventsChecked: 0, broken: [])
        // Cases are read first: the events query's newer snapshot holds every event up to
        // each case's recorded length, plus any appended since.
        for try await (id, reference, head, length) in caseRows.decode((UUID, String, Data?, Int64).self) {
            var verifier = EventChain.Verifier(recordedLength: length)
            // Events of a case opened after the cases were read have no row here: skip them.
            while let event = pending, event.caseID.sortsBefore(id) {
                pending = try await events.next().map(Self.event(from:))
            }
            while let event = pending, event.caseID == id {
                verifier.add(event)
                report.eventsChecked += 1
                pending = try await events.next().map(Self.event(from:))
            }
            verifier.finish(head: head.map(Array.init))
            report.casesChecked += 1
            if let firstBreak = verifier.firstBreak {
                report.broken.append(.init(caseID: id, reference: reference, firstBreak: firstBreak))
            }
        }
        if let caseID, report.casesChecked == 0 {
            throw DossierError.notFound("case \(caseID.uuidString.lowercased()) does not exist")
        }
        for module in registry.modules.compactMap({ $0 as? any ChainedRecordsModule }) {
            report.recordChains.append(try await module.verifyRecordChains(caseID: caseID, client: client, logger: logger))
        }
        return report
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
