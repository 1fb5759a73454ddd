import DossierCore
import HTTPTypes

/// The OpenAPI 3.1 document served at `/api/v1/openapi.json`. Every route the server
/// registers is listed here; a test holds the two together.
enum OpenAPIDocument {
    /// The core's routes: method, path (OpenAPI syntax), summary, tag, whether it has a JSON body.
    static let coreRoutes: [(method: String, path: String, summary: String, tag: String, body: String?)] = [
        ("POST", "/api/v1/cases", "Open a case (Idempotency-Key supported)", "cases", "OpenCase"),
        ("GET", "/api/v1/cases", "List the cases you may see, newest first, filtered and paged by cursor", "cases", nil),
        ("GET", "/api/v1/cases/count", "Count the cases you may see that match the list filters", "cases", nil),
        ("GET", "/api/v1/cases/{ref}", "Get a case by id or reference (ETag)", "cases", nil),
        ("GET", "/api/v1/cases/{ref}/timeline", "The case's hash-chained timeline", "cases", nil),
        ("GET", "/api/v1/cases/{ref}/transitions", "Transitions available to you, with why others are blocked", "cases", nil),
        ("POST", "/api/v1/cases/{ref}/transitions/{name}", "Run a transition (If-Match, Idempotency-Key)", "cases", "TransitionInputs"),
        ("POST", "/api/v1/cases/{ref}/notes", "Add a note", "cases", "Note"),
        ("GET", "/api/v1/cases/{ref}/parties", "The case's persons and their roles", "cases", nil),
        ("POST", "/api/v1/cases/{ref}/parties", "Add a person to the case", "cases", "Party"),
        ("GET", "/api/v1/cases/{ref}/members", "Who works the case", "cases", nil),
        ("POST", "/api/v1/cases/{ref}/members", "Add a member", "cases", "Member"),
        ("GET", "/api/v1/cases/{ref}/links", "The case's links", "cases", nil),
        ("POST", "/api/v1/cases/{ref}/links", "Link the case to a case, person or module entry", "cases", "Link"),
        ("GET", "/api/v1/cases/{ref}/timers", "The case's timers", "cases", nil),
        ("POST", "/api/v1/persons", "Record a person (Idempotency-Key supported)", "persons", "Person"),
        ("GET", "/api/v1/persons", "Search persons by any of their names, date of birth and nationality", "persons", nil),
        ("GET", "/api/v1/persons/{id}", "Get a person", "persons", nil),
        ("GET", "/api/v1/persons/{id}/cases", "The cases you may see in which this person appears", "persons", nil),
        ("GET", "/api/v1/deadlines", "Running timers due in the next N days on your cases, soonest first", "deadlines", nil),
        ("GET", "/api/v1/workflows", "Case types and their modules", "workflows", nil),
        ("GET", "/api/v1/workflows/{type}", "A workflow as JSON or Mermaid", "workflows", nil),
        ("GET", "/api/v1/modules", "Registered modules with versions", "workflows", nil),
        ("GET", "/api/v1/users", "List users (admin)", "admin", nil),
        ("POST", "/api/v1/users", "Create a user (admin)", "admin", "User"),
        ("POST", "/api/v1/users/{id}/disable", "Disable a user (admin)", "admin", nil),
        ("POST", "/api/v1/tokens", "Issue a bearer token, shown once (admin)", "admin", "Token"),
        ("DELETE", "/api/v1/tokens/{id}", "Revoke a token (admin)", "admin", nil),
        ("GET", "/api/v1/audit/verify", "Verify every event chain (auditor)", "audit", nil),
        ("GET", "/api/v1/audit/access-log", "The access log, newest first (auditor)", "audit", nil),
        ("GET", "/api/v1/audit/admin-log", "Who created or disabled users and issued or revoked tokens, newest first; verify=true re-walks its chain (auditor)", "audit", nil),
        ("GET", "/api/v1/openapi.json", "This document", "meta", nil),
        ("GET", "/health/live", "The process is up", "meta", nil),
        ("GET", "/health/ready", "The database is reachable and migrations are current", "meta", nil),
        ("GET", "/metrics", "Prometheus metrics", "meta", nil),
    ]

    static let bodySchemas: [String: JSONValue] = [
        "OpenCase": object(required: ["module", "type", "title", "country"], [
            "module": string, "type": string, "title": string, "summary": string,
            "priority": enumeration(Priority.allCases.map(\.rawValue)),
            "classification": enumeration(Classification.allCases.map(\.rawValue)),
            "owning_agency": string, "country": ["type": "string", "pattern": "^[A-Z]{2}$"],
            "attributes": ["type": "object"], "tags": ["type": "array", "items": string],
        ]),
        "TransitionInputs": object(required: [], ["inputs": ["type": "object"]]),
        "Note": object(required: ["text"], ["text": string]),
        "Party": object(required: ["person_id", "role"], [
            "person_id": uuid, "role": enumeration(CaseParty.Role.allCases.map(\.rawValue)), "note": string,
        ]),
        "Member": object(
            required: ["user_id", "role"],
            ["user_id": string, "role": enumeration(CaseMember.Role.allCases.map(\.rawValue)), "reason": string]),
        "Link": object(required: ["kind"], ["kind": string, "case_id": uuid, "person_id": uuid, "module": string, "entry": string]),
        "Person": object(required: ["latin_name"], [
            "latin_name": string, "original_script_name": string, "date_of_birth": string,
            "sex": enumeration(Sex.allCases.map(\.rawValue)), "nationalities": ["type": "array", "items": string],
            "aliases": ["type": "array", "items": object(required: ["name", "source"], [
                "name": string, "source": string, "kind": enumeration(PersonAlias.Kind.allCases.map(\.rawValue)),
            ])],
        ]),
        "User": object(required: ["id", "roles", "agency", "clearance"], [
            "id": string, "display_name": string, "agency": string,
            "roles": ["type": "array", "items": enumeration(Role.allCases.map(\.rawValue))],
            "clearance": enumeration(Classification.allCases.map(\.rawValue)),
        ]),
        "Token": object(
            required: ["user_id"],
            ["user_id": string, "label": string, "expires_at": ["type": "string", "format": "date-time"], "reason": string]),
    ]

    static let string = JSONSchema.string
    static let uuid = JSONSchema.uuid
    static func enumeration(_ values: [String]) -> JSONValue { JSONSchema.enumeration(values) }
    static func object(required: [String], _ properties: [String: JSONValue]) -> JSONValue {
        JSONSchema.object(required: required, properties)
    }

    /// Every documented `METHOD /path`, for the test that compares them with the router.
    static func operations(modules: [MountedModule]) -> [String] {
        coreRoutes.map { "\($0.method) \($0.path)" }
            + modules.flatMap { module in module.routes.map { "\($0.method.rawValue) \(path(of: $0, in: module))" } }
    }

    /// A module route's full path: `/api/v1/<module-id>/<path>`.
    static func path(of route: ModuleRoute, in module: MountedModule) -> String {
        "/api/v1/\(module.id)/\(route.path)"
    }

    static func document(modules: [MountedModule]) -> JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        let problem: JSONValue = ["description": "Problem details (RFC 9457)", "content": ["application/problem+json": ["schema": ["type": "object"]]]]
        func operation(_ method: String, _ path: String, _ summary: String, _ tag: String, _ body: JSONValue?, required: Bool = true) {
            var parameters: [JSONValue] = []
            for segment in path.split(separator: "/") where segment.hasPrefix("{") {
                let name = String(segment.dropFirst().dropLast())
                parameters.append(["name": .string(name), "in": "path", "required": true, "schema": string])
            }
            var entry: [String: JSONValue] = [
                "summary": .string(summary), "tags": [.string(tag)], "parameters": .array(parameters),
                "responses": [
                    "200": ["description": "Success", "content": ["application/json": ["schema": [:]]]],
                    "201": ["description": "Created", "content": ["application/json": ["schema": [:]]]],
                    "204": ["description": "No content"],
                    "400": problem, "401": problem, "403": problem, "404": problem, "409": problem, "412": problem,
                    "413": problem, "422": problem,
                ],
            ]
            if !path.hasPrefix("/health") && path != "/metrics" && path != "/api/v1/openapi.json" {
                entry["security"] = [["bearer": []]]
            }
            if let body {
                entry["requestBody"] = ["required": .bool(required), "content": ["application/json": ["schema": body]]]
            }
            paths[path, default: [:]][method.lowercased()] = .object(entry)
        }
        for route in coreRoutes {
            operation(
                route.method, route.path, route.summary, route.tag, route.body.flatMap { bodySchemas[$0] },
                required: route.body != "TransitionInputs")
        }
        for module in modules {
            for route in module.routes {
                operation(route.method.rawValue, path(of: route, in: module), route.summary, module.id, route.body)
            }
        }
        return [
            "openapi": "3.1.0",
            "info": ["title": "Dossier", "version": .string(DossierCoreInfo.version.description),
                     "description": "Investigation case management: cases, workflows, legal deadlines, tamper-evident timelines."],
            "components": ["securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]]],
            "paths": .object(paths.mapValues { .object($0) }),
        ]
    }
}
