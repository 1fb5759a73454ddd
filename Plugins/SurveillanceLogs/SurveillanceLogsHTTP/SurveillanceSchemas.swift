import DossierCore
import DossierServer
import SurveillanceLogs

/// The JSON Schemas of the surveillance API's bodies and answers, for the OpenAPI document.
enum SurveillanceSchemas {
    static let string = JSONSchema.string
    static let strings = JSONSchema.array(of: JSONSchema.string)
    static let uuid = JSONSchema.uuid
    static let dateTime = JSONSchema.dateTime
    static let boolean = JSONSchema.boolean
    static let method = JSONSchema.enumeration(SurveillanceMethod.allCases.map(\.rawValue))
    static let duration = JSONSchema.object([
        "value": JSONSchema.integer, "unit": JSONSchema.enumeration(DeadlineDuration.Unit.allCases.map(\.rawValue)),
    ])

    // MARK: Request bodies

    static let newAuthorisation = JSONSchema.object(
        required: ["reference", "legal_basis", "issuing_authority", "applicant", "approver", "subjects", "methods",
                   "valid_from", "valid_to"],
        [
            "reference": string, "legal_basis": string, "issuing_authority": string, "applicant": string, "approver": string,
            "subjects": strings, "facilities": strings, "methods": JSONSchema.array(of: method), "urgent": boolean,
            "time_zone": string, "valid_from": dateTime, "valid_to": dateTime,
        ])

    static let renewal = JSONSchema.object(
        required: ["valid_to", "approver"],
        ["valid_to": dateTime, "granted_at": dateTime, "approver": string, "note": string])

    static let cancellation = JSONSchema.object(required: ["reason"], ["reason": string])

    static let newEntry = JSONSchema.object(
        required: ["authorisation_id", "started_at", "location", "subject", "method", "text"],
        [
            "authorisation_id": uuid, "started_at": dateTime, "ended_at": dateTime, "time_zone": string, "location": string,
            "subject": string, "method": method, "device": string, "observers": strings, "text": string, "exhibits": strings,
            "collateral_intrusion": boolean, "privileged_material": boolean, "minimisation": string,
        ])

    static let correction = JSONSchema.object(required: ["reason", "entry"], ["reason": string, "entry": newEntry])

    // MARK: Responses

    static let counting = JSONSchema.enumeration(CountingRule.allCases.map(\.rawValue))

    static let legalBasis = JSONSchema.object([
        "id": string, "name": string, "citation": string, "maximum": duration, "counting": counting,
        "counting_text": string, "urgent_maximum": duration, "urgent_counting": counting, "urgent_counting_text": string,
        "review_interval": duration, "methods": JSONSchema.array(of: method), "time_zone": string, "calendar": string,
        "renewal_window": duration, "renewal_window_text": string,
    ], optional: ["urgent_maximum", "review_interval", "calendar", "renewal_window"])

    static let authorisation = JSONSchema.object([
        "id": uuid, "case_id": uuid, "reference": string, "legal_basis": string, "issuing_authority": string,
        "applicant": string, "approver": string, "subjects": strings, "facilities": strings,
        "methods": JSONSchema.array(of: method), "urgent": boolean, "time_zone": string, "valid_from": dateTime,
        "original_valid_to": dateTime,
        "valid_to": dateTime, "cancelled_at": dateTime, "cancelled_by": string, "cancellation_reason": string,
        "recorded_at": dateTime, "recorded_by": string,
        "renewals": JSONSchema.array(of: JSONSchema.object([
            "granted_at": dateTime, "renewed_at": dateTime, "recorded_after_expiry": boolean, "renewed_by": string,
            "approver": string, "previous_valid_to": dateTime, "new_valid_to": dateTime, "note": string,
        ])),
    ], optional: ["cancelled_at", "cancelled_by", "cancellation_reason"])

    static let entry = JSONSchema.object([
        "id": uuid, "case_id": uuid, "sequence": JSONSchema.integer, "authorisation_id": uuid, "started_at": dateTime,
        "ended_at": dateTime, "time_zone": string, "location": string, "subject": string, "method": method,
        "device": string, "observers": strings, "text": string, "exhibits": strings, "collateral_intrusion": boolean,
        "privileged_material": boolean, "minimisation": string, "author": string, "recorded_at": dateTime,
        "corrects_entry_id": uuid, "correction_reason": string, "previous_hash": string, "hash": string,
    ], optional: ["corrects_entry_id", "correction_reason"])

    static let export = JSONSchema.object([
        "manifest": JSONSchema.object([
            "format": string, "operation": string, "case_id": uuid, "exported_at": dateTime, "exported_by": string,
            "authorisations": JSONSchema.integer, "entries": JSONSchema.integer, "first_sequence": JSONSchema.integer,
            "last_sequence": JSONSchema.integer, "chain_head": string, "public_key": string, "signature": string,
        ], optional: ["first_sequence", "last_sequence", "public_key", "signature"]),
        "lines": strings,
    ])
}
