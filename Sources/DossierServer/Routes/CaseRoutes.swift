import DossierCore
import DossierPostgres
import Foundation
import Hummingbird
import HTTPTypes

/// `/api/v1/cases`: open, read, list, and work cases, each behind the access rules.
struct CaseRoutes {
    let services: DossierServices

    struct OpenCaseBody: Decodable {
        var module: String
        var type: String
        var title: String
        var summary: String?
        var priority: Priority?
        var classification: Classification?
        var owningAgency: String?
        var country: String
        var attributes: JSONValue?
        var tags: [String]?
    }

    struct TransitionBody: Decodable { var inputs: [String: JSONValue]? }
    struct NoteBody: Decodable { var text: String }
    struct TagsBody: Decodable { var add: [String]?; var remove: [String]? }
    struct PartyBody: Decodable { var personId: UUID; var role: CaseParty.Role; var note: String? }
    struct MemberBody: Decodable { var userId: String; var role: CaseMember.Role; var reason: String? }
    struct LinkBody: Decodable { var kind: String; var caseId: UUID?; var personId: UUID?; var module: String?; var entry: String? }

    struct NextStep: Encodable { var transition: String; var to: String; var available: Bool; var blockedBecause: String? }
    struct Timeline: Encodable { var events: [TimelineEntry]; var nextAfter: Int64? }
    /// What a transition answers: the case after it and the event it chained.
    struct TransitionView: Encodable { var `case`: Case; var event: TimelineEntry }

    /// Roles that may change cases they can see (analysts and auditors only read).
    static let writers: [Role] = [.investigator, .supervisor, .legal]

    /// The list filters `GET /cases` and `GET /cases/count` read.
    static let listFilters: [QueryParameter] = [
        .init("module", "Only this module's cases"), .init("type", "Only this case type"), .init("state", "Only in this state"),
        .init("priority", "Only this priority", schema: JSONSchema.enumeration(Priority.allCases.map(\.rawValue))),
        .init("member", "Only cases this user works"), .init("country", "Only this country (ISO 3166-1 alpha-2)"),
        .init("tag", "Only cases with this tag"), .init("q", "Words in the title or summary"),
        .init("classification", "Only cases of this classification", schema: JSONSchema.enumeration(Classification.allCases.map(\.rawValue))),
        .init("agency", "Only cases this agency owns"),
        .init(
            "sort", "opened (newest first, the default), updated (most recently changed first) or deadline (soonest next deadline first)",
            schema: JSONSchema.enumeration(CaseSort.allCases.map(\.rawValue))),
        .cursor, .limit(maximum: 500),
    ]

    var routes: [APIRoute] {
        typealias Schemas = CoreSchemas
        return [
            .post("cases", "Open a case (Idempotency-Key supported)", body: Schemas.openCase, response: .created(Schemas.case), use: open),
            .get(
                "cases", "List the cases you may see, newest first (or by sort), filtered and paged by cursor", query: Self.listFilters,
                response: .ok(Schemas.casePage), use: list),
            .get(
                "cases/count", "Count the cases you may see that match the list filters", query: Self.listFilters,
                response: .ok(Schemas.count), use: count),
            .get("cases/{ref}", "Get a case by id or reference (ETag)", response: .ok(Schemas.case).conditional, use: get),
            .get(
                "cases/{ref}/timeline", "The case's hash-chained timeline",
                query: [.limit(maximum: 5000), .init("after", "Events after this sequence number (next_after)", schema: JSONSchema.integer)],
                response: .ok(Schemas.timeline), use: timeline),
            .get(
                "cases/{ref}/transitions", "Transitions available to you, with why others are blocked",
                response: .ok(Schemas.nextSteps), use: transitions),
            .post(
                "cases/{ref}/transitions/{name}", "Run a transition (If-Match, Idempotency-Key)", body: Schemas.transitionInputs,
                bodyRequired: false, response: .ok(Schemas.transitionResult), use: transition),
            .post("cases/{ref}/notes", "Add a note", body: Schemas.note, response: .created(Schemas.sequence), use: note),
            .post(
                "cases/{ref}/tags", "Add and remove tags (If-Match, Idempotency-Key)", body: Schemas.tagChange,
                response: .ok(Schemas.case), use: changeTags),
            .get("cases/{ref}/parties", "The case's persons and their roles", response: .ok(JSONSchema.array(of: Schemas.caseParty)), use: parties),
            .post("cases/{ref}/parties", "Add a person to the case", body: Schemas.party, response: .created(Schemas.caseParty), use: addParty),
            .get("cases/{ref}/members", "Who works the case", response: .ok(JSONSchema.array(of: Schemas.caseMember)), use: members),
            .post("cases/{ref}/members", "Add a member", body: Schemas.member, response: .created(Schemas.caseMember), use: addMember),
            .get("cases/{ref}/links", "The case's links", response: .ok(JSONSchema.array(of: Schemas.caseLink)), use: links),
            .post(
                "cases/{ref}/links", "Link the case to a case, person or module entry", body: Schemas.link,
                response: .created(Schemas.caseLink), use: addLink),
            .get("cases/{ref}/timers", "The case's timers", response: .ok(JSONSchema.array(of: Schemas.timer)), use: timers),
        ]
    }

    /// The case named in the path (id or reference) if the user may see it; 404 otherwise.
    func visibleCase(_ context: AuthenticatedContext) throws -> (String, Actor) {
        (try context.parameters.require("ref"), context.actor)
    }

    func resolve(_ reference: String, for actor: Actor) async throws -> Case {
        try await services.store.visibleCase(named: reference, to: actor)
    }

    /// Resolves the case and records the access; refuses changes by read-only roles.
    func access(_ request: Request, _ context: AuthenticatedContext, action: String, changes: Bool = false) async throws -> (Case, Actor) {
        let (reference, actor) = try visibleCase(context)
        let found = try await resolve(reference, for: actor)
        if changes, actor.roles.isDisjoint(with: Self.writers) {
            throw Problem.forbidden("changing a case needs the role investigator, supervisor or legal")
        }
        try await services.accessLog.record(actor: actor.id, caseID: found.id, action: action, source: context.accessSource)
        return (found, actor)
    }

    static func etag(_ value: Case) -> HTTPFields { [.eTag: "\"\(value.version)\""] }

    @Sendable func open(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let user = try context.require(.investigator, .supervisor, .legal, for: "opening a case")
        let body = try await request.decodeBody(as: OpenCaseBody.self, context: context)
        let classification = body.classification ?? .official
        guard classification <= user.clearance else {
            throw DossierError.invalidInput(
                "classification \(classification.rawValue) is above your clearance (\(user.clearance.rawValue)); you could not see the case")
        }
        // The owning agency decides who supervises and sees a case: a user opens cases for
        // their own agency only, so nobody hands a case to (or hides one from) another agency.
        if let requested = body.owningAgency, requested != user.agency {
            throw DossierError.invalidInput(
                "owning_agency '\(requested.prefix(64))' is not your agency; you may open cases for \(user.agency) only")
        }
        let opened = try await services.store.openCase(
            NewCase(
                module: body.module, type: body.type, title: body.title, summary: body.summary ?? "",
                priority: body.priority ?? .normal, classification: body.classification ?? .official,
                owningAgency: body.owningAgency ?? user.agency, country: body.country, attributes: body.attributes ?? [:],
                tags: body.tags ?? []),
            by: user.actor, idempotencyKey: request.idempotencyKey)
        try await services.accessLog.record(actor: user.id, caseID: opened.id, action: "open", source: context.accessSource)
        var headers = Self.etag(opened)
        headers[.location] = "/api/v1/cases/\(opened.reference)"
        return try context.json(opened, status: .created, headers: headers)
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let actor = context.actor
        let query = try Self.caseQuery(request)
        var page = try await services.store.listCases(query, visibleTo: actor)
        page.cases = try await services.store.redactingHiddenCaseReferences(page.cases, for: actor)
        try await services.accessLog.record(actor: actor.id, caseID: nil, action: "list", detail: "\(page.cases.count) cases", source: context.accessSource)
        return try context.json(page)
    }

    /// How many cases the user may see that match the list's filters.
    @Sendable func count(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let actor = context.actor
        let count = try await services.store.countCases(try Self.caseQuery(request), visibleTo: actor)
        try await services.accessLog.record(actor: actor.id, caseID: nil, action: "count", detail: "\(count) cases", source: context.accessSource)
        return try context.json(["count": count])
    }

    /// The list filters from the query string.
    static func caseQuery(_ request: Request) throws -> CaseQuery {
        CaseQuery(
            module: request.query("module"), type: request.query("type"), state: request.query("state"),
            priority: try request.query("priority", Priority.init(rawValue:), expected: Priority.allowedValuesText),
            member: request.query("member"), country: request.query("country"), tag: request.query("tag"),
            text: request.query("q"),
            classification: try request.query("classification", Classification.init(rawValue:), expected: Classification.allowedValuesText),
            agency: request.query("agency"),
            sort: try request.query("sort", CaseSort.init(rawValue:), expected: CaseSort.allowedValuesText) ?? .opened,
            cursor: try request.query("cursor", { try? CaseCursor(parsing: $0) }, expected: "a cursor from a previous page"),
            limit: try request.query("limit", Int.init, expected: "a whole number from 1 to 500") ?? 50)
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, actor) = try await access(request, context, action: "read")
        if request.headers[.ifNoneMatch] == "\"\(found.version)\"" {
            return Response(status: .notModified, headers: Self.etag(found))
        }
        return try context.json(try await services.store.redactingHiddenCaseReferences(found, for: actor), headers: Self.etag(found))
    }

    @Sendable func timeline(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, actor) = try await access(request, context, action: "read-timeline")
        let limit = try request.query("limit", Int.init, expected: "a whole number from 1 to 5000") ?? 500
        let after = try request.query("after", Int64.init, expected: "an event sequence number") ?? 0
        let events = try await services.store.redactingHiddenCases(
            in: try await services.store.timeline(caseID: found.id, afterSequence: after, limit: limit), of: found, for: actor)
        return try context.json(Timeline(events: events.map(TimelineEntry.init), nextAfter: events.count == limit ? events.last?.sequence : nil))
    }

    @Sendable func transitions(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, actor) = try await access(request, context, action: "read-transitions")
        let available = try await services.store.availableTransitions(caseID: found.id, actor: actor)
        return try context.json(available.map {
            NextStep(transition: $0.transition.name, to: $0.transition.to, available: $0.blockedBy == nil, blockedBecause: $0.blockedBy?.message)
        })
    }

    @Sendable func transition(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, actor) = try await access(request, context, action: "transition", changes: true)
        let name = try context.parameters.require("name")
        let body = try await request.decodeIfPresent(as: TransitionBody.self, context: context)
        let result = try await services.store.runTransition(TransitionRequest(
            caseID: found.id, transition: name, inputs: body?.inputs ?? [:], actor: actor,
            expectedVersion: try request.expectedVersion(), idempotencyKey: request.idempotencyKey))
        let view = TransitionView(
            case: try await services.store.redactingHiddenCaseReferences(result.case, for: actor),
            event: TimelineEntry(try await services.store.redactingHiddenCases(in: [result.event], of: result.case, for: actor)[0]))
        return try context.json(view, headers: Self.etag(result.case))
    }

    @Sendable func note(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, actor) = try await access(request, context, action: "note", changes: true)
        let body = try await request.decodeBody(as: NoteBody.self, context: context)
        let event = try await services.store.addNote(caseID: found.id, text: body.text, by: actor, options: try request.changeOptions())
        return try context.json(["sequence": event.sequence], status: .created)
    }

    @Sendable func changeTags(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, actor) = try await access(request, context, action: "change-tags", changes: true)
        let body = try await request.decodeBody(as: TagsBody.self, context: context)
        let changed = try await services.store.changeTags(
            caseID: found.id, adding: body.add ?? [], removing: body.remove ?? [], by: actor, options: try request.changeOptions())
        return try context.json(try await services.store.redactingHiddenCaseReferences(changed, for: actor), headers: Self.etag(changed))
    }

    @Sendable func parties(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, _) = try await access(request, context, action: "read-parties")
        return try context.json(try await services.store.parties(caseID: found.id))
    }

    @Sendable func addParty(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, actor) = try await access(request, context, action: "add-party", changes: true)
        let body = try await request.decodeBody(as: PartyBody.self, context: context)
        let party = try await services.store.addParty(
            caseID: found.id, personID: body.personId, role: body.role, note: body.note ?? "", by: actor, options: try request.changeOptions())
        return try context.json(party, status: .created)
    }

    @Sendable func members(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, _) = try await access(request, context, action: "read-members")
        return try context.json(try await services.store.members(caseID: found.id))
    }

    @Sendable func addMember(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, actor) = try await access(request, context, action: "add-member", changes: true)
        let body = try await request.decodeBody(as: MemberBody.self, context: context)
        _ = try await services.users.user(id: body.userId)
        let member = try await services.store.addMember(
            caseID: found.id, userID: body.userId, role: body.role, reason: body.reason ?? "", by: actor,
            options: try request.changeOptions())
        return try context.json(member, status: .created)
    }

    @Sendable func links(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, actor) = try await access(request, context, action: "read-links")
        return try context.json(try await services.store.links(caseID: found.id, visibleTo: actor))
    }

    @Sendable func addLink(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, actor) = try await access(request, context, action: "add-link", changes: true)
        let body = try await request.decodeBody(as: LinkBody.self, context: context)
        let target: CaseLink.Target
        switch (body.caseId, body.personId, body.module, body.entry) {
        case (let caseID?, nil, nil, nil):
            target = .case(caseID)   // the store refuses a case the actor may not see, as missing
        case (nil, let personID?, nil, nil):
            target = .person(personID)
        case (nil, nil, let module?, let entry?):
            target = .entry(module: module, id: entry)
        default:
            throw DossierError.invalidInput("give exactly one target: case_id, person_id, or module and entry")
        }
        let link = try await services.store.addLink(caseID: found.id, kind: body.kind, to: target, by: actor, options: try request.changeOptions())
        return try context.json(link, status: .created)
    }

    @Sendable func timers(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, _) = try await access(request, context, action: "read-timers")
        return try context.json(try await services.store.timers(caseID: found.id))
    }
}
