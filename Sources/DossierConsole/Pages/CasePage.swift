import DossierCore
import DossierPostgres
import DossierServer
import Foundation
import HTTPTypes

/// A case: its fields and attributes, parties, members, links, timers, timeline with the
/// chain's verification, notes, and what the user can do next — each available transition
/// as a form built from its typed inputs, each blocked one with the reason. Every form
/// carries the case's version, so a change made since the page opened is shown, not
/// overwritten. Every view is a logged read; a case the user may not see is the 404 page.
struct CasePage {
    let site: ConsoleSite

    /// Roles that may change cases they can see (analysts and auditors only read).
    static let writers: Set<Role> = [.investigator, .supervisor, .legal]
    /// The newest events the page shows.
    static let timelineLength = 50

    @Sendable func show(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let found = try await visibleCase(request, action: "read")
        return try await page(for: found, request: request)
    }

    @Sendable func transition(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let found = try await visibleCase(request, action: "transition")
        let name = try request.parameter("name")
        let workflow = try request.services.registry.caseType(module: found.module, type: found.type).workflow
        guard let transition = workflow.transitions.first(where: { $0.name == name }) else { throw DossierError.notFound("transition \(name)") }
        var problems: [String: String] = [:]
        let zone = try await localTimeZone(for: found, transition: name, request: request)
        let inputs = TransitionForm.inputs(from: request.form, for: transition, localZone: zone, problems: &problems)
        guard problems.isEmpty else {
            return try await page(for: found, request: request, failed: .init(transition: name, message: "Check the fields marked below.", fields: problems))
        }
        do {
            let result = try await request.services.store.runTransition(TransitionRequest(
                caseID: found.id, transition: name, inputs: inputs, actor: try request.user.actor,
                expectedVersion: request.form["version"].flatMap { Int64($0) }))
            return .redirect(
                "/console/cases/\(found.reference)",
                flash: "Done: \(ConsoleFormat.label(transition.label)) — the case is now \(ConsoleFormat.label(result.case.state)).")
        } catch let error as DossierError where error.code == .staleVersion {
            return try await page(for: found, request: request, stale: true, failed: .init(transition: name, message: Self.staleMessage, fields: [:]))
        } catch let error as DossierError where [.invalidInput, .guardRefused, .hookRefused, .wrongState, .roleNotAllowed].contains(error.code) {
            return try await page(for: found, request: request, failed: .init(transition: name, message: error.message, fields: [:]))
        }
    }

    @Sendable func note(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let found = try await visibleCase(request, action: "note")
        guard let text = request.form["text"] else {
            return try await page(for: found, request: request, noteError: "Write the note before adding it.")
        }
        do {
            _ = try await request.services.store.addNote(
                caseID: found.id, text: text, by: try request.user.actor,
                options: ChangeOptions(expectedVersion: request.form["version"].flatMap { Int64($0) }))
            return .redirect("/console/cases/\(found.reference)#timeline", flash: "Note added.")
        } catch let error as DossierError where error.code == .staleVersion {
            return try await page(for: found, request: request, stale: true, noteError: Self.staleMessage)
        } catch let error as DossierError where [.invalidInput, .roleNotAllowed].contains(error.code) {
            return try await page(for: found, request: request, noteError: error.message)
        }
    }

    static let staleMessage = "This case changed since you opened it: nothing was saved. The changes are listed below; check them, then send the form again."

    /// The case named in the path if the user may see it (the 404 page otherwise), with
    /// the access logged.
    func visibleCase(_ request: ConsoleRequest, action: String) async throws -> Case {
        try await request.visibleCase(action: action)
    }

    /// Where the case's module reads a date and time typed without an offset (nil: UTC).
    func localTimeZone(for found: Case, transition: String, request: ConsoleRequest) async throws -> TimeZone? {
        guard let module = site.modules.first(where: { $0.id == found.module }) else { return nil }
        return try await module.localTimeZone(for: found, transition: transition, request: request)
    }

    struct Failure {
        var transition: String
        var message: String
        var fields: [String: String]
    }

    func page(
        for found: Case, request: ConsoleRequest, stale: Bool = false, failed: Failure? = nil, noteError: String? = nil
    ) async throws -> ConsoleResponse {
        let store = request.services.store
        let actor = try request.user.actor
        let now = store.clock.now()
        let shown = try await store.redactingHiddenCaseReferences(found, for: actor)
        async let parties = store.partiesWithPersons(caseID: found.id)
        async let members = store.members(caseID: found.id)
        async let links = store.links(caseID: found.id, visibleTo: actor)
        async let timers = store.timers(caseID: found.id)
        async let next = store.availableTransitions(caseID: found.id, actor: actor)
        let latest = try await store.latestEventsVerified(caseID: found.id, limit: Self.timelineLength)
        let events = try await store.redactingHiddenCases(in: latest.events, of: found, for: actor)
        let eventCount = Int(events.first?.sequence ?? 0)
        let caseType = try request.services.registry.caseType(module: found.module, type: found.type)
        let mayChange = !actor.roles.isDisjoint(with: Self.writers)
        let seen = request.form["seen"].flatMap { Int64($0) }

        var data: [String: Any] = [
            "reference": shown.reference, "title": shown.title, "summary": shown.summary, "state": ConsoleFormat.label(shown.state),
            "module": shown.module, "type": caseType.title, "priority": shown.priority.rawValue,
            "classification": shown.classification.rawValue, "agency": shown.owningAgency, "country": shown.country,
            "opened": ConsoleFormat.time(shown.openedAt), "closed": shown.closedAt.map(ConsoleFormat.time) as Any,
            "version": shown.version, "tags": shown.tags.joined(separator: ", "), "hasTags": !shown.tags.isEmpty,
            "lastSequence": events.first?.sequence ?? 0, "mayChange": mayChange, "stale": stale,
            "noteError": noteError as Any, "noteText": noteError == nil ? "" : (request.form.raw("text") ?? ""),
        ]
        data["attributes"] = Self.attributeRows(shown.attributes)
        data["hasAttributes"] = !(data["attributes"] as! [[String: Any]]).isEmpty
        let partyRows = try await parties.map { party, person in
            [
                "role": ConsoleFormat.label(party.role.rawValue), "name": person.latinName, "personID": person.id.uuidString.lowercased(),
                "original": person.originalScriptName as Any, "aliases": person.aliases.map(\.name).joined(separator: ", "),
                "hasAliases": !person.aliases.isEmpty, "born": person.dateOfBirth?.description ?? "—",
                "nationalities": person.nationalities.joined(separator: ", "), "note": party.note,
                "hasNationalities": !person.nationalities.isEmpty,
            ] as [String: Any]
        }
        data["parties"] = partyRows
        data["hasParties"] = !partyRows.isEmpty
        let memberRows = try await members.map { ["user": $0.userID, "role": ConsoleFormat.label($0.role.rawValue), "since": ConsoleFormat.date($0.addedAt)] as [String: Any] }
        data["members"] = memberRows
        data["hasMembers"] = !memberRows.isEmpty
        let linkRows = try await links.map { ["kind": ConsoleFormat.label($0.kind), "target": Self.describe($0.target)] as [String: Any] }
        data["links"] = linkRows
        data["hasLinks"] = !linkRows.isEmpty
        let timerRows = try await timers.map { timer in
            [
                "name": ConsoleFormat.label(timer.name), "due": ConsoleFormat.time(timer.dueAt), "status": timer.status.rawValue,
                "left": timer.status == .running ? ConsoleFormat.timeLeft(until: timer.dueAt, now: now) : "—",
                "legalBasis": timer.legalBasis.isEmpty ? "—" : timer.legalBasis, "obligation": timer.obligation.rawValue,
                "must": timer.obligation == .must,
            ] as [String: Any]
        }
        data["timers"] = timerRows
        data["hasTimers"] = !timerRows.isEmpty
        data["events"] = events.map { event in
            [
                "sequence": event.sequence, "kind": ConsoleFormat.label(event.kind.rawValue), "actor": event.actor,
                "at": ConsoleFormat.time(event.occurredAt), "detail": ConsoleFormat.value(event.payload),
                "new": stale && seen.map { event.sequence > $0 } == true,
            ] as [String: Any]
        }
        data["eventCount"] = eventCount
        data["olderEvents"] = max(0, eventCount - events.count)
        data["hasOlderEvents"] = eventCount > events.count
        data["hasSummary"] = !shown.summary.isEmpty
        let report = latest.chain
        data["chainIntact"] = report.broken.isEmpty
        data["chainEvents"] = report.eventsChecked
        data["chainBreak"] = report.broken.first.map { "\($0.firstBreak)" } as Any

        let panelTransitions = site.modules.first { $0.id == found.module }?.panelTransitions ?? [:]
        var available: [[String: Any]] = []
        var blocked: [[String: Any]] = []
        for option in try await next {
            let failure = failed?.transition == option.transition.name ? failed : nil
            if let reason = option.blockedBy {
                blocked.append(["label": ConsoleFormat.label(option.transition.label), "to": ConsoleFormat.label(option.transition.to), "reason": reason.message])
            } else if mayChange, let anchor = panelTransitions[option.transition.name] {
                available.append([
                    "label": ConsoleFormat.label(option.transition.label), "to": ConsoleFormat.label(option.transition.to),
                    "panelLink": anchor,
                ])
            } else if mayChange {
                let form = failure == nil ? FormValues() : request.form
                let hasTimestamp = option.transition.inputs.contains { if case .timestamp = $0.type { true } else { false } }
                let zone = hasTimestamp ? try await localTimeZone(for: found, transition: option.transition.name, request: request) : nil
                available.append(TransitionForm.view(
                    option.transition, reference: shown.reference, form: form,
                    problems: failure?.fields ?? [:], message: failure?.message, localZone: zone))
            }
        }
        data["available"] = available
        data["hasAvailable"] = !available.isEmpty
        data["blocked"] = blocked
        data["hasBlocked"] = !blocked.isEmpty

        var panels: [[String: Any]] = []
        for module in site.modules {
            for panel in try await module.casePanels(for: shown, request: request) { panels.append(["title": panel.title, "html": panel.html.text]) }
        }
        data["panels"] = panels
        if let failed, !stale {
            data["failedMessage"] = failed.message
            data["failedTransition"] = failed.transition
        }
        let status: HTTPResponse.Status = stale ? .conflict : (failed != nil || noteError != nil ? .unprocessableContent : .ok)
        return request.page("\(shown.reference) · \(shown.title)", template: "case", data, status: status, section: "cases")
    }

    static func attributeRows(_ attributes: JSONValue) -> [[String: Any]] {
        guard case .object(let fields) = attributes else { return [] }
        return fields.sorted { $0.key < $1.key }.map { ["name": ConsoleFormat.label($0.key), "value": ConsoleFormat.value($0.value)] }
    }

    static func describe(_ target: CaseLink.Target) -> String {
        switch target {
        case .case(let id): "case \(id.uuidString.lowercased())"
        case .person(let id): "person \(id.uuidString.lowercased())"
        case .entry(let module, let id): "\(module) \(id)"
        case .hiddenCase: "a case you may not see"
        case .hiddenPerson: "a person you may not see"
        }
    }
}
