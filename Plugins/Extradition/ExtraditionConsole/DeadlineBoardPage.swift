import DossierConsole
import DossierCore
import DossierPostgres
import Extradition
import Foundation
import HTTPTypes

/// The deadline board: every open legal deadline of an open extradition the user may see,
/// overdue first, then by due time, cut by instrument, states and custody; and the form
/// that makes, replaces or stops the user's calendar feed address.
struct DeadlineBoardPage {
    let store: ExtraditionStore

    /// Who finds the board in the navigation; anyone signed in may open it and sees the
    /// deadlines of the cases they may see.
    static let navigationRoles: Set<Role> = [.legal, .supervisor, .investigator]
    /// The most deadlines one page shows.
    static let limit = 500

    @Sendable func show(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        try await page(request, newFeed: nil)
    }

    @Sendable func changeFeed(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let user = try request.user
        switch request.form["action"] {
        case "reset":
            let token = try await store.resetCalendarFeed(userID: user.id)
            // The address is shown on this answer only: it is never stored where a later
            // page (or the flash message) could show it again.
            return try await page(request, newFeed: CalendarFeedPage.address(token: token, request: request))
        case "stop":
            try await store.removeCalendarFeed(userID: user.id)
            return .redirect("/console/extradition/board", flash: "Your calendar feed is stopped: its address no longer answers.")
        default:
            throw DossierError.invalidInput("action must be reset or stop")
        }
    }

    func page(_ request: ConsoleRequest, newFeed: String?) async throws -> ConsoleResponse {
        let actor = try request.user.actor
        let now = store.cases.clock.now()
        let instruments = try await store.instruments()
        var data: [String: Any] = [
            "now": ConsoleFormat.time(now), "requesting": request.query("requesting") ?? "",
            "requested": request.query("requested") ?? "", "within": request.query("within") ?? "", "limit": Self.limit,
            "newFeed": newFeed as Any,
            "feedCreated": try await store.calendarFeedCreated(userID: actor.id).map(ConsoleFormat.time) as Any,
        ]
        do {
            let (filter, within) = try Self.filter(request, instruments: instruments)
            data["filtered"] = !filter.isEmpty || within != nil
            let entries = try await store.board(visibleTo: actor, limit: Self.limit, withinDays: within, filter: filter)
            let rows = entries.map { Self.row($0, now: now) }
            data["rows"] = rows
            data["hasRows"] = !rows.isEmpty
            data["count"] = ConsoleFormat.number(rows.count)
            let overdue = entries.filter { $0.isOverdue(at: now) }.count
            data["overdue"] = overdue > 0 ? ConsoleFormat.number(overdue) : nil as String?
            data["truncated"] = entries.count == Self.limit
        } catch let error as DossierError where error.code == .invalidInput {
            data["error"] = error.message
        }
        data["instruments"] = instruments.map { ["id": $0.id, "name": $0.name, "selected": $0.id == request.query("instrument")] as [String: Any] }
        data["custodies"] = CustodyStatus.allCases.map {
            ["value": $0.rawValue, "label": ConsoleFormat.label($0.rawValue), "selected": $0.rawValue == request.query("custody")] as [String: Any]
        }
        let status: HTTPResponse.Status = data["error"] == nil ? .ok : .badRequest
        return request.page("Legal deadlines", template: "extradition/board", data, status: status, section: "extradition/board")
    }

    /// The filters from the query string; a wrong one names what is allowed.
    static func filter(_ request: ConsoleRequest, instruments: [LegalInstrument]) throws -> (BoardFilter, Int?) {
        var filter = BoardFilter()
        if let instrument = request.query("instrument") {
            guard instruments.contains(where: { $0.id == instrument }) else {
                throw DossierError.invalidInput(
                    "instrument '\(instrument)' is not one of \(instruments.map(\.id).joined(separator: ", "))")
            }
            filter.instrument = instrument
        }
        filter.requestingState = request.query("requesting")?.uppercased()
        filter.requestedState = request.query("requested")?.uppercased()
        if let custody = request.query("custody") {
            guard let value = CustodyStatus(rawValue: custody) else {
                throw DossierError.invalidInput("custody '\(custody)' is not one of \(CustodyStatus.allowedValuesText)")
            }
            filter.custody = value
        }
        let within: Int? = try request.query("within").map { text in
            guard let days = Int(text), (0...3650).contains(days) else {
                throw DossierError.invalidInput("due within '\(text)' must be a whole number of days from 0 to 3650")
            }
            return days
        }
        return (filter, within)
    }

    static func row(_ entry: BoardEntry, now: Date) -> [String: Any] {
        let deadline = entry.deadline
        let zone = TimeZone(identifier: deadline.timeZone) ?? .gmt
        return [
            "reference": entry.reference, "state": ConsoleFormat.label(entry.state), "person": entry.personName,
            "timer": ConsoleFormat.label(deadline.timer.rawValue), "must": deadline.obligation == .must,
            "legalBasis": deadline.legalBasis, "instrument": deadline.instrument,
            "due": ConsoleFormat.time(deadline.dueAt, in: zone), "lastDay": deadline.lastDay?.description as Any,
            "requestingClock": "\(entry.requestingState): " + ConsoleFormat.time(
                deadline.dueAt, in: TimeZone(identifier: entry.requestingTimeZone) ?? .gmt),
            "left": ConsoleFormat.timeLeft(until: deadline.dueAt, now: now), "overdue": entry.isOverdue(at: now),
            "releaseTask": entry.releaseTaskOpen, "requestingState": entry.requestingState,
            "requestedState": entry.requestedState, "custody": ConsoleFormat.label(entry.custody.rawValue),
        ]
    }
}
