import ColdCases
import DossierConsole
import DossierCore
import DossierPostgres
import Foundation
import HTTPTypes

/// The review queue: cold cases the user may see in the order to review them (a new lead
/// first, then tier, score and how overdue), cut by agency, offence, tier, reviewer and
/// overdue; and the limitation dates coming in the next year.
struct ReviewQueuePage {
    let store: ColdCaseStore

    static let navigationRoles: Set<Role> = [.investigator, .supervisor, .analyst]
    /// The most cases one page shows.
    static let limit = 100
    /// How far ahead limitation dates are listed.
    static let limitationWindowDays = 365

    @Sendable func show(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let actor = try request.user.actor
        let now = store.cases.clock.now()
        var data: [String: Any] = [
            "now": ConsoleFormat.time(now), "agency": request.query("agency") ?? "", "reviewer": request.query("reviewer") ?? "",
            "overdueOnly": request.query("overdue") == "1", "limit": Self.limit,
        ]
        do {
            let filter = try Self.filter(request)
            data["filtered"] = !filter.isEmpty
            let entries = try await store.reviewQueue(visibleTo: actor, limit: Self.limit, now: now, filter: filter)
            let rows = entries.enumerated().map { position, entry in
                [
                    "position": position + 1, "reference": entry.reference, "title": entry.title, "agency": entry.agency,
                    "tier": entry.tier.rawValue, "score": entry.score, "boosted": entry.isBoosted,
                    "due": entry.reviewDueAt.map(ConsoleFormat.date) ?? "—", "overdue": Self.isOverdue(entry, now: now),
                    "overdueText": entry.overdueDays > 0 ? "overdue by \(entry.overdueDays) d" : "due now", "leads": entry.leadsWaiting, "hasLeads": entry.leadsWaiting > 0,
                    "limitation": entry.limitationDate?.description ?? "—",
                ] as [String: Any]
            }
            data["rows"] = rows
            data["hasRows"] = !rows.isEmpty
            data["count"] = rows.count
            let overdue = entries.filter { Self.isOverdue($0, now: now) }.count
            data["overdueCount"] = overdue > 0 ? overdue : nil as Int?   // Mustache takes 0 as present
            data["truncated"] = entries.count == Self.limit
        } catch let error as DossierError where error.code == .invalidInput {
            data["error"] = error.message
        }
        let warnings = try await store.limitationWarnings(within: Self.limitationWindowDays, visibleTo: actor, now: now, limit: 20)
        data["warnings"] = warnings.map {
            ["reference": $0.reference, "title": $0.title, "date": $0.limitationDate.description, "days": $0.daysRemaining,
             "state": ConsoleFormat.label($0.state)] as [String: Any]
        }
        data["hasWarnings"] = !warnings.isEmpty
        data["tiers"] = PriorityTier.allCases.map { ["value": $0.rawValue, "selected": "\($0.rawValue)" == request.query("tier")] as [String: Any] }
        data["offences"] = OffenceCategory.allCases.map {
            ["value": $0.rawValue, "label": ConsoleFormat.label($0.rawValue), "selected": $0.rawValue == request.query("offence")] as [String: Any]
        }
        let status: HTTPResponse.Status = data["error"] == nil ? .ok : .badRequest
        return request.page("Review queue", template: "cold-cases/queue", data, status: status, section: "cold-cases/queue")
    }

    /// Due by now: the same rule as the store's "overdue only" filter.
    static func isOverdue(_ entry: ReviewQueueEntry, now: Date) -> Bool { entry.reviewDueAt.map { $0 <= now } ?? false }

    /// The filters from the query string; a wrong one names what is allowed.
    static func filter(_ request: ConsoleRequest) throws -> ReviewQueueFilter {
        var filter = ReviewQueueFilter(agency: request.query("agency"), reviewer: request.query("reviewer"))
        if let text = request.query("tier") {
            guard let number = Int(text), let tier = PriorityTier(rawValue: number) else {
                throw DossierError.invalidInput("tier '\(text)' is not one of 1, 2 or 3")
            }
            filter.tier = tier
        }
        if let text = request.query("offence") {
            guard let offence = OffenceCategory(rawValue: text) else {
                throw DossierError.invalidInput("offence '\(text)' is not one of \(OffenceCategory.allowedValuesText)")
            }
            filter.offence = offence
        }
        filter.overdueOnly = request.query("overdue") == "1"
        return filter
    }
}
