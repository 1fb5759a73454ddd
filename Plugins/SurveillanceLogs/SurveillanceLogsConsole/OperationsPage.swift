import DossierConsole
import DossierCore
import DossierPostgres
import Foundation
import SurveillanceLogs

/// The operations the user may see, the first to run out of cover first: each with its
/// authorisations in force, when the cover ends and the time left, or that nothing covers
/// it now (entries are refused); a way to each one's log.
struct OperationsPage {
    let store: SurveillanceStore

    static let navigationRoles: Set<Role> = [.investigator, .supervisor, .legal]
    /// The most operations one page shows.
    static let limit = 100

    @Sendable func show(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let now = store.cases.clock.now()
        let page = try await store.cases.listCases(
            CaseQuery(module: SurveillanceLogs.moduleID, limit: Self.limit), visibleTo: try request.user.actor)
        let authorisations = try await store.authorisations(caseIDs: page.cases.map(\.id))
        let rows = page.cases.map { operation in
            let inForce = (authorisations[operation.id] ?? []).filter { $0.isInForce(at: now) }
            let coverEnds = inForce.map(\.coverEnds).max()
            let zone = inForce.first.flatMap { TimeZone(identifier: $0.timeZone) } ?? .gmt
            return (coverEnds, [
                "reference": operation.reference, "title": operation.title, "state": ConsoleFormat.label(operation.state),
                "inForce": inForce.map(\.reference).joined(separator: ", "), "covered": coverEnds != nil,
                "ends": coverEnds.map { ConsoleFormat.time($0, in: zone) } as Any,
                "left": coverEnds.map { ConsoleFormat.timeLeft(until: $0, now: now) } as Any,
                "soon": coverEnds.map { $0.timeIntervalSince(now) < 7 * 86_400 } ?? false,
            ] as [String: Any])
        }
        // Uncovered first (nothing may be logged), then the soonest end of cover.
        let ordered = rows.sorted { first, second in
            switch (first.0, second.0) {
            case (nil, nil): false
            case (nil, _): true
            case (_, nil): false
            case let (a?, b?): a < b
            }
        }.map(\.1)
        let data: [String: Any] = [
            "operations": ordered, "hasOperations": !ordered.isEmpty, "now": ConsoleFormat.time(now),
            "truncated": page.nextCursor != nil, "limit": Self.limit,
        ]
        return request.page("Surveillance operations", template: "surveillance/operations", data, section: "surveillance/operations")
    }
}
