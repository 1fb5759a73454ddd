import Crypto
import DossierCore
import DossierPostgres
import DossierServer
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Runs every console route the same way: resume the session, apply the route's access
/// rule, check a form's origin and CSRF token before anything is written, run the page,
/// and draw the answer in the layout with the security headers. Errors become pages: a
/// case the user may not see is the same 404 page as one that does not exist.
struct ConsoleSite: Sendable {
    let services: DossierServices
    let renderer: ConsoleRenderer
    let sessions: ConsoleSessions
    let signIn: ConsoleSignIn
    let navigation: [ConsoleNavigationEntry]
    let modules: [any ConsoleModule]

    static let sessionCookie = "dossier_session"
    /// The sign-in form's CSRF token before there is a session (double-submit cookie).
    static let signInCookie = "dossier_sign_in"

    func handle(_ route: ConsoleRoute, request: Request, context: DossierRequestContext) async throws -> Response {
        var response: Response
        do {
            response = try await run(route, request: request, context: context)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            response = errorPage(
                .contentTooLarge, title: "Too much to send",
                detail: "The form is larger than this server takes (\(context.maximumBodySize) bytes). Nothing was changed.",
                request: request, context: context, session: nil)
        } catch {
            // A route open to anyone may carry its key in the path (a calendar feed's token):
            // only its pattern is logged.
            let path = route.access == .anyone ? "/console/\(route.path)" : request.uri.path
            services.logger.error(
                "console page failed", metadata: ["path": .string(path), "error": .string(String(reflecting: error)),
                                                  "request_id": .string(context.requestID)])
            response = errorPage(
                .internalServerError, title: "Something went wrong",
                detail: "The page could not be shown. Check the case before trying again: a change may or may not have been saved. Quote this reference if you report it: \(context.requestID).",
                request: request, context: context, session: nil)
        }
        SecurityHeaders.apply(to: &response.headers, cacheable: route.path.hasPrefix("assets/"))
        return response
    }

    private func run(_ route: ConsoleRoute, request: Request, context: DossierRequestContext) async throws -> Response {
        let cookie = request.cookies[Self.sessionCookie]?.value
        // The stylesheet and script need no session: resuming one would count as use and
        // could take another tab's message.
        let session = route.path.hasPrefix("assets/") ? nil : try await cookie.asyncFlatMap { try await sessions.resume(cookie: $0) }
        if let session, let step = Self.unfinishedStep(of: session), !step.admits(route) {
            // Halfway through signing in: the code, or a new password, comes first.
            let next = route.method == .get ? request.uri.description : "/console/"
            return redirect(to: "\(step.path)?next=\(Self.percentEncoded(next))")
        }
        if route.access != .anyone, session == nil {
            // A form sent after the session ended goes back to the page it came from.
            let next = route.method == .get ? request.uri.description : Self.refererPath(request) ?? "/console/"
            return redirect(to: "/console/sign-in?next=\(Self.percentEncoded(next))\(cookie == nil ? "" : "&ended=1")")
        }
        guard route.access.admits(session?.user) else {
            let needed = if case .roles(let roles) = route.access { roles.sorted().map(\.rawValue).joined(separator: " or ") } else { "" }
            return errorPage(
                .forbidden, title: "Not for your role", detail: "This page needs the role \(needed).", request: request, context: context,
                session: session)
        }
        var form = FormValues()
        if route.method == .post {
            guard Self.isSameOrigin(request) else {
                return errorPage(
                    .forbidden, title: "Refused", detail: "The form came from another site. Nothing was changed.", request: request,
                    context: context, session: session)
            }
            let body = try await request.body.collect(upTo: context.maximumBodySize)
            form = FormValues(encoded: String(decoding: body.readableBytesView, as: UTF8.self))
            // The sign-in form is checked against its cookie even when a session exists (a
            // signed-in user following a link from e-mail arrives without the cookie).
            let expected = route.access == .anyone ? request.cookies[Self.signInCookie]?.value : session?.csrfToken
            guard let expected, let sent = form.raw("csrf"), Self.constantTimeEqual(sent, expected) else {
                return errorPage(
                    .forbidden, title: "Refused",
                    detail: "The form's security token is missing or out of date (was the page open in another session?). Nothing was changed; reload the page and try again.",
                    request: request, context: context, session: session)
            }
        }
        let consoleRequest = ConsoleRequest(
            request: request, context: context, session: session, form: form, services: services, renderer: renderer, cookie: cookie)
        let answer: ConsoleResponse
        do {
            answer = try await route.handler(consoleRequest)
        } catch let error as DossierError where error.code == .notFound {
            return notFoundPage(request: request, context: context, session: session)
        } catch let error as DossierError where error.code == .roleNotAllowed {
            return errorPage(.forbidden, title: "Not for your role", detail: error.message, request: request, context: context, session: session)
        } catch let error as DossierError where error.code == .invalidInput {
            return errorPage(
                .unprocessableContent, title: "Not understood", detail: error.message, request: request, context: context, session: session)
        }
        switch answer {
        case .page(let page):
            return layout(page, request: request, session: session)
        case .redirect(let path, let flash):
            if let flash, let cookie { await leave(flash, problem: false, cookie: cookie) }
            return redirect(to: path)
        case .refusal(let path, let problem):
            if let cookie { await leave(problem, problem: true, cookie: cookie) }
            return redirect(to: path)
        case .response(let response):
            return response
        }
    }

    /// Leaves a message for the session's next page; a failure loses only the message.
    func leave(_ message: String, problem: Bool, cookie: String) async {
        do {
            try await sessions.flash(message, problem: problem, cookie: cookie)
        } catch {
            // Not the error's reflection: a database error's carries its query, and the message in it.
            services.logger.warning("console flash message not kept", metadata: ["error": .string(String(describing: error))])
        }
    }

    /// What a session must do before it opens any page: give the second factor's code, or
    /// replace a temporary password. Signing out is always allowed.
    enum UnfinishedStep {
        case code
        case newPassword

        var path: String {
            switch self {
            case .code: "/console/sign-in/code"
            case .newPassword: "/console/account"
            }
        }

        func admits(_ route: ConsoleRoute) -> Bool {
            if route.path == "sign-out" || route.path.hasPrefix("assets/") { return true }
            switch self {
            case .code: return route.path == "sign-in/code" || (route.path == "sign-in" && route.method == .post)
            case .newPassword: return (route.path == "account" && route.method == .get) || route.path == "account/password"
            }
        }
    }

    static func unfinishedStep(of session: ConsoleSession) -> UnfinishedStep? {
        if session.awaitingCode { return .code }
        if session.mustChangePassword { return .newPassword }
        return nil
    }

    /// The console path of the page a form was sent from, by its `Referer`.
    static func refererPath(_ request: Request) -> String? {
        guard let referer = request.headers[.referer], let url = URL(string: referer) else { return nil }
        let path = url.path + (url.query.map { "?\($0)" } ?? "")
        return path.hasPrefix("/console/") ? path : nil
    }

    /// The page inside the layout: navigation for the user's roles, the search box, the
    /// sign-out form with its token, and the flash message.
    func layout(_ page: ConsolePage, request: Request, session: ConsoleSession?, headers: HTTPFields = [:]) -> Response {
        // A refusal says so first in the window's title, where a screen reader starts.
        var data: [String: Any] = [
            "title": page.title, "body": page.body.text, "windowTitle": page.status.code >= 400 ? "Error: \(page.title)" : page.title,
        ]
        if let session {
            let current = page.section ?? Self.section(of: request.uri.path)
            data["user"] = [
                "displayName": session.user.displayName, "id": session.user.id, "agency": session.user.agency,
                "roles": session.user.roles.sorted().map(\.rawValue).joined(separator: ", "),
            ]
            data["csrf"] = session.csrfToken
            data[session.flashIsProblem ? "problemFlash" : "flash"] = session.flash
            data["shortcuts"] = session.singleKeyShortcuts
            // Halfway through signing in, the bar offers nothing but signing out.
            data["signingIn"] = Self.unfinishedStep(of: session) != nil
            data["navigation"] = Self.unfinishedStep(of: session) != nil ? [] : navigation.filter { $0.roles.map { !$0.isDisjoint(with: session.user.roles) } ?? true }.map {
                ["title": $0.title, "path": $0.path, "current": $0.path == current] as [String: Any]
            }
        }
        var fields = headers
        fields[.contentType] = "text/html; charset=utf-8"
        return Response(status: page.status, headers: fields, body: .init(byteBuffer: .init(string: renderer.render("layout", data).text)))
    }

    func errorPage(
        _ status: HTTPResponse.Status, title: String, detail: String, request: Request, context: DossierRequestContext,
        session: ConsoleSession?
    ) -> Response {
        let body = renderer.render("error", ["detail": detail, "requestID": context.requestID])
        return layout(ConsolePage(title: title, body: body, status: status), request: request, session: session)
    }

    /// The one answer for a case (or page) that does not exist and one the user may not
    /// see: the same status, title and words, so the page tells nothing about which.
    func notFoundPage(request: Request, context: DossierRequestContext, session: ConsoleSession?) -> Response {
        errorPage(
            .notFound, title: "Not found",
            detail: "There is nothing at \(request.uri.path) that you may see. Check the reference, or search for it.",
            request: request, context: context, session: session)
    }

    func redirect(to path: String, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.location] = path
        return Response(status: .seeOther, headers: fields)
    }

    /// The navigation entry a path belongs to: `cases/EXT-…` is under `cases`.
    static func section(of path: String) -> String {
        let below = path.dropFirst("/console/".count)
        return below.split(separator: "/").first.map(String.init) ?? ""
    }

    /// A form may come only from the console's own pages: a browser says where a request
    /// comes from in `Sec-Fetch-Site` and `Origin`, and either naming another site refuses it.
    static func isSameOrigin(_ request: Request) -> Bool {
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!], site != "same-origin" { return false }
        if let origin = request.headers[HTTPField.Name("Origin")!] {
            guard let host = request.head.authority ?? request.headers[HTTPField.Name("Host")!] else { return false }
            return origin == "http://\(host)" || origin == "https://\(host)"
        }
        return true
    }

    static func constantTimeEqual(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8), b = Array(right.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~/"))) ?? ""
    }

    /// A value for a query string.
    static func formEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
    }

    /// A `Set-Cookie` value for the console's path: never readable by script, never sent
    /// from another site, and `Secure` when the client came over HTTPS.
    static func cookie(_ name: String, _ value: String, secure: Bool, expired: Bool = false) -> String {
        "\(name)=\(value); Path=/console; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "") + (expired ? "; Max-Age=0" : "")
    }
}

extension Optional {
    func asyncFlatMap<Result>(_ transform: (Wrapped) async throws -> Result?) async rethrows -> Result? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
