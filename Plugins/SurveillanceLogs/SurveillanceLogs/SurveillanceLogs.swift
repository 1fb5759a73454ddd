public import DossierCore
public import DossierPostgres

/// The surveillance-logs module: lawful surveillance recorded so that it stands up in
/// court. An operation is a case; it holds its authorisations (warrants), with renewals and
/// cancellation, and an append-only, hash-chained log whose every entry was checked at
/// write time to fall inside a valid authorisation that covers its subject and method.
/// Corrections are new entries; a disclosure export verifies without the database.
///
/// ```swift
/// let registry = try ModuleRegistry([SurveillanceLogs()])
/// let logs = SurveillanceStore(cases: CaseStore(client: client, registry: registry, logger: logger), logger: logger)
/// let entry = try await logs.appendEntry(caseID: operation.id, newEntry, by: officer)
/// ```
public struct SurveillanceLogs: HookModule {
    public let id = SurveillanceLogs.moduleID
    public let name = "Surveillance logs"
    public let version = SemanticVersion(0, 1, 0)
    public let referencePrefix = "SURV"

    public static let moduleID = "surveillance"
    /// The one case type this module offers.
    public static let caseTypeName = "surveillance-operation"

    public init() {}

    public var migrations: [Migration] { EmbeddedMigrations.migrations(for: id) }

    public var caseTypes: [CaseType] {
        [
            CaseType.typed(
                name: Self.caseTypeName, title: "Surveillance operation", workflow: OperationWorkflow.definition,
                attributes: OperationAttributes.self
            ) { attributes, _ throws(DossierError) in try attributes.validate() }
        ]
    }

    public var hooks: [CaseHook] { SurveillanceHooks.all }
}
