import ColdCases
import DossierConsole
import DossierCore
import DossierPostgres
import Foundation

/// The forms under a cold case's leads and evidence: record a lead (which moves a cold
/// case up the review queue) and add an exhibit to the inventory.
struct LeadsAndEvidenceForms {
    let store: ColdCaseStore

    /// Who may record a lead and who may add an exhibit (the store holds the same rules).
    static let leadTakers: Set<Role> = [.investigator, .supervisor, .analyst]
    static let evidenceKeepers: Set<Role> = [.investigator, .supervisor]

    /// What the panel's two forms need: whether the user may use each (on an open case),
    /// and the choices.
    static func formData(for user: User, on found: Case) -> [String: Any] {
        [
            "mayAddLead": found.closedAt == nil && !user.roles.isDisjoint(with: leadTakers),
            "mayAddEvidence": found.closedAt == nil && !user.roles.isDisjoint(with: evidenceKeepers),
            "conditions": EvidenceCondition.allCases.map { ["value": $0.rawValue, "label": ConsoleFormat.label($0.rawValue)] },
            "submissions": SubmissionStatus.allCases.map { ["value": $0.rawValue, "label": ConsoleFormat.label($0.rawValue)] },
        ]
    }

    static func back(_ found: Case) -> String { "/console/cases/\(found.reference)\(ReviewsPanel.anchor)" }

    static let refusals: [DossierError.Code] = [.invalidInput, .alreadyExists, .roleNotAllowed, .hookRefused, .wrongState]

    /// Records the posted lead (received now unless a UTC time is given), then back to the
    /// panel with what was recorded or why nothing was.
    @Sendable func addLead(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let found = try await request.visibleCase(action: "cold-cases.add-lead", module: ColdCases.moduleID)
        let form = request.form
        do {
            let receivedAt = try form["received_at"].map { try LocalDateTime.instant($0, in: .gmt, field: "when it was received (UTC)") }
                ?? store.cases.clock.now()
            let lead = try await store.addLead(
                caseID: found.id,
                NewLead(source: form["source"] ?? "", receivedAt: receivedAt, summary: form["summary"] ?? "", assignedTo: form["assigned_to"]),
                by: try request.user.actor)
            return .redirect(Self.back(found), flash: "Lead from \(lead.source) recorded.")
        } catch let error as DossierError where Self.refusals.contains(error.code) {
            return .refusal(Self.back(found), problem: "Lead not recorded: \(error.message)")
        }
    }

    /// Adds the posted exhibit to the inventory, then back to the panel.
    @Sendable func addEvidence(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let found = try await request.visibleCase(action: "cold-cases.add-evidence", module: ColdCases.moduleID)
        let form = request.form
        do {
            guard let conditionText = form["condition"], let condition = EvidenceCondition(rawValue: conditionText) else {
                throw DossierError.invalidInput("choose the exhibit's condition: \(EvidenceCondition.allowedValuesText)")
            }
            let submission = try form["submission_status"].map { text in
                guard let status = SubmissionStatus(rawValue: text) else {
                    throw DossierError.invalidInput("submission '\(text)' is not one of \(SubmissionStatus.allowedValuesText)")
                }
                return status
            } ?? .notSubmitted
            let verifiedOn: CalendarDate? = try form["last_verified_on"].map { text in
                do { return try CalendarDate(parsing: text) } catch {
                    throw DossierError.invalidInput("last verified on '\(text)' is not a date (YYYY-MM-DD)")
                }
            }
            let item = try await store.addEvidence(
                caseID: found.id,
                NewEvidenceItem(
                    item: form["item"] ?? "", exhibitReference: form["exhibit_reference"] ?? "",
                    storageLocation: form["storage_location"] ?? "", condition: condition, lastVerifiedOn: verifiedOn,
                    forensicOpportunity: form["forensic_opportunity"] ?? "", submissionStatus: submission),
                by: try request.user.actor)
            return .redirect(Self.back(found), flash: "Exhibit \(item.exhibitReference) added: \(item.item).")
        } catch let error as DossierError where Self.refusals.contains(error.code) {
            return .refusal(Self.back(found), problem: "Exhibit not added: \(error.message)")
        }
    }
}
