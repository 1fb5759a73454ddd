import DossierCore
import DossierPostgres
import DossierServer
import Foundation
import HTTPTypes
import Hummingbird

/// Signing in and out. The form carries a token that must match a cookie set with it
/// (there is no session yet to hold one), so no other site can sign a browser in. A user
/// with a second factor then gives the code from their app, on a session that opens
/// nothing else until it is right.
struct SignInPages {
    let site: ConsoleSite

    @Sendable func form(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        if request.session != nil { return .redirect(Self.safeNext(request.query("next"))) }
        var notice: String?
        if request.query("ended") != nil { notice = "Your session ended. Sign in again to go on." }
        if request.query("signed_out") != nil { notice = "You are signed out." }
        return signInPage(request, userID: "", notice: notice, error: nil, status: .ok)
    }

    @Sendable func signIn(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let userID = request.form["user"] ?? ""
        let password = request.form.raw("password") ?? ""
        let next = Self.safeNext(request.form["next"])
        guard !userID.isEmpty, !password.isEmpty else {
            return signInPage(request, userID: userID, notice: nil, error: "Give your user id and your password.", status: .unprocessableContent)
        }
        switch try await site.signIn.signIn(userID: userID, password: password, address: request.context.clientAddress) {
        case .signedIn(let cookie, _):
            var headers = HTTPFields()
            headers.append(HTTPField(name: .setCookie, value: ConsoleSite.cookie(ConsoleSite.sessionCookie, cookie, secure: request.context.isSecure)))
            headers.append(HTTPField(name: .setCookie, value: ConsoleSite.cookie(ConsoleSite.signInCookie, "", secure: request.context.isSecure, expired: true)))
            return .response(site.redirect(to: next, headers: headers))
        case .needsCode(let cookie):
            var headers = HTTPFields()
            headers.append(HTTPField(name: .setCookie, value: ConsoleSite.cookie(ConsoleSite.sessionCookie, cookie, secure: request.context.isSecure)))
            headers.append(HTTPField(name: .setCookie, value: ConsoleSite.cookie(ConsoleSite.signInCookie, "", secure: request.context.isSecure, expired: true)))
            return .response(site.redirect(to: "/console/sign-in/code?next=\(ConsoleSite.percentEncoded(next))", headers: headers))
        case .refused(let delay):
            try await Task.sleep(for: delay)
            return signInPage(
                request, userID: userID, notice: nil,
                error: "That user id and password do not match an active account. Repeated failures lock the account for a while.",
                status: .forbidden)
        case .locked(let until):
            return signInPage(
                request, userID: userID, notice: nil,
                error: "Too many failed sign-ins for this account or address. Try again after \(ConsoleFormat.time(until)), or ask an administrator.",
                status: .tooManyRequests, retryAfter: max(1, Int(until.timeIntervalSince(request.services.store.clock.now()).rounded(.up))))
        case .busy:
            return signInPage(
                request, userID: userID, notice: nil, error: "The server is checking many sign-ins right now. Try again in a few seconds.",
                status: .serviceUnavailable, retryAfter: 5)
        }
    }

    /// The second step: the form for the code. Only a session waiting for one sees it.
    @Sendable func codeForm(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        guard request.session?.awaitingCode == true else { return .redirect(Self.safeNext(request.query("next"))) }
        return codePage(request, error: nil, status: .ok)
    }

    @Sendable func confirmCode(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        guard let cookie = request.cookie, request.session?.awaitingCode == true else { return .redirect("/console/") }
        let next = Self.safeNext(request.form["next"])
        let code = request.form["code"] ?? ""
        guard !code.isEmpty else { return codePage(request, error: "Type the six-digit code your authenticator app shows for Dossier.", status: .unprocessableContent) }
        switch try await site.signIn.confirmCode(cookie: cookie, address: request.context.clientAddress, check: SecondFactorCode.check(code)) {
        case .signedIn(let fresh, _):
            let header = ConsoleSite.cookie(ConsoleSite.sessionCookie, fresh, secure: request.context.isSecure)
            return .response(site.redirect(to: next, headers: [.setCookie: header]))
        case .refused(let delay):
            try await Task.sleep(for: delay)
            return codePage(
                request, error: "That code is not right, or was used already. Type the code your app shows now; repeated failures lock the account for a while.",
                status: .forbidden)
        case .locked(let until):
            let expired = ConsoleSite.cookie(ConsoleSite.sessionCookie, "", secure: request.context.isSecure, expired: true)
            var response = site.errorPage(
                .tooManyRequests, title: "Signed out",
                detail: "Too many failed sign-ins for this account or address. Try again after \(ConsoleFormat.time(until)), or ask an administrator.",
                request: request.request, context: request.context, session: nil)
            response.headers[.setCookie] = expired
            response.headers[.retryAfter] = String(max(1, Int(until.timeIntervalSince(request.services.store.clock.now()).rounded(.up))))
            return .response(response)
        case .busy:
            var response = site.errorPage(
                .serviceUnavailable, title: "Busy", detail: "The server is checking many sign-ins right now. Try again in a few seconds.",
                request: request.request, context: request.context, session: request.session)
            response.headers[.retryAfter] = "5"
            return .response(response)
        case .needsCode, nil:
            return .redirect("/console/sign-in?ended=1")
        }
    }

    func codePage(_ request: ConsoleRequest, error: String?, status: HTTPResponse.Status) -> ConsoleResponse {
        request.page("Your code", template: "sign-in-code", [
            "next": Self.safeNext(request.query("next") ?? request.form["next"]), "error": error as Any,
            "wait": Self.spoken(site.sessions.policy.codeWait),
        ], status: status)
    }

    @Sendable func signOut(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        if let cookie = request.cookie { try await site.sessions.end(cookie: cookie) }
        let expired = ConsoleSite.cookie(ConsoleSite.sessionCookie, "", secure: request.context.isSecure, expired: true)
        return .response(site.redirect(to: "/console/sign-in?signed_out=1", headers: [.setCookie: expired]))
    }

    /// The form, with a fresh token in it and in its cookie.
    func signInPage(
        _ request: ConsoleRequest, userID: String, notice: String?, error: String?, status: HTTPResponse.Status, retryAfter: Int? = nil
    ) -> ConsoleResponse {
        let token = ConsoleSessions.newToken()
        let body = request.render("sign-in", [
            "user": userID, "csrf": token, "next": Self.safeNext(request.query("next") ?? request.form["next"]),
            "notice": notice as Any, "error": error as Any,
            "idle": Self.spoken(site.sessions.policy.idleTimeout), "lifetime": Self.spoken(site.sessions.policy.lifetime),
        ])
        var response = site.layout(ConsolePage(title: "Sign in", body: body, status: status), request: request.request, session: nil)
        response.headers[.setCookie] = ConsoleSite.cookie(ConsoleSite.signInCookie, token, secure: request.context.isSecure)
        if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        return .response(response)
    }

    /// `30 minutes`, `12 hours`.
    static func spoken(_ duration: Duration) -> String {
        let minutes = Int(duration.components.seconds / 60)
        if minutes % 60 == 0 { return minutes == 60 ? "1 hour" : "\(minutes / 60) hours" }
        return minutes == 1 ? "1 minute" : "\(minutes) minutes"
    }

    /// Where to go after signing in: a console path only, never another site.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/console/") || next == "/console", !next.hasPrefix("//"), !next.contains("\\"),
              !next.contains("://"), !next.contains("\n"), !next.contains("\r") else { return "/console/" }
        return next
    }
}
