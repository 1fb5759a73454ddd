import DossierConsole
import DossierCore
import DossierPostgres
import DossierServer
import Foundation
import SurveillanceLogs

/// The open operations the user may see, the first to run out of cover first: each with
/// its authorisations in force and the soonest of them to end, with the time left, or that
/// nothing covers it now (entries are refused); a way to each one's log.
struct OperationsPage {
    let store: SurveillanceStore

    static let navigationRoles: Set<Role> = [.investigator, .supervisor, .legal]
    /// The most operations one page shows, and the most it reads to order them.
    static let shown = 100
    static let read = 1000

    @Sendable func show(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let now = store.cases.clock.now()
        let actor = try request.user.actor
        // Every open operation the user may see (up to `read`), so the order is by cover,
        // not by when they were opened.
        var operations: [Case] = []
        var cursor: CaseCursor?
        repeat {
            let page = try await store.cases.listCases(
                CaseQuery(module: SurveillanceLogs.moduleID, cursor: cursor, limit: CaseQuery.maximumLimit), visibleTo: actor)
            operations += page.cases.filter { $0.closedAt == nil }
            cursor = page.nextCursor
        } while cursor != nil && operations.count < Self.read
        let authorisations = try await store.authorisations(caseIDs: operations.map(\.id))
        let rows = operations.map { operation in
            let inForce = (authorisations[operation.id] ?? []).filter { $0.isInForce(at: now) }
            // The first to lapse: from then on, what it alone covers is refused.
            let first = inForce.min { $0.coverEnds < $1.coverEnds }
            let zone = first.flatMap { TimeZone(identifier: $0.timeZone) } ?? .gmt
            return (first?.coverEnds, [
                "reference": operation.reference, "title": operation.title, "state": ConsoleFormat.label(operation.state),
                "inForce": inForce.map(\.reference).joined(separator: ", "), "covered": first != nil,
                "firstToEnd": (inForce.count > 1 ? first?.reference : nil) as Any,
                "ends": first.map { ConsoleFormat.time($0.coverEnds, in: zone) } as Any,
                "left": first.map { ConsoleFormat.timeLeft(until: $0.coverEnds, now: now) } as Any,
                "soon": first.map { $0.coverEnds.timeIntervalSince(now) < 7 * 86_400 } ?? false,
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
        }.prefix(Self.shown).map(\.1)
        try await request.services.accessLog.record(
            actor: actor.id, caseID: nil, action: "surveillance.operations", detail: "\(ordered.count) operations",
            source: request.accessSource)
        let data: [String: Any] = [
            "operations": Array(ordered), "hasOperations": !ordered.isEmpty, "now": ConsoleFormat.time(now),
            "truncated": operations.count > Self.shown, "shown": Self.shown, "total": operations.count,
        ]
        return request.page("Surveillance operations", template: "surveillance/operations", data, section: "surveillance/operations")
    }
}
