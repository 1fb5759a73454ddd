import DossierCore
import DossierServer
import InvestigatorNetwork

/// The JSON Schemas of the directory API's bodies and answers, for the OpenAPI document.
enum NetworkSchemas {
    static let string = JSONSchema.string
    static let strings = JSONSchema.array(of: JSONSchema.string)
    static let uuid = JSONSchema.uuid
    static let dateTime = JSONSchema.dateTime
    static let country = JSONSchema.country
    static let channel = JSONSchema.object([
        "kind": JSONSchema.enumeration(ChannelKind.allCases.map(\.rawValue)), "address": string,
    ])
    static let specialties = JSONSchema.array(of: JSONSchema.enumeration(Specialty.allCases.map(\.rawValue)))
    static let availability = JSONSchema.enumeration(Availability.allCases.map(\.rawValue))
    static let visibility = JSONSchema.enumeration(Visibility.allCases.map(\.rawValue))
    static let outcome = JSONSchema.enumeration(TargetOutcome.allCases.map(\.rawValue))

    // MARK: Request bodies

    static let newAgency = JSONSchema.object(required: ["code", "name", "country", "kind"], [
        "code": string, "name": string, "country": country,
        "kind": JSONSchema.enumeration(AgencyKind.allCases.map(\.rawValue)), "parent_id": uuid,
    ])

    static let newInvestigator = JSONSchema.object(
        required: ["latin_name", "agency_id", "country", "role", "languages", "specialties", "channels", "time_zone",
                   "verified_by", "verified_at", "verification_expires_at"],
        [
            "original_name": string, "latin_name": string, "agency_id": uuid, "country": country, "role": string,
            "languages": strings, "specialties": specialties, "channels": JSONSchema.array(of: channel), "time_zone": string,
            "availability": availability, "verified_by": string, "verified_at": dateTime, "verification_expires_at": dateTime,
            "visibility": visibility,
        ])

    static let newContact = JSONSchema.object(required: ["investigator_id"], ["investigator_id": uuid])

    static let newOperation = JSONSchema.object(
        required: ["name", "starts_on", "ends_on", "coordinating_agency_id", "countries"],
        [
            "name": string, "starts_on": JSONSchema.date, "ends_on": JSONSchema.date, "coordinating_agency_id": uuid,
            "countries": JSONSchema.array(of: country),
        ])

    static let newTarget = JSONSchema.object(
        required: ["person_id", "country"], ["person_id": uuid, "case_id": uuid, "country": country])

    static let newOutcome = JSONSchema.object(required: ["outcome"], ["outcome": outcome, "note": string])

    // MARK: Responses

    static let agency = JSONSchema.object([
        "id": uuid, "code": string, "name": string, "country": string,
        "kind": JSONSchema.enumeration(AgencyKind.allCases.map(\.rawValue)), "parent_id": uuid,
    ], optional: ["parent_id"])

    static let investigator = JSONSchema.object([
        "id": uuid, "original_name": string, "latin_name": string, "agency": agency, "country": string, "role": string,
        "languages": strings, "languages_raw": strings, "specialties": specialties, "channels": JSONSchema.array(of: channel),
        "time_zone": string, "availability": availability, "verified_by": string, "verified_at": dateTime,
        "verification_expires_at": dateTime, "visibility": visibility,
    ], optional: ["original_name"])

    static let hits = JSONSchema.array(of: JSONSchema.object([
        "investigator": investigator, "stale": JSONSchema.boolean, "score": JSONSchema.number,
    ]))

    static let countryContacts = JSONSchema.array(of: JSONSchema.object([
        "priority": JSONSchema.integer, "investigator": investigator, "stale": JSONSchema.boolean,
    ]))

    static let caseContacts = JSONSchema.array(of: JSONSchema.object([
        "link_id": uuid, "investigator": investigator, "stale": JSONSchema.boolean, "linked_at": dateTime,
        "linked_by": string,
    ]))

    static let importReport = JSONSchema.object([
        "rows": JSONSchema.integer, "valid": JSONSchema.integer, "imported": JSONSchema.integer,
        "agencies_created": JSONSchema.integer, "dry_run": JSONSchema.boolean,
        "rejected": JSONSchema.array(of: JSONSchema.object(["line": JSONSchema.integer, "field": string, "reason": string])),
    ])

    static let operation = JSONSchema.object([
        "id": uuid, "name": string, "starts_on": JSONSchema.date, "ends_on": JSONSchema.date, "coordinating_agency": agency,
        "countries": strings,
    ])

    static let target = JSONSchema.object([
        "id": uuid, "operation_id": uuid, "person_id": uuid, "case_id": uuid, "country": string, "outcome": outcome,
        "outcome_at": dateTime, "note": string,
    ], optional: ["case_id", "outcome_at"])

    static let tallyLine = JSONSchema.object([
        "country": string, "targets": JSONSchema.integer, "arrested": JSONSchema.integer, "located": JSONSchema.integer,
        "still_wanted": JSONSchema.integer,
    ])

    static let tally = JSONSchema.object([
        "operation": string, "by_country": JSONSchema.array(of: tallyLine), "total": tallyLine,
    ])
}
