import DossierConsole
import DossierCore
import DossierPostgres
import DossierServer
import DossierTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization
import Testing

/// A module for the console tests: open → active → closed, a required input, a guarded
/// step, a timer with a legal basis; and console pages of its own through the contract.
struct ConsoleTestModule: ConsoleModule {
    let id = "inquiry"
    let name = "Inquiry"
    let version = SemanticVersion(1, 0, 0)
    let referencePrefix = "INQ"
    var caseTypes: [CaseType] {
        [CaseType(name: "inquiry", title: "Inquiry", workflow: WorkflowDefinition(
            initialState: "open",
            states: [.init("open"), .init("active"), .init("closed", isTerminal: true)],
            transitions: [
                .init("activate", from: ["open"], to: "active", roles: [.investigator, .supervisor, .legal]),
                .init(
                    "close", from: ["active"], to: "closed", roles: [.supervisor, .investigator, .legal],
                    inputs: [.init("reason", .string), .init("closed_on", .date, required: false)]),
                .init("escalate", from: ["open", "active"], to: "closed", roles: [.admin]),
            ],
            timers: [.init(
                "report_due", start: .enteringState("active"), duration: .days(7), legalBasis: "Policy 3 s.2: report within 7 days",
                obligation: .must)]))]
    }

    var consoleTemplates: [String: String] { ["summary": "<p class=\"inquiry-panel\">Inquiry panel for {{reference}}</p>"] }
    var consoleNavigation: [ConsoleNavigationEntry] { [.init(title: "Inquiries", path: "inquiry/overview", roles: [.supervisor])] }

    func consoleRoutes(services: DossierServices) -> [ConsoleRoute] {
        [.get("overview", "The inquiry overview", access: .roles([.supervisor])) { request in
            request.page("Inquiries", template: "inquiry/summary", ["reference": "all"])
        }]
    }

    func casePanels(for case: Case, request: ConsoleRequest) async throws -> [CasePanel] {
        guard `case`.module == id else { return [] }
        return [CasePanel(title: "Inquiry", html: request.render("inquiry/summary", ["reference": `case`.reference]))]
    }
}

/// The users of the console tests, in agency MET unless said.
enum ConsoleUsers {
    static let accounts: [(String, Set<Role>, String, Classification)] = [
        ("admin", [.admin], "DOSSIER", .official),
        ("ivy", [.investigator], "MET", .secret),
        ("sam", [.supervisor], "MET", .secret),
        ("otto", [.supervisor], "JCF", .secret),
        ("ana", [.analyst], "MET", .secret),
        ("lee", [.legal], "MET", .secret),
        ("aud", [.auditor], "IOPC", .secret),
    ]
    static let password = "correct horse battery"

    static func actor(_ id: String) -> Actor {
        let account = accounts.first { $0.0 == id }!
        return Actor(id: id, roles: account.1, agency: account.2, clearance: account.3)
    }
}

/// A browser's view of the console: it keeps the cookies the server sets and sends them
/// back, as a browser would, and reads each form's token from the page.
struct Browser: Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]

    init(_ client: any TestClientProtocol) { self.client = client }

    struct Page {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: String
        var location: String? { headers[.location] }
        /// The first `name="csrf"` value on the page.
        var csrf: String? { value(of: "csrf") }
        /// The body with `reference` and the request id made neutral, to compare a hidden
        /// thing's page with a missing one's byte for byte.
        func body(naming reference: String) -> String {
            body.replacingOccurrences(of: reference, with: "REF")
                .replacingOccurrences(of: #"Request [0-9a-f]+"#, with: "Request ID", options: .regularExpression)
        }
        /// The first hidden input named `name`.
        func value(of name: String) -> String? {
            guard let range = body.range(of: "name=\"\(name)\" value=\"") else { return nil }
            return String(body[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    mutating func get(_ path: String, headers: HTTPFields = [:]) async throws -> Page {
        try await send(path, method: .get, headers: headers, body: nil)
    }

    mutating func post(_ path: String, _ fields: [(String, String)], headers: HTTPFields = [:]) async throws -> Page {
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await send(path, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    mutating func send(_ path: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> Page {
        // A browser keeps the fragment (`#timeline`) to itself.
        let path = path.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? path
        var headers = headers
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body)
        for field in response.headers[values: .setCookie] {
            let pair = field.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || field.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        return Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }

    /// Signs in through the form, as a person would.
    @discardableResult
    mutating func signIn(_ user: String, password: String = ConsoleUsers.password) async throws -> Page {
        let form = try await get("/console/sign-in")
        return try await post("/console/sign-in", [("csrf", form.csrf ?? ""), ("user", user), ("password", password), ("next", "/console/")])
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
    }
}

/// Runs `body` against the application with the console mounted, on a fresh database
/// with the console users (each with ``ConsoleUsers/password`` when `passwords` names them).
func withConsole<Result: Sendable>(
    passwords: [String] = ["ivy", "sam", "otto", "ana", "lee", "admin", "aud"], clock: MovableClock = MovableClock(),
    console: ConsoleConfiguration = ConsoleConfiguration(), modules: [any CaseModule] = [ConsoleTestModule()],
    checkpointDirectory: URL? = nil,
    _ body: @Sendable @escaping (Browser, TestDatabase) async throws -> Result
) async throws -> Result {
    try await TestDatabase.with(modules: modules, clock: clock.clock) { db async throws in
        let users = UserStore(client: db.client, clock: db.clock, logger: db.logger)
        for (id, roles, agency, clearance) in ConsoleUsers.accounts {
            _ = try await users.createUser(id: id, displayName: id.capitalized, roles: roles, agency: agency, clearance: clearance)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in passwords { group.addTask { try await users.setPassword(ConsoleUsers.password, forUser: id) } }
            try await group.waitForAll()
        }
        var configuration = ServerConfiguration(database: try DatabaseURL(db.url).clientConfiguration)
        configuration.databaseCheckTimeout = .seconds(30)
        configuration.allowsPrivilegedDatabaseRole = true
        configuration.port = 0
        configuration.maximumDatabaseConnections = 4   // the suites share one test server's connections
        configuration.runsTimerScheduler = false
        configuration.runsBackgroundJobs = false
        configuration.clock = db.clock
        configuration.checkpointDirectory = checkpointDirectory
        var logger = Logger(label: "dossier.console.test")
        logger.logLevel = .warning
        let app = try buildApplication(
            configuration: configuration, modules: modules, extensions: [Console(configuration: console)], logger: logger)
        return try await app.test(.router) { client in try await body(Browser(client), db) }
    }
}

/// Opens an inquiry case as `user` (its agency's), activated when asked, through the store.
func openInquiry(_ db: TestDatabase, by user: String, title: String = "Missing ledger", activated: Bool = false) async throws -> Case {
    let actor = ConsoleUsers.actor(user)
    var opened = try await db.store.openCase(
        NewCase(module: "inquiry", type: "inquiry", title: title, owningAgency: actor.agency!, country: "GB"), by: actor)
    if activated {
        opened = try await db.store.runTransition(TransitionRequest(caseID: opened.id, transition: "activate", actor: actor)).case
    }
    return opened
}
