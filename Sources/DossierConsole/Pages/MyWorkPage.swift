import DossierCore
import DossierPostgres
import DossierServer
import Foundation
import HTTPTypes

/// My work: what each of the user's roles needs first. An investigator's open cases and
/// their deadlines; a supervisor's overdue items in the agency; a legal officer's
/// deadlines in the next 7 and 30 days, overdue first, "must" and "may" apart with the
/// legal basis. Every list is cut to what the user may see, in SQL.
struct MyWorkPage {
    let site: ConsoleSite

    @Sendable func show(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let user = try request.user
        let store = request.services.store
        let now = store.clock.now()
        var data: [String: Any] = [:]
        if !user.roles.isDisjoint(with: [.investigator, .supervisor, .analyst]) {
            let mine = try await store.listCases(CaseQuery(member: user.id, limit: 25), visibleTo: user.actor)
            data["myCases"] = ["cases": CaseRows.rows(mine.cases.filter { $0.closedAt == nil })]
            data["hasMyCases"] = mine.cases.contains { $0.closedAt == nil }
            // A supervisor's or legal officer's overdue deadlines have their own list below.
            let overdueElsewhere = !user.roles.isDisjoint(with: [.supervisor, .legal])
            let soon = try await store.upcomingDeadlines(
                withinDays: 14, overdue: overdueElsewhere ? .exclude : .include, visibleTo: user.actor, limit: 50)
            data["soon"] = DeadlineRows.table(soon, now: now)
            data["hasSoon"] = !soon.isEmpty
            data["investigator"] = true
        }
        if user.roles.contains(.supervisor) {
            let overdue = try await store.upcomingDeadlines(withinDays: 0, overdue: .only, visibleTo: user.actor, limit: 100)
            data["overdue"] = DeadlineRows.table(overdue, now: now)
            data["hasOverdue"] = !overdue.isEmpty
            data["supervisor"] = true
            data["agency"] = user.agency
        }
        if user.roles.contains(.legal) {
            let deadlines = try await store.upcomingDeadlines(withinDays: 30, overdue: .include, visibleTo: user.actor, limit: 200)
            let week = now.addingTimeInterval(7 * 86_400)
            let overdue = deadlines.filter(\.overdue)
            let thisWeek = deadlines.filter { !$0.overdue && $0.timer.dueAt <= week }
            let later = deadlines.filter { !$0.overdue && $0.timer.dueAt > week }
            data["legal"] = true
            data["legalOverdue"] = DeadlineRows.table(overdue, now: now)
            data["legalWeek"] = DeadlineRows.table(thisWeek, now: now)
            data["legalMonth"] = DeadlineRows.table(later, now: now)
            data["hasLegalOverdue"] = !overdue.isEmpty
            data["hasLegalWeek"] = !thisWeek.isEmpty
            data["hasLegalMonth"] = !later.isEmpty
        }
        var panels: [[String: Any]] = []
        for module in site.modules {
            for panel in try await module.myWorkPanels(request: request) { panels.append(["title": panel.title, "html": panel.html.text]) }
        }
        data["panels"] = panels
        data["now"] = ConsoleFormat.time(now)
        try await request.services.accessLog.record(actor: user.id, caseID: nil, action: "my-work", source: request.accessSource)
        return request.page("My work", template: "my-work", data, section: "")
    }
}
