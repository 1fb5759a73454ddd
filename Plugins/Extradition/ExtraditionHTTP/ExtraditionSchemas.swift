import DossierCore
import DossierServer
import Extradition

/// The JSON Schemas of the extradition API's bodies and answers, for the OpenAPI document.
enum ExtraditionSchemas {
    static let string = JSONSchema.string
    static let uuid = JSONSchema.uuid
    static let dateTime = JSONSchema.dateTime
    static let timer = JSONSchema.enumeration(ExtraditionTimer.allCases.map(\.rawValue))
    static let obligation = JSONSchema.enumeration(TimerObligation.allCases.map(\.rawValue))
    static let counting = JSONSchema.enumeration(CountingRule.allCases.map(\.rawValue))
    static let unit = JSONSchema.enumeration(DeadlineDuration.Unit.allCases.map(\.rawValue))
    static let documentKind = JSONSchema.enumeration(DocumentKind.allCases.map(\.rawValue))
    /// An ISO 639 code in small letters, or empty when not said.
    static let languageCode: JSONValue = ["type": "string", "pattern": "^([a-z]{2,3})?$"]
    static let custody = JSONSchema.enumeration(CustodyStatus.allCases.map(\.rawValue))

    // MARK: Request bodies

    static let newDocument = JSONSchema.object(required: ["kind", "title", "sha256"], [
        "kind": documentKind, "title": string, "file_name": string, "sha256": JSONSchema.sha256,
        "language": languageCode, "received_on": JSONSchema.date,
    ])

    /// Flat, as ``InstrumentTimer`` reads and writes it: `{"timer": "request", "value": 18, "unit": "calendar_days", ...}`.
    static let instrumentTimer = JSONSchema.object(required: ["timer", "value", "unit", "legal_basis", "obligation"], [
        "timer": timer, "value": JSONSchema.integer(1...3650), "unit": unit, "counting": counting, "legal_basis": string,
        "obligation": obligation, "started_by": JSONSchema.array(of: string),
        "runs_from": JSONSchema.enumeration(InstrumentTimer.RunsFrom.allCases.map(\.rawValue)),
    ])

    static let instrumentExtension = JSONSchema.object(required: ["timer", "value", "unit", "legal_basis"], [
        "timer": timer, "value": JSONSchema.integer(1...3650), "unit": unit, "legal_basis": string,
    ])

    static let territoryPeriod = JSONSchema.object(required: ["timer", "requesting_state", "value", "unit", "legal_basis"], [
        "timer": timer, "requesting_state": JSONSchema.string, "value": JSONSchema.integer(1...3650), "unit": unit,
        "legal_basis": string,
    ])

    static let documentRequirement = JSONSchema.object(["transition": string, "kind": documentKind])

    static let newInstrument = JSONSchema.object(required: ["id", "name", "citation", "has_executive_stage", "timers"], [
        "id": string, "name": string, "parties": string, "citation": string, "has_executive_stage": JSONSchema.boolean,
        "has_appeal": JSONSchema.boolean, "timers": JSONSchema.array(of: instrumentTimer),
        "extensions": JSONSchema.array(of: instrumentExtension), "territory_periods": JSONSchema.array(of: territoryPeriod),
        "document_requirements": JSONSchema.array(of: documentRequirement),
    ])

    static let stepCorrection = JSONSchema.object(required: ["occurred_at", "reason"], [
        "occurred_at": dateTime, "zone": string, "reason": string,
    ])

    static let rulesApplied = JSONSchema.object(required: ["reason"], ["reason": string])

    static let instrumentCorrection = JSONSchema.object(required: ["instrument", "reason"], [
        "instrument": string, "reason": string,
    ])

    static let newExtension = JSONSchema.object(required: ["timer", "reason"], [
        "timer": timer, "granted_at": dateTime, "reason": string,
    ])

    static let firstAppearance = JSONSchema.object(required: [], ["appeared_at": dateTime])
    static let lawfulDetention = JSONSchema.object(required: ["note"], ["note": string])
    static let setCustody = JSONSchema.object(required: ["custody", "note"], ["custody": custody, "note": string])

    // MARK: Responses

    static let instrument = JSONSchema.object([
        "id": string, "name": string, "parties": string, "citation": string, "has_executive_stage": JSONSchema.boolean,
        "has_appeal": JSONSchema.boolean, "timers": JSONSchema.array(of: instrumentTimer),
        "extensions": JSONSchema.array(of: instrumentExtension), "territory_periods": JSONSchema.array(of: territoryPeriod),
        "document_requirements": JSONSchema.array(of: documentRequirement), "updated_at": dateTime, "updated_by": string,
    ], optional: ["updated_at", "updated_by"])

    static let board = JSONSchema.object([
        "generated_at": dateTime, "overdue": JSONSchema.integer,
        "entries": JSONSchema.array(of: JSONSchema.object([
            "case_id": uuid, "reference": string, "title": string, "state": string, "requesting_state": string,
            "requested_state": string, "custody": custody, "timer": timer, "due_at": dateTime, "last_day": JSONSchema.date,
            "time_zone": string, "due_local": string, "requesting_time_zone": string, "due_in_requesting_state": string,
            "days_left": JSONSchema.integer, "overdue": JSONSchema.boolean, "obligation": obligation, "legal_basis": string,
            "release_task_open": JSONSchema.boolean,
        ], optional: ["last_day"])),
    ])

    static let deadline = JSONSchema.object([
        "id": uuid, "case_id": uuid, "timer": timer, "instrument": string,
        "duration": JSONSchema.object(["value": JSONSchema.integer, "unit": unit]), "counting": counting,
        "legal_basis": string, "obligation": obligation, "calendar": string, "country": string, "time_zone": string,
        "started_by": string, "runs_from": dateTime, "last_day": JSONSchema.date, "due_at": dateTime,
        "status": JSONSchema.enumeration(LegalDeadline.Status.allCases.map(\.rawValue)), "ended_at": dateTime,
        "ended_by": string, "reason": string, "extensions": JSONSchema.integer, "met_late_by_days": JSONSchema.integer,
        "extended_by": JSONSchema.integer, "step_id": uuid,
    ], optional: ["last_day", "ended_at", "ended_by", "met_late_by_days", "step_id"])

    static let releaseTask = JSONSchema.object([
        "id": uuid, "case_id": uuid, "deadline_id": uuid, "legal_basis": string, "opened_at": dateTime,
        "resolved_at": dateTime, "resolved_by": string,
        "resolution": JSONSchema.enumeration(ReleaseResolution.allCases.map(\.rawValue)), "note": string,
    ], optional: ["resolved_at", "resolved_by", "resolution"])

    static let caseDeadlines = JSONSchema.object([
        "reference": string, "state": string, "deadlines": JSONSchema.array(of: deadline),
        "release_tasks": JSONSchema.array(of: releaseTask),
    ])

    static let step = JSONSchema.object([
        "id": uuid, "transition": string, "from_state": string, "to_state": string, "occurred_at": dateTime,
        "time_zone": string, "recorded_at": dateTime,
        "corrections": JSONSchema.array(of: JSONSchema.object([
            "old_occurred_at": dateTime, "new_occurred_at": dateTime, "old_time_zone": string, "new_time_zone": string,
            "reason": string, "corrected_at": dateTime, "corrected_by": string,
        ])),
        "actor": string, "note": string,
    ])

    static let document = JSONSchema.object(required: [
        "id", "case_id", "kind", "title", "file_name", "sha256", "language", "registered_at", "registered_by",
    ], [
        "id": uuid, "case_id": uuid, "kind": documentKind, "title": string, "file_name": string, "sha256": JSONSchema.sha256,
        "language": languageCode, "received_on": JSONSchema.date, "registered_at": dateTime, "registered_by": string,
    ])
}
