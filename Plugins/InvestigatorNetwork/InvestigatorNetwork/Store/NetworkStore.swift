import DossierCore
public import DossierPostgres
import Foundation
public import Logging
import PostgresNIO

/// The network directory's store: agencies, investigators, country points of contact,
/// search, case contacts, CSV import and export, and round-up operations.
///
/// What a user may see: entries visible network-wide, and entries limited to their own
/// agency when it is theirs. The local operator of the command line (no agency) sees all.
///
/// ```swift
/// let network = NetworkStore(cases: store, logger: logger)
/// let hits = try await network.search(DirectorySearch(country: "ES", language: "spa", specialty: .drugTrafficking), visibleTo: actor)
/// ```
public struct NetworkStore: Sendable {
    public let cases: CaseStore
    let logger: Logger

    public init(cases: CaseStore, logger: Logger) {
        self.cases = cases
        self.logger = logger
    }

    var client: PostgresClient { cases.client }

    /// Roles that may do each kind of work.
    enum Roles {
        static let editors: Set<Role> = [.admin, .supervisor]
        static let operationStaff: Set<Role> = [.admin, .supervisor, .investigator]
        static let linkers: Set<Role> = [.investigator, .supervisor, .legal]
    }

    /// Who is looking: `all` for one who sees every entry (the system, the local operator),
    /// else the agency whose own-agency entries they see besides network-wide ones. Used as
    /// `(\(viewer.all) OR i.visibility = 'network' OR a.code = \(viewer.agency))`.
    static func viewer(_ actor: Actor) -> (all: Bool, agency: String) {
        (actor.isSystem || actor.agency == nil, actor.agency ?? "")
    }
}
