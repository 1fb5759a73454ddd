import DossierCore
import DossierPostgres
import DossierServer
import Foundation
import HTTPTypes

/// Administrators' pages: the users, and for each user their roles, agency and clearance,
/// a temporary password, their second factor, their API tokens, and disabling or enabling
/// them. Every change goes to the admin log with the admin who made it and, where it gives
/// someone access, why. Admins manage users and see no case contents.
struct AdminPages {
    static let roles: Set<Role> = [.admin]

    // MARK: The list of users

    @Sendable func show(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        try await listPage(request, problems: [:], status: .ok)
    }

    @Sendable func create(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let admin = try request.user
        let id = request.form["id"] ?? ""
        guard !id.isEmpty else { return try await listPage(request, problems: ["id": "Give the new user's id."], status: .unprocessableContent) }
        guard let agency = request.form["agency"] else {
            return try await listPage(request, problems: ["agency": "Give the agency the user works for."], status: .unprocessableContent)
        }
        let roles = Set(request.form.all("role").compactMap(Role.init(rawValue:)))
        guard !roles.isEmpty else { return try await listPage(request, problems: ["roles": "Choose at least one role."], status: .unprocessableContent) }
        guard let clearance = request.form["clearance"].flatMap(Classification.init(rawValue:)) else {
            return try await listPage(
                request, problems: ["clearance": "Choose a clearance (\(Classification.allowedValuesText))."], status: .unprocessableContent)
        }
        do {
            _ = try await request.services.users.createUser(
                id: id, displayName: request.form["name"] ?? id, roles: roles, agency: agency, clearance: clearance, by: admin.actor)
        } catch let error as DossierError where [.invalidInput, .alreadyExists].contains(error.code) {
            let field = error.message.hasPrefix("agency") ? "agency" : "id"
            return try await listPage(request, problems: [field: AccountPages.sentence(error.message)], status: .unprocessableContent)
        }
        return .redirect("/console/admin/users/\(id)", flash: "Created user \(id). Set a temporary password for them below.")
    }

    func listPage(_ request: ConsoleRequest, problems: [String: String], status: HTTPResponse.Status) async throws -> ConsoleResponse {
        let users = try await request.services.users.users()
        let withCodes = try await request.services.users.usersWithSecondFactor(among: users.map(\.id))
        var data: [String: Any] = [
            "users": users.map { user in
                [
                    "id": user.id, "name": user.displayName, "roles": user.roles.sorted().map(\.rawValue).joined(separator: ", "),
                    "agency": user.agency, "clearance": user.clearance.rawValue, "disabled": user.isDisabled,
                    "since": ConsoleFormat.date(user.createdAt), "secondFactor": withCodes.contains(user.id),
                ] as [String: Any]
            },
            "roles": Self.roleChoices(checked: Set(request.form.all("role"))),
            "clearances": Self.clearanceChoices(selected: request.form["clearance"]),
            "id": request.form["id"] ?? "", "name": request.form["name"] ?? "", "agency": request.form["agency"] ?? "",
        ]
        Self.add(problems, to: &data)
        return request.page("Users", template: "admin", data, status: status, section: "admin")
    }

    // MARK: One user

    @Sendable func showUser(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        try await userPage(request, problems: [:], status: .ok)
    }

    @Sendable func update(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let id = try request.parameter("id")
        let roles = Set(request.form.all("role").compactMap(Role.init(rawValue:)))
        guard !roles.isEmpty else { return try await userPage(request, problems: ["roles": "Choose at least one role."], status: .unprocessableContent) }
        guard let clearance = request.form["clearance"].flatMap(Classification.init(rawValue:)) else {
            return try await userPage(
                request, problems: ["clearance": "Choose a clearance (\(Classification.allowedValuesText))."], status: .unprocessableContent)
        }
        let change = UserStore.Change(displayName: request.form["name"], roles: roles, agency: request.form["agency"], clearance: clearance)
        do {
            try await request.services.users.updateUser(id: id, change, reason: request.form["reason"] ?? "", by: try request.user.actor)
        } catch let error as DossierError where error.code == .invalidInput {
            return try await userPage(request, problems: [Self.field(of: error.message): AccountPages.sentence(error.message)], status: .unprocessableContent)
        }
        return .redirect("/console/admin/users/\(id)", flash: "Saved \(id): what they may see follows at their next page.")
    }

    @Sendable func setPassword(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let id = try request.parameter("id")
        guard id != (try request.user.id) else {
            return try await userPage(
                request, problems: ["password": "Change your own password on your account page: it asks for the current one and keeps you signed in."],
                status: .unprocessableContent)
        }
        guard let password = request.form.raw("password"), password == request.form.raw("again") else {
            return try await userPage(request, problems: ["again": "The two passwords differ; nothing was changed."], status: .unprocessableContent)
        }
        let admin = try request.user
        do {
            // Set by an administrator, a password is temporary: its user replaces it at once.
            try await request.services.users.setPassword(
                password, forUser: id, reason: request.form["reason"] ?? "", temporary: true, by: admin.actor)
        } catch let error as DossierError where error.code == .invalidInput {
            let field = error.message.contains("give a reason") ? "passwordReason" : "password"
            return try await userPage(request, problems: [field: AccountPages.sentence(error.message)], status: .unprocessableContent)
        }
        return .redirect("/console/admin/users/\(id)", flash: "Set a temporary password for \(id): they choose their own when they next sign in.")
    }

    @Sendable func removeSecondFactor(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let id = try request.parameter("id")
        do {
            try await request.services.users.removeSecondFactor(of: id, reason: request.form["reason"] ?? "", by: try request.user.actor)
        } catch let error as DossierError where error.code == .invalidInput {
            return try await userPage(request, problems: ["factor": AccountPages.sentence(error.message)], status: .unprocessableContent)
        }
        return .redirect("/console/admin/users/\(id)", flash: "Removed the second factor of \(id): their password alone signs them in.")
    }

    @Sendable func issueToken(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let id = try request.parameter("id")
        let now = request.services.store.clock.now()
        var expires: Date?
        if let days = request.form["expires_days"] {
            guard let count = Int(days), (1...3650).contains(count) else {
                return try await userPage(
                    request, problems: ["tokenExpiry": "Give the days until it expires as a whole number from 1 to 3650, or leave it empty."],
                    status: .unprocessableContent)
            }
            expires = now.addingTimeInterval(Double(count) * 86_400)
        }
        let issued: UserStore.IssuedToken
        do {
            issued = try await request.services.users.issueToken(
                userID: id, label: request.form["label"] ?? "", expiresAt: expires, reason: request.form["reason"] ?? "",
                by: try request.user.actor)
        } catch let error as DossierError where error.code == .invalidInput {
            return try await userPage(request, problems: ["token": AccountPages.sentence(error.message)], status: .unprocessableContent)
        }
        // Shown on this answer only, never kept: not through a redirect, whose message
        // would sit in the sessions table.
        return request.page("A token for \(id)", template: "token-issued", [
            "user": id, "token": issued.token, "label": issued.label, "expires": issued.expiresAt.map(ConsoleFormat.time) as Any,
        ], status: .created, section: "admin")
    }

    @Sendable func revokeToken(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let id = try request.parameter("id")
        guard let token = UUID(uuidString: try request.parameter("token")),
              try await request.services.users.tokens(of: id).contains(where: { $0.id == token }) else {
            throw DossierError.notFound("token")
        }
        try await request.services.users.revokeToken(id: token, by: try request.user.actor)
        return .redirect("/console/admin/users/\(id)#tokens", flash: "Revoked the token; it stopped working at once.")
    }

    @Sendable func disable(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let id = try request.parameter("id")
        guard id != (try request.user.id) else {
            return try await userPage(
                request, problems: ["status": "You cannot disable yourself: another administrator can."], status: .unprocessableContent)
        }
        _ = try await request.services.users.disableUser(id: id, by: try request.user.actor)
        return .redirect("/console/admin/users/\(id)", flash: "Disabled \(id): their tokens and sessions stopped working.")
    }

    @Sendable func enable(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let id = try request.parameter("id")
        do {
            try await request.services.users.enableUser(id: id, reason: request.form["reason"] ?? "", by: try request.user.actor)
        } catch let error as DossierError where error.code == .invalidInput {
            return try await userPage(request, problems: ["status": AccountPages.sentence(error.message)], status: .unprocessableContent)
        }
        return .redirect("/console/admin/users/\(id)", flash: "Enabled \(id). Their old tokens stay revoked; they sign in anew.")
    }

    func userPage(_ request: ConsoleRequest, problems: [String: String], status: HTTPResponse.Status) async throws -> ConsoleResponse {
        let users = request.services.users
        let user = try await users.user(id: try request.parameter("id"))
        // The details form came back refused: show what was typed, not what is stored.
        let posted = Self.detailFields.contains { problems[$0] != nil }
        let now = request.services.store.clock.now()
        var data: [String: Any] = [
            "id": user.id, "name": posted ? request.form["name"] ?? "" : user.displayName,
            "agency": posted ? request.form["agency"] ?? "" : user.agency, "disabled": user.isDisabled,
            "since": ConsoleFormat.date(user.createdAt), "isSelf": user.id == (try request.user.id),
            "roles": Self.roleChoices(checked: posted ? Set(request.form.all("role")) : Set(user.roles.map(\.rawValue))),
            "clearances": Self.clearanceChoices(selected: posted ? request.form["clearance"] : user.clearance.rawValue),
            "reason": posted ? request.form["reason"] ?? "" : "",
        ]
        switch try await users.secondFactor(of: user.id) {
        case .none: data["factor"] = "None: the password alone signs them in"
        case .pending: data["factor"] = "Being set up, not yet confirmed: the password alone signs them in"; data["factorRemovable"] = true
        case .enrolled(let since): data["factor"] = "A code from an authenticator app, since \(ConsoleFormat.time(since))"; data["factorRemovable"] = true
        }
        data["tokens"] = try await users.tokens(of: user.id).map { token in
            let state = token.revokedAt.map { "revoked \(ConsoleFormat.time($0))" }
                ?? token.expiresAt.flatMap { $0 <= now ? "expired \(ConsoleFormat.time($0))" : nil } ?? "active"
            return [
                "tokenID": token.id.uuidString.lowercased(), "label": token.label.isEmpty ? "—" : token.label,
                "created": ConsoleFormat.time(token.createdAt), "expires": token.expiresAt.map(ConsoleFormat.time) ?? "never",
                "issuedBy": token.issuedBy ?? "—", "reason": token.reason ?? "", "state": state, "active": state == "active",
            ] as [String: Any]
        }
        data["hasTokens"] = !(data["tokens"] as! [[String: Any]]).isEmpty
        Self.add(problems, to: &data)
        return request.page("User \(user.id)", template: "admin-user", data, status: status, section: "admin")
    }

    // MARK: Form pieces

    static let detailFields = ["name", "roles", "agency", "clearance", "reason"]

    /// The field of the details form a refusal of ``UserStore/updateUser(id:_:reason:by:)`` is about.
    static func field(of message: String) -> String {
        if message.hasPrefix("agency") { return "agency" }
        if message.hasPrefix("a name") { return "name" }
        if message.hasPrefix("a user needs") || message.hasPrefix("you cannot") { return "roles" }
        return "reason"
    }

    static func roleChoices(checked: Set<String>) -> [[String: Any]] {
        Role.allCases.map { ["name": $0.rawValue, "checked": checked.contains($0.rawValue)] as [String: Any] }
    }

    static func clearanceChoices(selected: String?) -> [[String: Any]] {
        Classification.allCases.map { ["name": $0.rawValue, "selected": selected == $0.rawValue] as [String: Any] }
    }

    /// Each field's problem as `<field>Problem`, for the template to put beside the field
    /// (with `aria-invalid`), and a summary flag.
    static func add(_ problems: [String: String], to data: inout [String: Any]) {
        for (field, message) in problems { data["\(field)Problem"] = message }
        data["hasProblems"] = !problems.isEmpty
    }
}
