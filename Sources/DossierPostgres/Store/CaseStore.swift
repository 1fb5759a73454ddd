public import DossierCore
import Foundation
public import Logging
public import PostgresNIO

/// The core's PostgreSQL store: cases, their timelines, parties, members, links, timers
/// and the workflow engine's transactions.
///
/// Every method is one transaction; every value goes in as a bind. A refusal (bad input,
/// wrong state, a guard, a stale version) throws a ``DossierError`` and leaves nothing in
/// the database.
///
/// ```swift
/// let store = CaseStore(client: client, registry: registry, logger: logger)   // the system clock
/// let opened = try await store.openCase(NewCase(module: "cold-cases", type: "cold-case", ...), by: actor)
/// ```
public struct CaseStore: Sendable {
    public let client: PostgresClient
    public let registry: ModuleRegistry
    /// Where every write and deadline takes its time from; module stores and hooks read it too.
    public let clock: WallClock
    /// The key (kept outside the database) that signs what leaves the system as evidence,
    /// such as disclosure manifests; nil where none is configured, and such exports refuse.
    public let signingKey: SigningKey?
    let logger: Logger

    public init(
        client: PostgresClient, registry: ModuleRegistry, clock: WallClock = .system, signingKey: SigningKey? = nil, logger: Logger
    ) {
        self.client = client
        self.registry = registry
        self.clock = clock
        self.signingKey = signingKey
        self.logger = logger
    }
}

extension CaseStore {
    /// The same store, signing exports with `key`.
    public func signing(with key: SigningKey) -> CaseStore {
        CaseStore(client: client, registry: registry, clock: clock, signingKey: key, logger: logger)
    }
}

/// A case row locked `FOR UPDATE` inside a transaction, with its chain position.
struct LockedCase: Sendable {
    var value: Case
    var eventCount: Int64
    var chainHead: [UInt8]
    /// When the newest event appended in this transaction happened: the case's new
    /// `updated_at` when its chain position is written.
    var lastEventAt: Date?
}
