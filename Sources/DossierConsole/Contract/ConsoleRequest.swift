import Foundation
public import DossierCore
public import DossierPostgres
public import DossierServer
public import Hummingbird

/// What a console page's handler works with: the request, who is signed in, the form that
/// was posted, and the services and renderer.
public struct ConsoleRequest: Sendable {
    public let request: Request
    public let context: DossierRequestContext
    /// The session, for every route but ``ConsoleAccess/anyone`` ones (where it may be nil).
    public let session: ConsoleSession?
    /// The posted form (`application/x-www-form-urlencoded`); empty for a GET.
    public let form: FormValues
    public let services: DossierServices
    let renderer: ConsoleRenderer
    let cookie: String?

    /// The signed-in user. Routes other than ``ConsoleAccess/anyone`` always have one; on
    /// an ``ConsoleAccess/anyone`` route without a session this throws (the 500 page).
    public var user: User {
        get throws {
            guard let session else { throw ConsoleSetupError(detail: "a page read the signed-in user on a route open to anyone") }
            return session.user
        }
    }

    /// A `{name}` parameter of the route's path.
    public func parameter(_ name: String) throws -> String { try context.parameters.require(name) }

    /// A query-string value, trimmed; nil when absent or empty.
    public func query(_ name: String) -> String? {
        guard let raw = request.uri.queryParameters[name[...]] else { return nil }
        let value = String(raw).trimmingCharacters(in: .whitespacesAndNewlines)
        return value.isEmpty ? nil : value
    }

    /// The case named by the path's `{ref}` if the user may see it (the 404 page
    /// otherwise, the same as for a case that does not exist), with the access logged as
    /// `action`. With `module`, a case of another module is the 404 page too.
    public func visibleCase(action: String, module: String? = nil) async throws -> Case {
        let found = try await services.store.visibleCase(named: try parameter("ref"), to: try user.actor)
        guard module == nil || found.module == module else { throw DossierError.notFound("\(module!) case \(found.reference)") }
        try await services.accessLog.record(actor: try user.id, caseID: found.id, action: action, source: accessSource)
        return found
    }

    /// Where the access log says the request came from.
    public var accessSource: String { "console; \(context.accessSource)" }

    /// Renders a registered template (`cases`, or a module's `extradition/board`) with
    /// `data`, and the session's form token as `csrf` for the forms it draws.
    public func render(_ template: String, _ data: [String: Any]) -> RenderedHTML {
        var data = data
        if let session, data["csrf"] == nil { data["csrf"] = session.csrfToken }
        return renderer.render(template, data)
    }

    /// The page `template` makes, inside the console's layout.
    public func page(
        _ title: String, template: String, _ data: [String: Any], status: HTTPResponse.Status = .ok, section: String? = nil
    ) -> ConsoleResponse {
        .page(ConsolePage(title: title, body: render(template, data), status: status, section: section))
    }
}

/// What a console handler answers.
public enum ConsoleResponse: Sendable {
    /// An HTML page in the console's layout.
    case page(ConsolePage)
    /// 303 See Other to a path below `/console/` (post, redirect, get), with a message
    /// for the next page.
    case redirect(String, flash: String? = nil)
    /// 303 See Other to a path below `/console/`, where the next page shows `problem`
    /// as a refusal (a form's input refused, with what was wrong and what is allowed).
    case refusal(String, problem: String)
    /// A response made by hand (a CSV export, the stylesheet).
    case response(Response)
}

/// HTML a console template rendered (every value in it escaped). Only the console makes
/// one, so a page or panel can never carry HTML a module pieced together by hand.
public struct RenderedHTML: Sendable {
    public let text: String

    init(_ text: String) { self.text = text }
}

/// An HTML page's content, before the layout wraps it.
public struct ConsolePage: Sendable {
    public var title: String
    /// HTML rendered by a template.
    public var body: RenderedHTML
    public var status: HTTPResponse.Status
    /// Which navigation entry to mark as current (its path).
    public var section: String?

    public init(title: String, body: RenderedHTML, status: HTTPResponse.Status = .ok, section: String? = nil) {
        self.title = title
        self.body = body
        self.status = status
        self.section = section
    }
}
