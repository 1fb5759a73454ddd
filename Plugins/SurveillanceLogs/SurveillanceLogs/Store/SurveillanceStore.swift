package import DossierCore
public import DossierPostgres
import Foundation
public import Logging
import PostgresNIO

/// The surveillance-logs module's store: legal bases, authorisations with renewals and
/// cancellation, the append-only log, disclosure exports and log verification.
///
/// Every change on an operation goes through ``CaseStore/recordModuleEvent(_:caseID:actor:_:)``:
/// one transaction that holds the operation's row lock (so concurrent appends form one
/// linear chain with gapless sequence numbers) and appends a `surveillance.*` event to the
/// case's own chain.
///
/// ```swift
/// let logs = SurveillanceStore(cases: store, logger: logger)
/// let warrant = try await logs.createAuthorisation(caseID: id, newAuthorisation, by: supervisor)
/// let entry = try await logs.appendEntry(caseID: id, newEntry, by: officer)
/// ```
public struct SurveillanceStore: Sendable {
    public let cases: CaseStore
    let logger: Logger

    public init(cases: CaseStore, logger: Logger) {
        self.cases = cases
        self.logger = logger
    }

    var client: PostgresClient { cases.client }

    /// Roles that may do each kind of work; the HTTP layer adds per-case access control.
    enum Roles {
        static let authorisers: Set<Role> = [.supervisor, .legal]
        static let loggers: Set<Role> = [.investigator, .supervisor]
        static let exporters: Set<Role> = [.investigator, .supervisor, .legal]
    }

    /// Refuses work on a case that is not a surveillance operation.
    package static func requireOperation(_ found: Case) throws(DossierError) {
        guard found.module == SurveillanceLogs.moduleID else {
            throw .invalidInput("case \(found.reference) belongs to module '\(found.module)', not '\(SurveillanceLogs.moduleID)'")
        }
    }

    /// Every legal basis with its maximum duration.
    public func legalBases() async throws -> [LegalBasis] {
        try await client.withConnection { connection in try await LegalBases.all(on: connection, logger: logger) }
    }
}
