public import DossierCore
public import DossierPostgres

/// Trafficking-in-human-beings investigations, in the style of INTERPOL's Operation
/// Epervier: a case runs from referral to an action day (victims rescued, suspects
/// arrested) and prosecution; each victim's support referral is tracked.
public struct TraffickingCases: HookModule {
    public let id = "trafficking"
    public let name = "Trafficking in human beings"
    public let version = SemanticVersion(1, 0, 0)
    /// The core version this module was built and tested against; the registry refuses
    /// to start a core it cannot run on, naming both versions.
    public let coreVersion = SemanticVersion(0, 1, 0)
    public let referencePrefix = "THB"

    public init() {}

    public var migrations: [Migration] { EmbeddedMigrations.migrations(for: id) }

    public var caseTypes: [CaseType] {
        [CaseType(name: "thb-investigation", title: "Trafficking investigation", workflow: TraffickingWorkflow.definition)]
    }

    public var hooks: [CaseHook] { [TraffickingHooks.partyAdded] }
}
