import DossierCore
import DossierPostgres

/// The JSON Schemas of the core's request and response bodies, as the OpenAPI document
/// states them. ``ResponseCheck`` holds every answer to them in tests.
enum CoreSchemas {
    static let string = JSONSchema.string
    static let uuid = JSONSchema.uuid
    static let dateTime = JSONSchema.dateTime
    static let integer = JSONSchema.integer
    static let strings = JSONSchema.array(of: JSONSchema.string)
    static func enumeration(_ values: [String]) -> JSONValue { JSONSchema.enumeration(values) }
    static func object(_ properties: [String: JSONValue], optional: Set<String> = []) -> JSONValue {
        JSONSchema.object(properties, optional: optional)
    }

    // MARK: Request bodies

    static let openCase = JSONSchema.object(required: ["module", "type", "title", "country"], [
        "module": string, "type": string, "title": string, "summary": string,
        "priority": enumeration(Priority.allCases.map(\.rawValue)),
        "classification": enumeration(Classification.allCases.map(\.rawValue)),
        "owning_agency": string, "country": JSONSchema.country,
        "attributes": JSONSchema.anyObject, "tags": strings,
    ])
    static let transitionInputs = JSONSchema.object(required: [], ["inputs": JSONSchema.anyObject])
    static let note = JSONSchema.object(required: ["text"], ["text": string])
    static let tagChange = JSONSchema.object(required: [], ["add": strings, "remove": strings])
    static let party = JSONSchema.object(required: ["person_id", "role"], [
        "person_id": uuid, "role": enumeration(CaseParty.Role.allCases.map(\.rawValue)), "note": string,
    ])
    static let member = JSONSchema.object(
        required: ["user_id", "role"],
        ["user_id": string, "role": enumeration(CaseMember.Role.allCases.map(\.rawValue)), "reason": string])
    static let link = JSONSchema.object(
        required: ["kind"], ["kind": string, "case_id": uuid, "person_id": uuid, "module": string, "entry": string])
    static let alias = JSONSchema.object(required: ["name", "source"], [
        "name": string, "source": string, "kind": enumeration(PersonAlias.Kind.allCases.map(\.rawValue)),
    ])
    static let identityDocument = JSONSchema.object(
        ["kind": string, "number": string, "issuing_country": JSONSchema.country, "expires_on": string], optional: ["expires_on"])
    static let notice = JSONSchema.object(
        ["kind": enumeration(Notice.Kind.allCases.map(\.rawValue)), "id": string, "issued_by": string], optional: ["issued_by"])
    static let newPerson = JSONSchema.object(required: ["latin_name"], [
        "latin_name": string, "original_script_name": string, "date_of_birth": string,
        "sex": enumeration(Sex.allCases.map(\.rawValue)), "nationalities": strings,
        "aliases": JSONSchema.array(of: alias), "identity_documents": JSONSchema.array(of: identityDocument),
        "notices": JSONSchema.array(of: notice),
    ])
    static let newUser = JSONSchema.object(required: ["id", "roles", "agency", "clearance"], [
        "id": string, "display_name": string, "agency": string,
        "roles": JSONSchema.array(of: enumeration(Role.allCases.map(\.rawValue))),
        "clearance": enumeration(Classification.allCases.map(\.rawValue)),
    ])
    static let userChange = JSONSchema.object(required: [], [
        "display_name": string, "agency": string, "reason": string,
        "roles": JSONSchema.array(of: enumeration(Role.allCases.map(\.rawValue))),
        "clearance": enumeration(Classification.allCases.map(\.rawValue)),
    ])
    static let reason = JSONSchema.object(required: [], ["reason": string])
    static let newToken = JSONSchema.object(
        required: ["user_id"], ["user_id": string, "label": string, "expires_at": dateTime, "reason": string])

    // MARK: Responses

    static let `case` = object([
        "id": uuid, "reference": string, "module": string, "type": string, "title": string, "summary": string,
        "state": string, "priority": enumeration(Priority.allCases.map(\.rawValue)),
        "classification": enumeration(Classification.allCases.map(\.rawValue)), "owning_agency": string,
        "country": string, "opened_at": dateTime, "closed_at": dateTime, "version": integer,
        "attributes": JSONSchema.anyObject, "tags": strings,
    ], optional: ["closed_at"])
    static let casePage = object(["cases": JSONSchema.array(of: `case`), "next_cursor": string], optional: ["next_cursor"])
    static let count = object(["count": integer])
    /// A timeline event, its hashes in hex.
    static let event = object([
        "sequence": integer, "kind": string, "actor": string, "occurred_at": dateTime, "payload": JSONSchema.anyObject,
        "previous_hash": string, "hash": string,
    ])
    static let timeline = object(["events": JSONSchema.array(of: event), "next_after": integer], optional: ["next_after"])
    static let transitionResult = object(["case": `case`, "event": event])
    static let nextSteps = JSONSchema.array(of: object(
        ["transition": string, "to": string, "available": JSONSchema.boolean, "blocked_because": string],
        optional: ["blocked_because"]))
    static let sequence = object(["sequence": integer])
    static let caseParty = object([
        "case_id": uuid, "person_id": uuid, "role": enumeration(CaseParty.Role.allCases.map(\.rawValue)), "note": string,
        "added_at": dateTime, "added_by": string,
    ])
    static let caseMember = object([
        "case_id": uuid, "user_id": string, "role": enumeration(CaseMember.Role.allCases.map(\.rawValue)),
        "added_at": dateTime, "added_by": string,
    ])
    /// A link's target: a case or person (hidden when the reader may not see it) or a module entry.
    static let linkTarget = object(
        ["type": enumeration(["case", "person", "entry"]), "hidden": JSONSchema.boolean, "case_id": uuid, "person_id": uuid,
         "module": string, "entry_id": string],
        optional: ["hidden", "case_id", "person_id", "module", "entry_id"])
    static let caseLink = object([
        "id": uuid, "case_id": uuid, "kind": string, "target": linkTarget, "created_at": dateTime, "created_by": string,
    ])
    static let timer = object([
        "id": uuid, "case_id": uuid, "name": string, "due_at": dateTime, "legal_basis": string,
        "obligation": enumeration(TimerObligation.allCases.map(\.rawValue)), "expiry": JSONSchema.anyObject,
        "started_at": dateTime, "fired_at": dateTime, "cancelled_at": dateTime,
    ], optional: ["fired_at", "cancelled_at"])
    static let person = object([
        "id": uuid, "original_script_name": string, "latin_name": string,
        "aliases": JSONSchema.array(of: object(
            ["name": string, "kind": enumeration(PersonAlias.Kind.allCases.map(\.rawValue)), "source": string])),
        "date_of_birth": ["type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"],
        "sex": enumeration(Sex.allCases.map(\.rawValue)), "nationalities": strings,
        "identity_documents": JSONSchema.array(of: identityDocument), "notices": JSONSchema.array(of: notice),
        "created_at": dateTime,
    ], optional: ["original_script_name", "date_of_birth", "sex"])
    static let personMatches = JSONSchema.array(of: object(["person": person, "matched_name": string, "score": JSONSchema.number]))
    static let personCases = JSONSchema.array(of: object(
        ["case": `case`, "role": enumeration(CaseParty.Role.allCases.map(\.rawValue))]))
    static let deadlines = JSONSchema.array(of: object(
        ["case_id": uuid, "reference": string, "title": string, "timer": timer, "overdue": JSONSchema.boolean]))
    static let workflows = JSONSchema.array(of: object(["module": string, "type": string, "title": string]))
    /// A workflow as ``WorkflowRenderer/json(_:)`` writes it.
    static let workflow = object([
        "initial_state": string,
        "states": JSONSchema.array(of: object(["name": string, "label": string, "terminal": JSONSchema.boolean])),
        "transitions": JSONSchema.array(of: JSONSchema.anyObject),
        "timers": JSONSchema.array(of: JSONSchema.anyObject),
    ])
    static let modules = JSONSchema.array(of: object(["id": string, "name": string, "version": string, "case_types": strings]))
    static let user = object([
        "id": string, "display_name": string, "roles": JSONSchema.array(of: enumeration(Role.allCases.map(\.rawValue))),
        "agency": string, "clearance": enumeration(Classification.allCases.map(\.rawValue)), "created_at": dateTime,
        "disabled_at": dateTime,
    ], optional: ["disabled_at"])
    static let tokenSummary = object(
        ["id": uuid, "user_id": string, "label": string, "created_at": dateTime, "expires_at": dateTime, "revoked_at": dateTime,
         "issued_by": string, "reason": string],
        optional: ["expires_at", "revoked_at", "issued_by", "reason"])
    static let issuedToken = object(
        ["id": uuid, "user_id": string, "token": string, "label": string, "expires_at": dateTime], optional: ["expires_at"])
    static let chainVerification = object([
        "intact": JSONSchema.boolean, "cases_checked": integer, "events_checked": integer, "records_checked": integer,
        "admin_log_entries_checked": integer, "checkpoint_taken_at": dateTime,
        "broken": JSONSchema.array(of: object(
            ["chain": string, "case_id": uuid, "reference": string, "sequence": integer, "problem": string],
            optional: ["case_id"])),
    ], optional: ["admin_log_entries_checked", "checkpoint_taken_at"])
    static let accessLog = JSONSchema.array(of: object([
        "id": integer, "at": dateTime, "actor": string, "case_id": uuid, "action": string, "detail": string, "source": string,
    ], optional: ["case_id"]))
    /// The admin log's entries, or with `verify=true` what re-walking its chain found.
    static let adminLog: JSONValue = ["oneOf": [
        JSONSchema.array(of: object([
            "sequence": integer, "at": dateTime, "actor": string,
            "action": enumeration(AdminLogEntry.Action.allCases.map(\.rawValue)), "subject": string,
            "detail": JSONSchema.anyObject, "previous_hash": string, "hash": string,
        ])),
        object(["entries_checked": integer, "first_break": string], optional: ["first_break"]),
    ]]
    static let status = object(["status": string, "reason": string], optional: ["reason"])
}
