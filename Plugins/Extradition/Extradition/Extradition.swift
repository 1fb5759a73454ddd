public import DossierCore
public import DossierPostgres

/// The extradition module: each extradition from a located fugitive to surrender or
/// release, with its documents and every legal deadline the instrument sets.
///
/// Instruments (treaties, conventions, statutes) are data: each says, per timer, its
/// period, unit, counting rule, legal basis and whether expiry means the person *may* or
/// *must* be released. Each step starts the instrument's timers, computed with the holiday
/// calendar of the requested state; a "must release" deadline that expires opens a release
/// task that legal staff act on.
///
/// ```swift
/// let registry = try ModuleRegistry([Extradition()])
/// let extraditions = ExtraditionStore(cases: CaseStore(client: client, registry: registry, logger: logger), logger: logger)
/// let board = try await extraditions.board(visibleTo: actor, limit: 50)
/// ```
public struct Extradition: HookModule {
    public let id = Extradition.moduleID
    public let name = "Extradition"
    public let version = SemanticVersion(0, 1, 0)
    public let referencePrefix = "EXT"

    public static let moduleID = "extradition"
    /// The one case type this module offers.
    public static let caseTypeName = "extradition"

    public init() {}

    public var migrations: [Migration] { EmbeddedMigrations.migrations(for: id) }

    public var caseTypes: [CaseType] {
        var extradition = CaseType.typed(
            name: Self.caseTypeName, title: "Extradition", workflow: ExtraditionWorkflow.definition,
            attributes: ExtraditionAttributes.self
        ) { attributes, _ throws(DossierError) in try attributes.validate() }
        extradition.caseReferenceAttributes = [ExtraditionAttributes.CodingKeys.originatingCaseID.rawValue]
        return [extradition]
    }

    public var hooks: [CaseHook] { ExtraditionHooks.all }
}
