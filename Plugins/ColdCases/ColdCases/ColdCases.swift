public import DossierCore
public import DossierPostgres
import Foundation

/// The cold-cases module: unsolved cases kept under periodic, documented review.
///
/// A cold case waits in `cold` for its next review, which an investigator starts and
/// records (solvability factors, findings, a decision) and a different supervisor
/// approves; the case then goes back to `cold`, with its next review timed from the
/// agency's ``ReviewPolicy``, or is `reopened` for active investigation. Leads move a case
/// up the review queue, among the cases with new leads.
///
/// ```swift
/// let registry = try ModuleRegistry([ColdCases()])
/// let coldCases = ColdCaseStore(cases: CaseStore(client: client, registry: registry, logger: logger), logger: logger)
/// ```
public struct ColdCases: HookModule {
    public let id = ColdCases.moduleID
    public let name = "Cold cases"
    public let version = SemanticVersion(0, 1, 0)
    public let referencePrefix = "COLD"

    public static let moduleID = "cold-cases"
    /// The one case type this module offers.
    public static let caseTypeName = "cold-case"

    public init() {}

    public var migrations: [Migration] { EmbeddedMigrations.migrations(for: id) }

    public var caseTypes: [CaseType] {
        [
            CaseType.typed(
                name: Self.caseTypeName, title: "Cold case", workflow: ColdCaseWorkflow.definition,
                attributes: ColdCaseAttributes.self
            ) { attributes, now throws(DossierError) in try attributes.validate(today: CalendarDate(now, in: .gmt)) }
        ]
    }

    public var hooks: [CaseHook] { ColdCaseHooks.all }
}
