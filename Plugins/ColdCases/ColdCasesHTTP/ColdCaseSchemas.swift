import ColdCases
import DossierCore
import DossierServer

/// The JSON Schemas of the cold-cases API's bodies and answers, for the OpenAPI document.
enum ColdCaseSchemas {
    static let string = JSONSchema.string
    static let uuid = JSONSchema.uuid
    static let dateTime = JSONSchema.dateTime

    // MARK: Request bodies

    static let startReview = JSONSchema.object(
        required: ["type"], ["type": JSONSchema.enumeration(ReviewType.allCases.map(\.rawValue))])

    static let approveReview = JSONSchema.object(required: [], ["approved_at": JSONSchema.dateTime])

    static let recordReview = JSONSchema.object(required: ["factors", "findings", "decision"], [
        "factors": JSONSchema.anyObject, "findings": string, "recommendations": string,
        "decision": JSONSchema.enumeration(ReviewDecision.allCases.map(\.rawValue)),
    ])

    static let newEvidence = JSONSchema.object(required: ["item", "exhibit_reference", "storage_location", "condition"], [
        "item": string, "exhibit_reference": string, "storage_location": string,
        "condition": JSONSchema.enumeration(EvidenceCondition.allCases.map(\.rawValue)),
        "last_verified_on": JSONSchema.date, "forensic_opportunity": string,
        "submission_status": JSONSchema.enumeration(SubmissionStatus.allCases.map(\.rawValue)),
    ])

    static let newLead = JSONSchema.object(required: ["source", "summary"], [
        "source": string, "received_at": dateTime, "summary": string, "assigned_to": string,
    ])

    // MARK: Responses

    /// A page of the review queue or the overdue list.
    static let queuePage = JSONSchema.object([
        "entries": JSONSchema.array(of: JSONSchema.object([
            "case_id": uuid, "reference": string, "title": string, "agency": string, "tier": JSONSchema.integer(1...3),
            "score": JSONSchema.integer, "boosted": JSONSchema.boolean, "boosted_at": dateTime, "review_due_at": dateTime,
            "overdue_days": JSONSchema.integer, "limitation_date": JSONSchema.date,
        ], optional: ["boosted_at", "review_due_at", "limitation_date"])),
        "next_cursor": string,
    ], optional: ["next_cursor"])

    static let limitationPage = JSONSchema.object([
        "cases": JSONSchema.array(of: JSONSchema.object([
            "case_id": uuid, "reference": string, "title": string, "state": string, "limitation_date": JSONSchema.date,
            "days_remaining": JSONSchema.integer,
        ])),
        "next_cursor": string,
    ], optional: ["next_cursor"])

    static let review = JSONSchema.object([
        "id": uuid, "case_id": uuid, "case_reference": string, "case_state": string,
        "type": JSONSchema.enumeration(ReviewType.allCases.map(\.rawValue)), "status": string, "reviewer": string,
        "started_at": dateTime, "completed_at": dateTime,
        "factors": ["type": "object", "additionalProperties": JSONSchema.boolean], "score": JSONSchema.integer,
        "tier": JSONSchema.integer(1...3), "points": ["type": "object", "additionalProperties": JSONSchema.integer],
        "findings": string, "recommendations": string,
        "decision": JSONSchema.enumeration(ReviewDecision.allCases.map(\.rawValue)), "approver": string,
        "approved_at": dateTime, "next_review_due": dateTime,
    ], optional: ["completed_at", "factors", "score", "tier", "points", "decision", "approver", "approved_at", "next_review_due"])

    static let evidence = JSONSchema.object([
        "id": uuid, "case_id": uuid, "case_reference": string, "item": string, "exhibit_reference": string,
        "storage_location": string, "condition": JSONSchema.enumeration(EvidenceCondition.allCases.map(\.rawValue)),
        "last_verified_on": JSONSchema.date, "forensic_opportunity": string,
        "submission_status": JSONSchema.enumeration(SubmissionStatus.allCases.map(\.rawValue)), "added_at": dateTime,
        "added_by": string,
    ], optional: ["last_verified_on"])

    static let lead = JSONSchema.object([
        "id": uuid, "case_id": uuid, "case_reference": string, "source": string, "received_at": dateTime, "summary": string,
        "assigned_to": string, "recorded_at": dateTime, "recorded_by": string, "queue_boost": JSONSchema.boolean,
    ], optional: ["assigned_to"])
}
