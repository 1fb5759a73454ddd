import DossierCore
import HTTPTypes

/// The OpenAPI 3.1 document served at `/api/v1/openapi.json`, made from the same route
/// tables the router mounts, so every route is listed with its parameters, body and
/// response. A test compares the two.
enum OpenAPIDocument {
    /// The routes outside `/api/v1`'s authentication, which need no sign-in.
    static let publicRoutes: [(method: String, path: String, summary: String, response: RouteResponse)] = [
        ("GET", "/api/v1/openapi.json", "This document", .ok(JSONSchema.anyObject)),
        ("GET", "/health/live", "The process is up", .ok(CoreSchemas.status)),
        ("GET", "/health/ready", "The database is reachable and migrations are current",
         .ok(CoreSchemas.status).also(.serviceUnavailable, CoreSchemas.status)),
        ("GET", "/metrics", "Prometheus metrics (text format 0.0.4)", RouteResponse(status: .ok, schema: nil).or("text/plain")),
    ]

    /// Every documented `METHOD /path`, for the test that compares them with the router.
    static func operations(tables: [RouteTable]) -> [String] {
        publicRoutes.map { "\($0.method) \($0.path)" }
            + tables.flatMap { table in table.routes.map { "\($0.method.rawValue) \(table.documentedPath(of: $0))" } }
    }

    static func document(tables: [RouteTable]) -> JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        for route in publicRoutes {
            paths[route.path, default: [:]][route.method.lowercased()] = operation(
                summary: route.summary, tag: "meta", path: route.path, query: [], body: nil, bodyType: "", bodyRequired: false,
                response: route.response, signedIn: false)
        }
        for table in tables {
            for route in table.routes {
                let path = table.documentedPath(of: route)
                paths[path, default: [:]][route.method.rawValue.lowercased()] = operation(
                    summary: route.summary, tag: table.tag, path: path, query: route.query, body: route.body,
                    bodyType: route.bodyContentType, bodyRequired: route.bodyRequired, response: route.response, signedIn: true)
            }
        }
        return [
            "openapi": "3.1.0",
            "info": ["title": "Dossier", "version": .string(DossierCoreInfo.version.description),
                     "description": "Investigation case management: cases, workflows, legal deadlines, tamper-evident timelines."],
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
                "schemas": ["Problem": problemSchema],
            ],
            "paths": .object(paths.mapValues { .object($0) }),
        ]
    }

    /// RFC 9457 problem details as ``ProblemMiddleware`` writes them.
    static let problemSchema = JSONSchema.object(
        ["type": JSONSchema.string, "title": JSONSchema.string, "status": JSONSchema.integer, "detail": JSONSchema.string,
         "instance": JSONSchema.string, "code": JSONSchema.string],
        optional: ["instance"])

    static func operation(
        summary: String, tag: String, path: String, query: [QueryParameter], body: JSONValue?, bodyType: String, bodyRequired: Bool,
        response: RouteResponse, signedIn: Bool
    ) -> JSONValue {
        var parameters: [JSONValue] = path.split(separator: "/").filter { $0.hasPrefix("{") }.map { segment in
            ["name": .string(String(segment.dropFirst().dropLast())), "in": "path", "required": true, "schema": JSONSchema.string]
        }
        parameters += query.map { parameter in
            ["name": .string(parameter.name), "in": "query", "required": .bool(parameter.required),
             "description": .string(parameter.description), "schema": parameter.schema]
        }
        var content: [String: JSONValue] = [:]
        if let schema = response.schema { content["application/json"] = ["schema": schema] }
        for type in response.alternativeContentTypes { content[type] = ["schema": JSONSchema.string] }
        var success: [String: JSONValue] = ["description": .string(response.status.reasonPhrase)]
        if !content.isEmpty { success["content"] = .object(content) }
        let problem: JSONValue = [
            "description": "Problem details (RFC 9457)",
            "content": ["application/problem+json": ["schema": ["$ref": "#/components/schemas/Problem"]]],
        ]
        var responses: [String: JSONValue] = [:]
        let failures = signedIn ? ["400", "401", "403", "404", "409", "412", "413", "422", "503"] : ["503"]
        for status in failures { responses[status] = problem }
        // What the route declares itself comes last, over the generic problem answers.
        responses[String(response.status.code)] = .object(success)
        for other in response.otherStatuses {
            responses[String(other.status.code)] = [
                "description": .string(other.status.reasonPhrase), "content": ["application/json": ["schema": other.schema]],
            ]
        }
        if response.notModified { responses["304"] = ["description": "Not Modified: the ETag matches"] }
        var entry: [String: JSONValue] = [
            "summary": .string(summary), "tags": [.string(tag)], "parameters": .array(parameters),
            "responses": .object(responses),
        ]
        if signedIn { entry["security"] = [["bearer": []]] }
        if let body {
            entry["requestBody"] = ["required": .bool(bodyRequired), "content": [bodyType: ["schema": body]]]
        }
        return .object(entry)
    }
}
