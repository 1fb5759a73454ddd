public import ColdCases
public import DossierConsole
public import DossierCore
public import DossierServer
import Foundation

/// The cold-case module's console pages: the review queue, and on each cold case its
/// reviews (start, record the solvability factors, approve), leads, evidence and
/// limitation date.
extension ColdCases: ConsoleModule {
    public var consoleTemplates: [String: String] { Self.templates(in: EmbeddedConsoleFiles.files) }

    public var consoleNavigation: [ConsoleNavigationEntry] {
        [ConsoleNavigationEntry(title: "Review queue", path: "cold-cases/queue", roles: ReviewQueuePage.navigationRoles)]
    }

    public func consoleRoutes(services: DossierServices) -> [ConsoleRoute] {
        let store = ColdCaseStore(cases: services.store, logger: services.logger)
        let queue = ReviewQueuePage(store: store)
        let reviews = ReviewsPanel(store: store)
        let records = LeadsAndEvidenceForms(store: store)
        return [
            .get("queue", "The review queue: cold cases in the order to review them", access: .signedIn, queue.show),
            .post("cases/{ref}/reviews", "Start a review of a cold case", access: .roles(ReviewsPanel.reviewers), reviews.start),
            .post(
                "cases/{ref}/reviews/{review}/record", "Record a review's solvability factors, findings and decision",
                access: .roles(ReviewsPanel.reviewers), reviews.record),
            .post(
                "cases/{ref}/reviews/{review}/approve", "Approve a recorded review (someone other than its reviewer)",
                access: .roles(ReviewsPanel.approvers), reviews.approve),
            .post(
                "cases/{ref}/leads", "Record a lead (a cold case moves up the review queue)",
                access: .roles(LeadsAndEvidenceForms.leadTakers), records.addLead),
            .post(
                "cases/{ref}/evidence", "Add an exhibit to the evidence inventory",
                access: .roles(LeadsAndEvidenceForms.evidenceKeepers), records.addEvidence),
        ]
    }

    public func casePanels(for case: Case, request: ConsoleRequest) async throws -> [CasePanel] {
        guard `case`.module == id else { return [] }
        return [try await ReviewsPanel(store: ColdCaseStore(cases: request.services.store, logger: request.services.logger))
            .panel(for: `case`, request: request)]
    }

    /// A review is started, and approved, from the reviews panel: it names the review the
    /// steps' `review_id` input asks for.
    public var panelTransitions: [String: String] {
        [
            ColdCaseWorkflow.TransitionName.startReview: ReviewsPanel.anchor,
            ColdCaseWorkflow.TransitionName.completeReview: ReviewsPanel.anchor,
            ColdCaseWorkflow.TransitionName.reopen: ReviewsPanel.anchor,
        ]
    }
}
