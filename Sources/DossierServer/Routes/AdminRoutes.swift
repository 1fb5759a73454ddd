import DossierCore
import DossierPostgres
import Foundation
import Hummingbird
import HTTPTypes

/// `/api/v1/users`, `/api/v1/tokens` (admin only) and `/api/v1/audit` (auditor only).
struct AdminRoutes {
    let services: DossierServices

    struct UserBody: Decodable {
        var id: String
        var displayName: String?
        var roles: Set<Role>
        var agency: String
        var clearance: Classification
    }

    struct UserChangeBody: Decodable {
        var displayName: String?
        var roles: Set<Role>?
        var agency: String?
        var clearance: Classification?
        var reason: String?
    }

    struct ReasonBody: Decodable { var reason: String? }

    struct TokenBody: Decodable { var userId: String; var label: String?; var expiresAt: Date?; var reason: String? }
    var routes: [APIRoute] {
        let logPage: [QueryParameter] = [
            .init("before", "Entries before this one (the last one's id or sequence)", schema: JSONSchema.integer),
            .limit(maximum: 1000),
        ]
        return [
            .get("users", "List users (admin)", response: .ok(JSONSchema.array(of: CoreSchemas.user)), use: users),
            .post("users", "Create a user (admin)", body: CoreSchemas.newUser, response: .created(CoreSchemas.user), use: createUser),
            .patch(
                "users/{id}", "Change a user's name, roles, agency or clearance; reason required (admin)", body: CoreSchemas.userChange,
                response: .ok(CoreSchemas.user), use: updateUser),
            .post("users/{id}/disable", "Disable a user (admin)", response: .ok(CoreSchemas.user), use: disableUser),
            .post(
                "users/{id}/enable", "Enable a disabled user; their old tokens stay revoked; reason required (admin)",
                body: CoreSchemas.reason, response: .ok(CoreSchemas.user), use: enableUser),
            .get("users/{id}/tokens", "A user's tokens, never their secrets (admin)", response: .ok(JSONSchema.array(of: CoreSchemas.tokenSummary)), use: tokens),
            .post(
                "users/{id}/second-factor/remove", "Remove a user's console second factor (a lost phone); reason required (admin)",
                body: CoreSchemas.reason, response: .noContent, use: removeSecondFactor),
            .post(
                "tokens", "Issue a bearer token, shown once (admin)", body: CoreSchemas.newToken,
                response: .created(CoreSchemas.issuedToken), use: issueToken),
            .delete("tokens/{id}", "Revoke a token (admin)", use: revokeToken),
            .get("audit/verify", "Verify every event chain (auditor)", response: .ok(CoreSchemas.chainVerification), use: verify),
            .get(
                "audit/access-log", "The access log, newest first (auditor)",
                query: [.init("case_id", "Only accesses to this case", schema: JSONSchema.uuid), .init("actor", "Only this user's")]
                    + logPage,
                response: .ok(CoreSchemas.accessLog), use: accessLog),
            .get(
                "audit/admin-log",
                "Who created or disabled users and issued or revoked tokens, newest first; verify=true re-walks its chain (auditor)",
                query: [
                    .init("user", "Only entries about this user"),
                    .init("verify", "true: re-walk the chain instead", schema: JSONSchema.enumeration(["true", "false"])),
                ] + logPage,
                response: .ok(CoreSchemas.adminLog), use: adminLog),
        ]
    }

    @Sendable func users(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        _ = try context.require(.admin, for: "managing users")
        return try context.json(try await services.users.users())
    }

    @Sendable func createUser(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let admin = try context.require(.admin, for: "managing users")
        let body = try await request.decodeBody(as: UserBody.self, context: context)
        let user = try await services.users.createUser(
            id: body.id, displayName: body.displayName ?? body.id, roles: body.roles, agency: body.agency, clearance: body.clearance,
            by: admin.actor)
        return try context.json(user, status: .created)
    }

    @Sendable func updateUser(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let admin = try context.require(.admin, for: "managing users")
        let body = try await request.decodeBody(as: UserChangeBody.self, context: context)
        let change = UserStore.Change(displayName: body.displayName, roles: body.roles, agency: body.agency, clearance: body.clearance)
        return try context.json(try await services.users.updateUser(
            id: try context.parameters.require("id"), change, reason: body.reason ?? "", by: admin.actor))
    }

    @Sendable func enableUser(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let admin = try context.require(.admin, for: "managing users")
        let body = try await request.decodeBody(as: ReasonBody.self, context: context)
        return try context.json(try await services.users.enableUser(
            id: try context.parameters.require("id"), reason: body.reason ?? "", by: admin.actor))
    }

    @Sendable func tokens(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        _ = try context.require(.admin, for: "managing tokens")
        return try context.json(try await services.users.tokens(of: try context.parameters.require("id")))
    }

    @Sendable func removeSecondFactor(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let admin = try context.require(.admin, for: "managing users")
        let body = try await request.decodeBody(as: ReasonBody.self, context: context)
        try await services.users.removeSecondFactor(of: try context.parameters.require("id"), reason: body.reason ?? "", by: admin.actor)
        return Response(status: .noContent)
    }

    @Sendable func disableUser(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let admin = try context.require(.admin, for: "managing users")
        return try context.json(try await services.users.disableUser(id: try context.parameters.require("id"), by: admin.actor))
    }

    @Sendable func issueToken(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let admin = try context.require(.admin, for: "issuing tokens")
        let body = try await request.decodeBody(as: TokenBody.self, context: context)
        let issued = try await services.users.issueToken(
            userID: body.userId, label: body.label ?? "", expiresAt: body.expiresAt, reason: body.reason ?? "", by: admin.actor)
        return try context.json(issued, status: .created)
    }

    @Sendable func revokeToken(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let admin = try context.require(.admin, for: "revoking tokens")
        try await services.users.revokeToken(id: try context.parameters.require("id", as: UUID.self), by: admin.actor)
        return Response(status: .noContent)
    }

    @Sendable func verify(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let user = try context.require(.auditor, for: "verifying the event chains")
        // One run at a time on the database, whichever server or console page starts it.
        guard let report = try await services.verifyEveryChainOnce() else {
            throw Problem(
                .conflict, code: "verification_running",
                detail: "a verification of every chain is already running; wait for it to end, then ask again")
        }
        try await services.accessLog.record(actor: user.id, caseID: nil, action: "audit-verify", source: context.accessSource)
        return try context.json(report.summary)
    }

    /// The admin log, newest first; `verify=true` re-walks its chain instead.
    @Sendable func adminLog(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let user = try context.require(.auditor, for: "reading the admin log")
        let log = AdminLog(client: services.client, logger: services.logger)
        try await services.accessLog.record(actor: user.id, caseID: nil, action: "read-admin-log", source: context.accessSource)
        if request.query("verify") == "true" { return try context.json(try await log.verify()) }
        return try context.json(try await log.entries(
            subject: request.query("user"),
            before: try request.query("before", Int64.init, expected: "an entry sequence number"),
            limit: try request.query("limit", Int.init, expected: "a whole number from 1 to 1000") ?? 100))
    }

    @Sendable func accessLog(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        _ = try context.require(.auditor, for: "reading the access log")
        let entries = try await services.accessLog.entries(
            caseID: try request.query("case_id", UUID.init(uuidString:), expected: "a case id"),
            actor: request.query("actor"),
            before: try request.query("before", Int64.init, expected: "an entry id"),
            limit: try request.query("limit", Int.init, expected: "a whole number from 1 to 1000") ?? 100)
        return try context.json(entries)
    }
}
