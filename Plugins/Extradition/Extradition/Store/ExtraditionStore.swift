package import DossierCore
public import DossierPostgres
import Foundation
public import Logging
import PostgresNIO

/// The extradition module's store: instruments, documents, the deadline board, each
/// case's deadlines, steps and release tasks.
///
/// Workflow steps go through the core's ``CaseStore/runTransition(_:)``, so the module's
/// hooks, the event chain and the timers apply; the module's own writes on a case go
/// through ``CaseStore/recordModuleEvent(_:caseID:actor:_:)``, so each is one transaction
/// that also appends an `extradition.*` event to the case's timeline.
///
/// ```swift
/// let extraditions = ExtraditionStore(cases: store, logger: logger)
/// _ = try await extraditions.registerDocument(caseID: id, document, by: lawyer)
/// let board = try await extraditions.board(visibleTo: lawyer)
/// ```
public struct ExtraditionStore: Sendable {
    public let cases: CaseStore
    let logger: Logger

    public init(cases: CaseStore, logger: Logger) {
        self.cases = cases
        self.logger = logger
    }

    var client: PostgresClient { cases.client }

    /// Roles that may do each kind of work; the HTTP layer adds per-case access control.
    enum Roles {
        static let documentKeepers: Set<Role> = [.legal, .investigator, .supervisor]
        static let lawyers: Set<Role> = [.legal, .supervisor]
        static let instrumentEditors: Set<Role> = [.admin]
    }

    /// Refuses work on a case that is not an extradition.
    package static func requireExtradition(_ found: Case) throws(DossierError) {
        guard found.module == Extradition.moduleID else {
            throw .invalidInput("case \(found.reference) belongs to module '\(found.module)', not '\(Extradition.moduleID)'")
        }
    }

    static func checkLimit(_ limit: Int) throws(DossierError) {
        guard (1...500).contains(limit) else { throw .invalidInput("limit must be between 1 and 500, not \(limit)") }
    }
}
