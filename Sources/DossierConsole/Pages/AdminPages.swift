import DossierCore
import DossierPostgres
import DossierServer
import Foundation
import HTTPTypes

/// Administrators' pages: users with their roles, agency, clearance and status; creating
/// a user, setting a password, disabling (which ends their sessions and tokens at once).
/// Every change goes to the admin log with the admin who made it.
struct AdminPages {
    static let roles: Set<Role> = [.admin]

    @Sendable func show(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        try await page(request, problem: nil, status: .ok)
    }

    @Sendable func create(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let admin = try request.user
        guard let id = request.form["id"], let agency = request.form["agency"] else {
            return try await page(request, problem: "Give the new user's id and agency.", status: .unprocessableContent)
        }
        let roles = request.form.all("role").compactMap(Role.init(rawValue:))
        guard let clearance = request.form["clearance"].flatMap(Classification.init(rawValue:)) else {
            return try await page(request, problem: "Choose a clearance (\(Classification.allowedValuesText)).", status: .unprocessableContent)
        }
        do {
            _ = try await request.services.users.createUser(
                id: id, displayName: request.form["name"] ?? id, roles: Set(roles), agency: agency, clearance: clearance, by: admin.actor)
        } catch let error as DossierError where [.invalidInput, .alreadyExists].contains(error.code) {
            return try await page(request, problem: error.message, status: .unprocessableContent)
        }
        return .redirect("/console/admin#user-\(id)", flash: "Created user \(id). Set a password for them below.")
    }

    @Sendable func setPassword(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let id = try request.parameter("id")
        guard let password = request.form.raw("password"), password == request.form.raw("again") else {
            return try await page(request, problem: "The two passwords for \(id) differ; nothing was changed.", status: .unprocessableContent)
        }
        do {
            try await request.services.users.setPassword(
                password, forUser: id, reason: request.form["reason"] ?? "", by: try request.user.actor)
        } catch let error as DossierError where error.code == .invalidInput {
            return try await page(request, problem: "\(id): \(error.message)", status: .unprocessableContent)
        }
        return .redirect("/console/admin#user-\(id)", flash: "Set the password of \(id); their open sessions ended.")
    }

    @Sendable func disable(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let id = try request.parameter("id")
        _ = try await request.services.users.disableUser(id: id, by: try request.user.actor)
        return .redirect("/console/admin#user-\(id)", flash: "Disabled \(id): their tokens and sessions stopped working.")
    }

    func page(_ request: ConsoleRequest, problem: String?, status: HTTPResponse.Status) async throws -> ConsoleResponse {
        let users = try await request.services.users.users()
        let data: [String: Any] = [
            "problem": problem as Any,
            "users": users.map { user in
                [
                    "id": user.id, "name": user.displayName, "roles": user.roles.sorted().map(\.rawValue).joined(separator: ", "),
                    "agency": user.agency, "clearance": user.clearance.rawValue, "disabled": user.isDisabled,
                    "since": ConsoleFormat.date(user.createdAt),
                ] as [String: Any]
            },
            "roles": Role.allCases.map { ["name": $0.rawValue, "checked": request.form.all("role").contains($0.rawValue)] as [String: Any] },
            "clearances": Classification.allCases.map { ["name": $0.rawValue, "selected": request.form["clearance"] == $0.rawValue] as [String: Any] },
            "id": request.form["id"] ?? "", "name": request.form["name"] ?? "", "agency": request.form["agency"] ?? "",
        ]
        return request.page("Users", template: "admin", data, status: status, section: "admin")
    }
}
