public import DossierCore

/// The fugitive-investigator network directory: who to contact in another country, in
/// which language, on which secure channel, and whether that entry is still true.
///
/// The module adds no case type: its investigators link to any case as external contacts
/// (core links), and its Infra-style operations target core persons and cases.
///
/// ```swift
/// let network = NetworkStore(cases: store, logger: logger)
/// let hits = try await network.search(DirectorySearch(country: "ES", language: "es", specialty: .drugTrafficking), visibleTo: actor)
/// ```
public struct InvestigatorNetwork: CaseModule {
    public let id = InvestigatorNetwork.moduleID
    public let name = "Fugitive-investigator network"
    public let version = SemanticVersion(0, 1, 0)

    public static let moduleID = "network"

    public init() {}

    public var migrations: [Migration] { EmbeddedMigrations.migrations(for: id) }
}
