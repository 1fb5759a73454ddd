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
import PostgresNIO
import Testing

/// A small module for the HTTP tests: open → active → closed, with a timer.
struct ServerTestModule: CaseModule {
    let id = "inquiry"
    let name = "Inquiry"
    let version = SemanticVersion(1, 0, 0)
    let referencePrefix = "INQ"
    var caseTypes: [CaseType] {
        [CaseType(name: "inquiry", title: "Inquiry", workflow: WorkflowDefinition(
            initialState: "open",
            states: [.init("open"), .init("active"), .init("closed", isTerminal: true)],
            transitions: [
                .init("activate", from: ["open"], to: "active", roles: [.investigator, .supervisor]),
                .init("close", from: ["active"], to: "closed", roles: [.supervisor], inputs: [.init("reason", .string)]),
            ],
            timers: [.init("first_report_due", start: .enteringState("active"), duration: .days(7), legalBasis: "Policy 3")]))]
    }
}

/// Users of every role, with tokens, in agency MET unless said.
struct TestUsers {
    var tokens: [String: String] = [:]

    static let accounts: [(String, Set<Role>, String, Classification)] = [
        ("admin", [.admin], "DOSSIER", .official),
        ("ivy", [.investigator], "MET", .confidential),
        ("sam", [.supervisor], "MET", .secret),
        ("otto", [.supervisor], "JCF", .secret),
        ("ana", [.analyst], "MET", .secret),
        ("aud", [.auditor], "IOPC", .secret),
        ("lee", [.legal], "CPS", .secret),
    ]

    static func create(in db: TestDatabase) async throws -> TestUsers {
        let users = UserStore(client: db.client, logger: db.logger)
        var result = TestUsers()
        for (id, roles, agency, clearance) in accounts {
            _ = try await users.createUser(id: id, displayName: id, roles: roles, agency: agency, clearance: clearance)
            result.tokens[id] = try await users.issueToken(userID: id).token
        }
        return result
    }

    func headers(_ user: String, _ extra: HTTPFields = [:]) -> HTTPFields {
        var headers = extra
        headers[.authorization] = "Bearer \(tokens[user]!)"
        headers[.contentType] = "application/json"
        return headers
    }

    func actor(_ id: String) -> Actor {
        let account = Self.accounts.first { $0.0 == id }!
        return Actor(id: id, roles: account.1, agency: account.2, clearance: account.3)
    }
}

/// The test process's metrics: bootstrapped once, as an executable would, so `/metrics`
/// shows what the server records.
enum TestMetrics {
    static let registry = PrometheusMetrics.bootstrap()
}

/// Runs `body` against the application on a fresh test database.
func withServer<Result: Sendable>(
    _ setup: TestingSetup = .router, trustedProxies: [String] = [], checkpointDirectory: URL? = nil, clock: WallClock = .test,
    _ body: @Sendable @escaping (any TestClientProtocol, TestDatabase, TestUsers) async throws -> Result
) async throws -> Result {
    try await TestDatabase.with(modules: [ServerTestModule()], clock: clock) { db async throws in
        let users = try await TestUsers.create(in: db)
        var configuration = ServerConfiguration(database: try DatabaseURL(db.url).clientConfiguration)
        configuration.databaseCheckTimeout = .seconds(30)   // a loaded test machine is not an outage
        configuration.checksResponses = true   // every answer held to its declaration
        configuration.allowsPrivilegedDatabaseRole = true   // the test cluster's superuser
        configuration.port = 0
        configuration.maximumBodySize = 64 * 1024
        configuration.runsTimerScheduler = false
        configuration.clock = db.clock
        configuration.trustedProxies = trustedProxies
        configuration.checkpointDirectory = checkpointDirectory
        configuration.metrics = TestMetrics.registry
        var logger = Logger(label: "dossier.server.test")
        logger.logLevel = .warning
        let app = try buildApplication(configuration: configuration, modules: [ServerTestModule()], logger: logger)
        return try await app.test(setup) { client in try await body(client, db, users) }
    }
}

func json(_ value: some Encodable) throws -> ByteBuffer {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    return ByteBuffer(bytes: try encoder.encode(value))
}

func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

extension TestResponse {
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }

    var array: [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [[String: Any]] ?? []
    }

    var text: String { String(buffer: body) }
}

extension TestDatabase {
    /// Opens an inquiry as `actor` (who becomes its lead member).
    func openInquiry(
        by actor: Actor, title: String = "Missing shipment", agency: String = "MET", classification: Classification = .official
    ) async throws -> Case {
        try await store.openCase(
            NewCase(module: "inquiry", type: "inquiry", title: title, classification: classification, owningAgency: agency, country: "GB"),
            by: actor)
    }
}
