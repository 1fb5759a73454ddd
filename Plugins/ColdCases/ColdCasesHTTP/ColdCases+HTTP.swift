public import ColdCases
import DossierCore
import DossierPostgres
public import DossierServer
import Foundation
import Hummingbird
import HTTPTypes

/// The cold-cases API under `/api/v1/cold-cases/`: work lists, reviews, evidence and
/// leads. Every case-scoped route answers 404 for a case the user may not see, and work
/// lists hold only cases the user may see.
extension ColdCases: HTTPModule {
    public func routes(services: DossierServices) -> [APIRoute] {
        let routes = ColdCaseRoutes(services: services, store: ColdCaseStore(cases: services.store, logger: services.logger))
        typealias Schemas = ColdCaseSchemas
        let page: [QueryParameter] = [.limit(maximum: 500), .cursor]
        return [
            .get(
                "queue", "Cold cases awaiting review: new leads first, then tier, score and overdue days", query: page,
                response: .ok(Schemas.queuePage), use: routes.queue),
            .get("overdue", "Cold cases whose review is overdue", query: page, response: .ok(Schemas.queuePage), use: routes.overdue),
            .get(
                "limitations", "Limitation dates within N days",
                query: [
                    .init("within", "Days ahead, 0 to \(ColdCaseStore.maximumLimitationWindow) (default 365)",
                          schema: JSONSchema.integer(0...ColdCaseStore.maximumLimitationWindow)),
                ] + page,
                response: .ok(Schemas.limitationPage), use: routes.limitations),
            .get("cases/{ref}/reviews", "A case's reviews", response: .ok(JSONSchema.array(of: Schemas.review)), use: routes.reviews),
            .post(
                "cases/{ref}/reviews", "Start a review", body: Schemas.startReview, response: .created(Schemas.review),
                use: routes.startReview),
            .post(
                "reviews/{id}/record", "Record a review's factors, findings and decision", body: Schemas.recordReview,
                response: .ok(Schemas.review), use: routes.recordReview),
            .post(
                "reviews/{id}/approve", "Approve a review (a supervisor other than the reviewer)",
                body: Schemas.approveReview, bodyRequired: false, response: .ok(Schemas.review), use: routes.approveReview),
            .get(
                "cases/{ref}/evidence", "A case's evidence inventory", response: .ok(JSONSchema.array(of: Schemas.evidence)),
                use: routes.evidence),
            .post(
                "cases/{ref}/evidence", "Add an exhibit to the inventory", body: Schemas.newEvidence,
                response: .created(Schemas.evidence), use: routes.addEvidence),
            .get("cases/{ref}/leads", "A case's leads", response: .ok(JSONSchema.array(of: Schemas.lead)), use: routes.leads),
            .post(
                "cases/{ref}/leads", "Record a lead (puts the case at the top of the queue)", body: Schemas.newLead,
                response: .created(Schemas.lead), use: routes.addLead),
        ]
    }
}

/// The handlers behind the cold-cases routes.
struct ColdCaseRoutes: Sendable {
    let services: DossierServices
    let store: ColdCaseStore

    struct StartBody: Decodable { var type: ReviewType }
    struct ApproveBody: Decodable { var approvedAt: Date? }
    struct RecordBody: Decodable {
        var factors: SolvabilityFactors
        var findings: String
        var recommendations: String?
        var decision: ReviewDecision
    }
    struct EvidenceBody: Decodable {
        var item: String
        var exhibitReference: String
        var storageLocation: String
        var condition: EvidenceCondition
        var lastVerifiedOn: CalendarDate?
        var forensicOpportunity: String?
        var submissionStatus: SubmissionStatus?
    }
    struct LeadBody: Decodable { var source: String; var receivedAt: Date?; var summary: String; var assignedTo: String? }

    /// The cold case in the path, if the user may see it (404 otherwise); the access is logged.
    func coldCase(_ request: Request, _ context: AuthenticatedContext, action: String) async throws -> (Case, Actor) {
        try await services.moduleCase(in: context, module: ColdCases.moduleID, action: action)
    }

    /// The review in the path and its case, if the user may see the case.
    func visibleReview(_ context: AuthenticatedContext, action: String) async throws -> (Review, Case, Actor) {
        let actor = context.actor
        let id = try context.parameters.require("id", as: UUID.self)
        let review: Review
        do {
            review = try await store.review(id: id)
        } catch let error as DossierError where error.code == .notFound {
            throw DossierError.notFound("review \(id.uuidString.lowercased()) does not exist")
        }
        let found: Case
        do {
            found = try await services.store.visibleCase(id: review.caseID, to: actor)
        } catch let error as DossierError where error.code == .notFound {
            throw DossierError.notFound("review \(id.uuidString.lowercased()) does not exist")
        }
        try await services.accessLog.record(actor: actor.id, caseID: found.id, action: "cold-cases.\(action)", source: context.accessSource)
        return (review, found, actor)
    }

    func limit(_ request: Request) throws -> Int {
        let text = request.uri.queryParameters["limit"].map(String.init)
        guard let text else { return 50 }
        guard let limit = Int(text), (1...500).contains(limit) else {
            throw DossierError.invalidInput("limit '\(text.prefix(40))' must be a whole number from 1 to 500")
        }
        return limit
    }

    func cursor(_ request: Request) throws -> ListCursor? {
        try request.uri.queryParameters["cursor"].map { text throws(DossierError) in try ListCursor(parsing: String(text)) }
    }

    @Sendable func queue(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let actor = context.actor
        let limit = try limit(request)
        let entries = try await store.reviewQueue(visibleTo: actor, limit: limit, after: try cursor(request)?.queueEntry())
        return try context.json(QueueEntryView.Page(
            entries: entries.map(QueueEntryView.init), nextCursor: Self.nextCursor(entries, limit: limit, ListCursor.init(after:))))
    }

    @Sendable func overdue(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let actor = context.actor
        let limit = try limit(request)
        let entries = try await store.overdueForReview(visibleTo: actor, limit: limit, after: try cursor(request)?.queueEntry())
        return try context.json(QueueEntryView.Page(
            entries: entries.map(QueueEntryView.init), nextCursor: Self.nextCursor(entries, limit: limit, ListCursor.init(after:))))
    }

    @Sendable func limitations(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let actor = context.actor
        let withinText = request.uri.queryParameters["within"].map(String.init) ?? "365"
        let maximum = ColdCaseStore.maximumLimitationWindow
        guard let within = Int(withinText), (0...maximum).contains(within) else {
            throw DossierError.invalidInput("within '\(withinText.prefix(40))' must be a whole number of days from 0 to \(maximum)")
        }
        let limit = try limit(request)
        let warnings = try await store.limitationWarnings(
            within: within, visibleTo: actor, limit: limit, after: try cursor(request)?.limitationWarning())
        return try context.json(LimitationView.Page(
            cases: warnings.map(LimitationView.init), nextCursor: Self.nextCursor(warnings, limit: limit, ListCursor.init(after:))))
    }

    /// The cursor after a full page's last entry (a row the user may see); nil on the last page.
    static func nextCursor<Entry>(_ entries: [Entry], limit: Int, _ cursor: (Entry) -> ListCursor) -> String? {
        guard entries.count == limit, let last = entries.last else { return nil }
        return cursor(last).description
    }

    @Sendable func reviews(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, _) = try await coldCase(request, context, action: "read-reviews")
        return try context.json(try await store.reviews(caseID: found.id).map { ReviewView($0, of: found) })
    }

    @Sendable func startReview(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, actor) = try await coldCase(request, context, action: "start-review")
        let body = try await request.decodeBody(as: StartBody.self, context: context)
        let review = try await store.startReview(caseID: found.id, type: body.type, by: actor)
        return try context.json(ReviewView(review, of: try await services.store.getCase(id: found.id)), status: .created)
    }

    @Sendable func recordReview(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (review, found, actor) = try await visibleReview(context, action: "record-review")
        let body = try await request.decodeBody(as: RecordBody.self, context: context)
        let recorded = try await store.recordReview(
            review.id, ReviewRecord(factors: body.factors, findings: body.findings, recommendations: body.recommendations ?? "", decision: body.decision),
            by: actor)
        return try context.json(ReviewView(recorded, of: found))
    }

    @Sendable func approveReview(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (review, _, actor) = try await visibleReview(context, action: "approve-review")
        let body = try await request.decodeIfPresent(as: ApproveBody.self, context: context)
        let approved = try await store.approveReview(review.id, approvedAt: body?.approvedAt, by: actor)
        return try context.json(ReviewView(approved, of: try await services.store.getCase(id: review.caseID)))
    }

    @Sendable func evidence(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, _) = try await coldCase(request, context, action: "read-evidence")
        return try context.json(try await store.evidence(caseID: found.id).map { EvidenceView($0, caseReference: found.reference) })
    }

    @Sendable func addEvidence(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, actor) = try await coldCase(request, context, action: "add-evidence")
        let body = try await request.decodeBody(as: EvidenceBody.self, context: context)
        let item = try await store.addEvidence(
            caseID: found.id,
            NewEvidenceItem(
                item: body.item, exhibitReference: body.exhibitReference, storageLocation: body.storageLocation,
                condition: body.condition, lastVerifiedOn: body.lastVerifiedOn, forensicOpportunity: body.forensicOpportunity ?? "",
                submissionStatus: body.submissionStatus ?? .notSubmitted),
            by: actor, options: try request.changeOptions())
        return try context.json(EvidenceView(item, caseReference: found.reference), status: .created)
    }

    @Sendable func leads(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, _) = try await coldCase(request, context, action: "read-leads")
        // A lead on a cold case puts it at the top of the queue (as POST reports it).
        let boosted = found.state == ColdCaseWorkflow.State.cold
        return try context.json(try await store.leads(caseID: found.id).map { LeadView($0, caseReference: found.reference, queueBoost: boosted) })
    }

    @Sendable func addLead(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let (found, actor) = try await coldCase(request, context, action: "add-lead")
        let body = try await request.decodeBody(as: LeadBody.self, context: context)
        let lead = try await store.addLead(
            caseID: found.id, NewLead(source: body.source, receivedAt: body.receivedAt ?? store.cases.clock.now(), summary: body.summary, assignedTo: body.assignedTo),
            by: actor, options: try request.changeOptions())
        let current = try await services.store.getCase(id: found.id)
        return try context.json(LeadView(lead, caseReference: found.reference, queueBoost: current.state == ColdCaseWorkflow.State.cold), status: .created)
    }
}
