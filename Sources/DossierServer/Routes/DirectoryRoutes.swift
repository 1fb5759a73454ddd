import DossierCore
import DossierPostgres
import Foundation
import Hummingbird
import HTTPTypes

/// Deadlines across the caller's cases, and what the server knows about workflows and modules.
struct DirectoryRoutes {
    let services: DossierServices

    struct ModuleInfo: Encodable { var id: String; var name: String; var version: String; var caseTypes: [String] }
    struct WorkflowInfo: Encodable { var module: String; var type: String; var title: String }

    var routes: [APIRoute] {
        [
            .get(
                "deadlines", "Deadlines on your cases: overdue ones first, however old, then those due in the next N days",
                query: [
                    .init("days", "How many days ahead, 0 to 3650 (default 14)", schema: JSONSchema.integer(0...3650)),
                    .init(
                        "overdue", "include (the default: overdue first), exclude, or only",
                        schema: JSONSchema.enumeration(Deadline.OverdueFilter.allCases.map(\.rawValue))),
                ],
                response: .ok(CoreSchemas.deadlines), use: deadlines),
            .get("workflows", "Case types and their modules", response: .ok(CoreSchemas.workflows), use: workflows),
            .get(
                "workflows/{type}", "A workflow as JSON or Mermaid",
                query: [.init("format", "json (the default) or mermaid", schema: JSONSchema.enumeration(["json", "mermaid"]))],
                response: .ok(CoreSchemas.workflow).or("text/plain"), use: workflow),
            .get("modules", "Registered modules with versions", response: .ok(CoreSchemas.modules), use: modules),
        ]
    }

    @Sendable func deadlines(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let actor = context.actor
        let days = try request.query("days", Int.init, expected: "a whole number of days from 0 to 3650") ?? 14
        let overdue = try request.query(
            "overdue", Deadline.OverdueFilter.init(rawValue:), expected: "include, exclude or only") ?? .include
        return try context.json(try await services.store.upcomingDeadlines(withinDays: days, overdue: overdue, visibleTo: actor))
    }

    @Sendable func workflows(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        return try context.json(services.registry.modules.flatMap { module in
            module.caseTypes.map { WorkflowInfo(module: module.id, type: $0.name, title: $0.title) }
        })
    }

    @Sendable func workflow(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let type = try context.parameters.require("type")
        guard let caseType = services.registry.modules.lazy.flatMap(\.caseTypes).first(where: { $0.name == type }) else {
            throw DossierError.notFound("case type '\(type)' does not exist")
        }
        switch request.query("format") ?? "json" {
        case "json": return try context.json(WorkflowRenderer.json(caseType.workflow))
        case "mermaid":
            return Response(
                status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: WorkflowRenderer.mermaid(caseType.workflow))))
        case let other:
            throw Problem(.unprocessableContent, code: "invalid_input", detail: "format '\(other)' is not allowed; use json or mermaid")
        }
    }

    @Sendable func modules(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        return try context.json(services.registry.modules.map {
            ModuleInfo(id: $0.id, name: $0.name, version: $0.version.description, caseTypes: $0.caseTypes.map(\.name))
        })
    }
}
