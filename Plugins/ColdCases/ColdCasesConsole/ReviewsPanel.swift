import ColdCases
import DossierConsole
import DossierCore
import DossierPostgres
import DossierServer
import Foundation

/// On a cold case's page: its reviews with their scores broken down by factor; the form
/// that starts one, the reviewer's form that records it, the approval by someone other
/// than the reviewer (the refusal said plainly); its leads, evidence and limitation date.
struct ReviewsPanel {
    let store: ColdCaseStore

    /// Where the panel sits on the case page.
    static let anchor = "#cold-cases-reviews"
    /// Who may start and record a review, and who may approve one (the store and the
    /// module's hook hold the same rules).
    static let reviewers: Set<Role> = [.investigator, .supervisor]
    static let approvers: Set<Role> = [.supervisor]

    func panel(for found: Case, request: ConsoleRequest) async throws -> CasePanel {
        let user = try request.user
        async let reviews = store.reviews(caseID: found.id)
        async let leads = store.leads(caseID: found.id)
        async let evidence = store.evidence(caseID: found.id)
        let attributes = try found.attributes.decode(as: ColdCaseAttributes.self)
        let isReviewer = !user.roles.isDisjoint(with: Self.reviewers)
        let reviewRows = try await reviews.reversed().map { review in
            Self.row(review, found: found, user: user)
        }
        let open = try await reviews.last { $0.status != .approved }
        var data: [String: Any] = [
            "reference": found.reference, "reviews": reviewRows, "hasReviews": !reviewRows.isEmpty,
            "mayStart": isReviewer && found.state == ColdCaseWorkflow.State.cold && open == nil,
            "types": ReviewType.allCases.map { ["value": $0.rawValue, "label": ConsoleFormat.label($0.rawValue)] },
            "limitation": attributes.limitationDate?.description as Any,
            "factors": SolvabilityFactors.Factor.allCases.map { factor in
                ["name": factor.rawValue, "label": Self.label(factor), "points": SolvabilityScoring.weight(of: factor)] as [String: Any]
            },
            "decisions": ReviewDecision.allCases.map { ["value": $0.rawValue, "label": ConsoleFormat.label($0.rawValue)] },
        ]
        let leadRows = try await leads.map { lead in
            [
                "received": ConsoleFormat.date(lead.receivedAt), "source": lead.source, "summary": lead.summary,
                "assigned": lead.assignedTo ?? "—", "outcome": lead.outcome ?? "waiting", "waiting": lead.outcome == nil,
            ] as [String: Any]
        }
        data["leads"] = leadRows
        data["hasLeads"] = !leadRows.isEmpty
        let evidenceRows = try await evidence.map { item in
            [
                "item": item.item, "exhibit": item.exhibitReference, "location": item.storageLocation,
                "condition": ConsoleFormat.label(item.condition.rawValue), "submission": ConsoleFormat.label(item.submissionStatus.rawValue),
                "opportunity": item.forensicOpportunity,
            ] as [String: Any]
        }
        data["evidence"] = evidenceRows
        data["hasEvidence"] = !evidenceRows.isEmpty
        data.merge(LeadsAndEvidenceForms.formData(for: user, on: found)) { $1 }
        return CasePanel(title: "Reviews, leads and evidence", html: request.render("cold-cases/reviews-panel", data))
    }

    static func row(_ review: Review, found: Case, user: User) -> [String: Any] {
        let isReviewer = review.reviewer == user.id
        var row: [String: Any] = [
            "id": review.id.uuidString.lowercased(), "type": ConsoleFormat.label(review.type.rawValue), "reviewer": review.reviewer,
            "started": ConsoleFormat.time(review.startedAt), "status": ConsoleFormat.label(review.status.rawValue),
            // Mustache takes an empty string as present: an empty field is left out.
            "findings": (review.findings.isEmpty ? nil : review.findings) as Any,
            "recommendations": (review.recommendations.isEmpty ? nil : review.recommendations) as Any,
            "decision": review.decision.map { ConsoleFormat.label($0.rawValue) } as Any,
            "approver": review.approver as Any, "approved": review.approvedAt.map(ConsoleFormat.time) as Any,
            "nextDue": review.nextReviewDue.map(ConsoleFormat.date) as Any, "reference": found.reference,
            "mayRecord": review.status != .approved && isReviewer,
            "recorded": review.completedAt.map(ConsoleFormat.time) as Any,
        ]
        if let assessment = review.assessment, let factors = review.factors {
            row["score"] = assessment.score
            row["tier"] = assessment.tier.rawValue
            row["breakdown"] = SolvabilityFactors.Factor.allCases.map { factor in
                ["label": label(factor), "present": factors[factor], "points": assessment.points[factor.rawValue] ?? 0] as [String: Any]
            }
        }
        if review.status == .awaitingApproval {
            if !user.roles.isDisjoint(with: approvers) && !isReviewer {
                row["mayApprove"] = true
            } else if isReviewer {
                row["approvalNote"] = "You recorded this review, so someone else approves it: a supervisor other than you (segregation of duties)."
            } else {
                row["approvalNote"] = "A supervisor other than \(review.reviewer) approves it."
            }
        }
        return row
    }

    static func label(_ factor: SolvabilityFactors.Factor) -> String {
        switch factor {
        case .suspectIdentified: "A suspect is identified"
        case .forensicEvidenceAvailable: "Forensic evidence is available (DNA-suitable or other)"
        case .witnessesAvailable: "Witnesses are available"
        case .victimFamilyContact: "The victim's family can be contacted"
        case .newTechniqueApplicable: "A new technique applies"
        case .limitationOpen: "The limitation period is still open"
        }
    }

    @Sendable func start(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let found = try await request.visibleCase(action: "start-review", module: ColdCases.moduleID)
        let back = "/console/cases/\(found.reference)\(Self.anchor)"
        do {
            guard let text = request.form["type"], let type = ReviewType(rawValue: text) else {
                throw DossierError.invalidInput("choose why the review starts: \(ReviewType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            _ = try await store.startReview(caseID: found.id, type: type, by: try request.user.actor)
            return .redirect(back, flash: "Review started: you are its reviewer. Record the factors, findings and decision below.")
        } catch let error as DossierError where Self.shown.contains(error.code) {
            return .refusal(back, problem: "Not started: \(error.message)")
        }
    }

    @Sendable func record(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let found = try await request.visibleCase(action: "record-review", module: ColdCases.moduleID)
        let back = "/console/cases/\(found.reference)\(Self.anchor)"
        do {
            let review = try await reviewOf(found, request: request)
            guard let findings = request.form["findings"] else { throw DossierError.invalidInput("write the findings") }
            guard let text = request.form["decision"], let decision = ReviewDecision(rawValue: text) else {
                throw DossierError.invalidInput("choose the decision: remain cold or reopen")
            }
            let checked = Set(request.form.all("factor"))
            let factors = SolvabilityFactors(
                suspectIdentified: checked.contains("suspect_identified"), forensicEvidenceAvailable: checked.contains("forensic_evidence"),
                witnessesAvailable: checked.contains("witnesses_available"), victimFamilyContact: checked.contains("family_contact"),
                newTechniqueApplicable: checked.contains("new_technique"), limitationOpen: checked.contains("limitation_open"))
            let recorded = try await store.recordReview(
                review.id, ReviewRecord(factors: factors, findings: findings, recommendations: request.form["recommendations"] ?? "", decision: decision),
                by: try request.user.actor)
            let score = recorded.assessment.map { "score \($0.score), tier \($0.tier.rawValue)" } ?? ""
            return .redirect(back, flash: "Review recorded (\(score)): it now waits for a supervisor other than you to approve it.")
        } catch let error as DossierError where Self.shown.contains(error.code) {
            return .refusal(back, problem: "Not recorded: \(error.message)")
        }
    }

    @Sendable func approve(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let found = try await request.visibleCase(action: "approve-review", module: ColdCases.moduleID)
        let back = "/console/cases/\(found.reference)\(Self.anchor)"
        do {
            let review = try await reviewOf(found, request: request)
            let approved = try await store.approveReview(review.id, by: try request.user.actor)
            let next = approved.nextReviewDue.map { " Next review due \(ConsoleFormat.date($0))." } ?? ""
            return .redirect(back, flash: "Review approved: \(ConsoleFormat.label(approved.decision?.rawValue ?? "")).\(next)")
        } catch let error as DossierError where Self.shown.contains(error.code) {
            return .refusal(back, problem: "Not approved: \(error.message)")
        }
    }

    /// The review in the path, if it is one of this case's.
    func reviewOf(_ found: Case, request: ConsoleRequest) async throws -> Review {
        guard let id = UUID(uuidString: try request.parameter("review")),
              let review = try await store.reviews(caseID: found.id).first(where: { $0.id == id })
        else { throw DossierError.notFound("review of \(found.reference)") }
        return review
    }

    /// Refusals the panel shows on the case page rather than as an error page.
    static let shown: Set<DossierError.Code> = [.invalidInput, .guardRefused, .hookRefused, .wrongState, .roleNotAllowed]
}
