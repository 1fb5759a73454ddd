package import DossierCore
public import DossierPostgres
import Foundation
public import Logging
import PostgresNIO

/// The cold-cases module's store: reviews, the evidence inventory, leads, review policies
/// and the work lists (review queue, overdue reviews, limitation warnings).
///
/// Workflow moves go through the core's ``CaseStore/runTransition(_:)``, so the module's
/// hooks, the event chain and the timers apply; the module's own writes go through
/// ``CaseStore/recordModuleEvent(_:caseID:actor:_:)``, so each is one transaction that
/// also appends a `cold-cases.*` event to the case's timeline.
///
/// ```swift
/// let coldCases = ColdCaseStore(cases: store, logger: logger)
/// let review = try await coldCases.startReview(caseID: id, type: .periodic, by: investigator)
/// ```
public struct ColdCaseStore: Sendable {
    public let cases: CaseStore
    let logger: Logger

    public init(cases: CaseStore, logger: Logger) {
        self.cases = cases
        self.logger = logger
    }

    var client: PostgresClient { cases.client }

    /// Roles that may do each kind of work; the HTTP layer adds per-case access control.
    enum Roles {
        static let reviewers: Set<Role> = [.investigator, .supervisor]
        static let evidenceKeepers: Set<Role> = [.investigator, .supervisor]
        static let leadTakers: Set<Role> = [.investigator, .supervisor, .analyst]
        static let policyMakers: Set<Role> = [.supervisor, .admin]
    }

    func require(_ actor: Actor, oneOf roles: Set<Role>, to action: String) throws(DossierError) {
        try actor.require(oneOf: roles, to: action)
    }

    /// Refuses work on a case that is not a cold case.
    package static func requireColdCase(_ found: Case) throws(DossierError) {
        guard found.module == ColdCases.moduleID else {
            throw .invalidInput("case \(found.reference) belongs to module '\(found.module)', not '\(ColdCases.moduleID)'")
        }
    }

    static func checkLimit(_ limit: Int) throws(DossierError) {
        guard (1...500).contains(limit) else { throw .invalidInput("limit must be between 1 and 500, not \(limit)") }
    }
}
