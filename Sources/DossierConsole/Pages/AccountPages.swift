import DossierCore
import DossierPostgres
import DossierServer
import Foundation
import HTTPTypes
import Hummingbird

/// A user's own account: who they are, their password, their second factor (a code from an
/// authenticator app), and whether single-key shortcuts are on. A user whose password an
/// administrator set lands here first and chooses their own.
struct AccountPages {
    let site: ConsoleSite

    @Sendable func show(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        try await page(request, problems: [:], status: .ok)
    }

    @Sendable func changePassword(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let user = try request.user
        let current = request.form.raw("current") ?? "", new = request.form.raw("password") ?? ""
        guard !current.isEmpty else { return try await page(request, problems: ["current": "Give your current password."], status: .unprocessableContent) }
        guard new == (request.form.raw("again") ?? "") else {
            return try await page(request, problems: ["again": "The two new passwords differ; type the same one twice."], status: .unprocessableContent)
        }
        if let refusal = try await confirm(current, request, field: "current") { return refusal }
        do {
            try await request.services.users.changeOwnPassword(of: user.id, current: current, new: new, keepingSession: request.cookie ?? "")
        } catch let error as DossierError where error.code == .invalidInput {
            return try await page(request, problems: ["password": Self.sentence(error.message)], status: .unprocessableContent)
        }
        // Replacing a temporary password, the user goes on to where they were going.
        let next = request.session?.mustChangePassword == true ? SignInPages.safeNext(request.form["next"]) : "/console/account"
        return .redirect(next, flash: "Your password is changed; your other sessions ended.")
    }

    @Sendable func startSecondFactor(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        do {
            _ = try await request.services.users.startSecondFactor(for: try request.user.id)
        } catch let error as DossierError where error.code == .invalidInput {
            return try await page(request, problems: ["factor": Self.sentence(error.message)], status: .unprocessableContent)
        }
        return .redirect("/console/account#second-factor")
    }

    @Sendable func confirmSecondFactor(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let user = try request.user
        // Whoever holds a session must not tie the account to their own phone.
        if let refusal = try await confirm(request.form.raw("password") ?? "", request, field: "confirmPassword") { return refusal }
        let confirmed: Bool
        do {
            confirmed = try await request.services.users.confirmSecondFactor(for: user.id, check: SecondFactorCode.check(request.form["code"] ?? ""))
        } catch let error as DossierError where error.code == .invalidInput {
            return try await page(request, problems: ["code": Self.sentence(error.message)], status: .unprocessableContent)
        }
        guard confirmed else {
            return try await page(
                request, problems: ["code": "That code does not match the key. Check the app's clock, and type the code it shows now."],
                status: .unprocessableContent)
        }
        return .redirect("/console/account#second-factor", flash: "Done: from your next sign-in, Dossier asks for a code after your password.")
    }

    @Sendable func cancelSecondFactor(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        try await request.services.users.cancelPendingSecondFactor(of: try request.user.id)
        return .redirect("/console/account#second-factor", flash: "The key was not set up; you sign in with your password alone.")
    }

    @Sendable func removeSecondFactor(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let user = try request.user
        if let refusal = try await confirm(request.form.raw("password") ?? "", request, field: "remove") { return refusal }
        let removed = try await request.services.users.removeOwnSecondFactor(
            of: user.id, check: SecondFactorCode.check(request.form["code"] ?? ""))
        guard removed else {
            return try await page(
                request, problems: ["remove": "That code is not right, or was used already (a code works once); nothing was changed."],
                status: .unprocessableContent)
        }
        return .redirect("/console/account#second-factor", flash: "Your second factor is removed: your password alone signs you in.")
    }

    @Sendable func setPreferences(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let on = request.form["shortcuts"] == "on"
        try await site.sessions.setSingleKeyShortcuts(on, for: try request.user.id)
        return .redirect("/console/account#keyboard", flash: on ? "Single-key shortcuts are on: / goes to the search box." : "Single-key shortcuts are off.")
    }

    /// The user's password asked again, counted like a sign-in: nil when right, else the
    /// answer (the form with the problem by `field`, or, locked out, signed out).
    func confirm(_ password: String, _ request: ConsoleRequest, field: String) async throws -> ConsoleResponse? {
        guard !password.isEmpty else {
            return try await page(request, problems: [field: "Give your password."], status: .unprocessableContent)
        }
        switch try await site.signIn.confirmPassword(
            password, userID: try request.user.id, address: request.context.clientAddress, session: request.cookie ?? "")
        {
        case .right:
            return nil
        case .wrong(let delay):
            try await Task.sleep(for: delay)
            return try await page(
                request, problems: [field: "Your password is not right; nothing was changed. Repeated failures lock the account for a while."],
                status: .unprocessableContent)
        case .locked(let until):
            let expired = ConsoleSite.cookie(ConsoleSite.sessionCookie, "", secure: request.context.isSecure, expired: true)
            var response = site.errorPage(
                .tooManyRequests, title: "Signed out",
                detail: "Too many wrong passwords for this account or address: this session has ended. Sign in again after \(ConsoleFormat.time(until)).",
                request: request.request, context: request.context, session: nil)
            response.headers[.setCookie] = expired
            return .response(response)
        case .busy:
            return try await page(
                request, problems: [field: "The server is checking many passwords right now. Try again in a few seconds."],
                status: .serviceUnavailable)
        }
    }

    func page(_ request: ConsoleRequest, problems: [String: String], status: HTTPResponse.Status) async throws -> ConsoleResponse {
        let user = try request.user
        let session = request.session
        var data: [String: Any] = [
            "id": user.id, "name": user.displayName, "roles": user.roles.sorted().map(\.rawValue).joined(separator: ", "),
            "agency": user.agency, "clearance": user.clearance.rawValue,
            "mustChange": session?.mustChangePassword ?? false, "shortcuts": session?.singleKeyShortcuts ?? true,
            "next": SignInPages.safeNext(request.query("next") ?? request.form["next"]),
        ]
        for (field, message) in problems { data["\(field)Problem"] = message }
        data["hasProblems"] = !problems.isEmpty
        switch try await request.services.users.secondFactor(of: user.id) {
        case .none:
            data["factorNone"] = true
        case .pending(let secret):
            let address = SecondFactorCode.address(secret: secret, user: user.id)
            data["factorPending"] = [
                "key": SecondFactorCode.typedKey(secret: secret, user: user.id), "address": address,
                // Drawn here from numbers alone (the title is escaped): safe to put in unescaped.
                "qr": QRCode(address)?.svg(title: "QR code of your key, to scan with your authenticator app") as Any,
            ]
        case .enrolled(let since):
            data["factorSince"] = ConsoleFormat.time(since)
        }
        return request.page(session?.mustChangePassword == true ? "Choose your password" : "Your account", template: "account", data, status: status)
    }

    /// A store message as a sentence on the page.
    static func sentence(_ message: String) -> String {
        let text = message.prefix(1).uppercased() + message.dropFirst()
        return text.hasSuffix(".") ? text : text + "."
    }
}
