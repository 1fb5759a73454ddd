import DossierConsole
import DossierCore
import DossierPostgres
import DossierServer
import Extradition
import Foundation
import HTTPTypes
import Hummingbird

/// A user's calendar feed (`/console/extradition/calendar/TOKEN.ics`): every open deadline
/// they may see as an iCalendar event, for the calendar program they already use. The token
/// in the address is the only key, since a calendar program cannot sign in; an unknown
/// token, a stopped feed or a disabled user all answer the same 404.
struct CalendarFeedPage {
    let store: ExtraditionStore
    let users: UserStore

    @Sendable func show(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let file = try request.parameter("file")
        guard file.hasSuffix(".ics"), let userID = try await store.calendarFeedOwner(token: String(file.dropLast(4))) else {
            throw DossierError.notFound("calendar feed")
        }
        let user = try await users.user(id: userID)
        guard !user.isDisabled else { throw DossierError.notFound("calendar feed") }
        let entries = try await store.calendarDeadlines(visibleTo: user.actor)
        // Read without signing in: the access log keeps each fetch, as it keeps an export.
        try await request.services.accessLog.record(
            actor: user.id, caseID: nil, action: "calendar-feed", detail: "\(entries.count) deadlines as iCalendar",
            source: "calendar feed; \(request.context.accessSource)")
        let calendar = CalendarFeed(entries: entries, now: store.cases.clock.now())
        let headers: HTTPFields = [
            .contentType: "text/calendar; charset=utf-8", .contentDisposition: "inline; filename=\"deadlines.ics\"",
            .cacheControl: "private, no-store",
        ]
        return .response(Response(status: .ok, headers: headers, body: .init(byteBuffer: .init(string: calendar.text))))
    }

    /// The feed's address as the user's calendar program must call it: absolute, on the
    /// host the user reached the console through.
    static func address(token: String, request: ConsoleRequest) -> String {
        let host = request.request.head.authority ?? "localhost"
        // Plain HTTP only on this machine; anywhere else the console is served over HTTPS.
        let local = host.hasPrefix("127.0.0.1") || host.hasPrefix("localhost") || host.hasPrefix("[::1]")
        let scheme = local ? "http" : "https"
        return "\(scheme)://\(host)/console/extradition/calendar/\(token).ics"
    }
}

/// Deadlines as an iCalendar (RFC 5545) document. A deadline with a last day is an
/// all-day event on that day (the day it ends, where it is counted); one counted in hours
/// is an instant. Events carry the case reference, the deadline, its legal basis and the
/// states, never names or case titles: a calendar lives on other servers.
struct CalendarFeed {
    var entries: [BoardEntry]
    var now: Date

    var text: String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Dossier//Extradition deadlines//EN", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:Dossier legal deadlines",
            "REFRESH-INTERVAL;VALUE=DURATION:PT1H", "X-PUBLISHED-TTL:PT1H",
        ]
        for entry in entries { lines += event(entry) }
        lines.append("END:VCALENDAR")
        return lines.flatMap(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    func event(_ entry: BoardEntry) -> [String] {
        let deadline = entry.deadline
        let obligation = deadline.obligation == .must ? "must release" : "may release"
        let zone = TimeZone(identifier: deadline.timeZone) ?? .gmt
        var lines = [
            "BEGIN:VEVENT", "UID:\(deadline.id.uuidString.lowercased())@dossier-extradition", "DTSTAMP:\(Self.utc(now))",
        ]
        if let lastDay = deadline.lastDay {
            let next = CalendarDate(daysSinceEpoch: lastDay.daysSinceEpoch + 1)
            lines += ["DTSTART;VALUE=DATE:\(Self.basic(lastDay))", "DTEND;VALUE=DATE:\(Self.basic(next))", "TRANSP:TRANSPARENT"]
        } else {
            // An instant: no DTEND (RFC 5545 §3.6.1: without one, the event takes no time).
            lines.append("DTSTART:\(Self.utc(deadline.dueAt))")
        }
        let summary = "\(entry.reference): \(deadline.timer.rawValue.replacingOccurrences(of: "_", with: " ")) (\(obligation))"
        let description = [
            "\(deadline.legalBasis).",
            "Due \(ConsoleFormat.time(deadline.dueAt, in: zone)) (\(ConsoleFormat.time(deadline.dueAt))).",
            "\(entry.requestingState) → \(entry.requestedState), instrument \(deadline.instrument).",
            deadline.status == .expired || entry.isOverdue(at: now) ? "Overdue." : "",
            "Open the case in Dossier: /console/cases/\(entry.reference)",
        ].filter { !$0.isEmpty }.joined(separator: "\n")
        lines += [
            "SUMMARY:" + Self.escape(summary), "DESCRIPTION:" + Self.escape(description),
            "CATEGORIES:" + (deadline.obligation == .must ? "MUST RELEASE" : "MAY RELEASE"), "END:VEVENT",
        ]
        return lines
    }

    /// `20260321T000000Z`.
    static func utc(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.omitted).time(includingFractionalSeconds: false)
            .timeSeparator(.omitted).timeZone(separator: .omitted))
    }

    /// `20260321`.
    static func basic(_ day: CalendarDate) -> String { day.description.replacingOccurrences(of: "-", with: "") }

    /// TEXT escaping (RFC 5545 §3.3.11).
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\r\n", with: "\\n")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Lines longer than 75 octets folded (RFC 5545 §3.1), never inside a character.
    static func fold(_ line: String) -> [String] {
        var lines: [String] = []
        var current = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            let room = lines.isEmpty ? 75 : 74   // a continuation line starts with a space
            if octets + size > room {
                lines.append(lines.isEmpty ? current : " " + current)
                current = ""
                octets = 0
            }
            current.append(character)
            octets += size
        }
        lines.append(lines.isEmpty ? current : " " + current)
        return lines
    }
}
