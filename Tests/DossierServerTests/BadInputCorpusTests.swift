import ColdCases
import DossierCore
import DossierPostgres
import DossierServer
import DossierTesting
import Extradition
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import InvestigatorNetwork
import Logging
import NIOCore
import PostgresNIO
import SurveillanceLogs
import Testing

/// Every documented route, the built-in modules' included, against what a hostile client
/// sends: NUL bytes, invalid UTF-8, huge and negative numbers, tampered cursors, deep and
/// broken JSON, oversized values. Never a 5xx, and the server keeps serving.
@Suite struct BadInputCorpusTests {
    static let pathValues = [
        "%00", "INQ-2026-000001%00", "%FF%FE", "..%2F..%2Fetc%2Fpasswd", "-1", "99999999999999999999999",
        "00000000-0000-0000-0000-000000000000", String(repeating: "A", count: 3000), "%27%3B%20DROP%20TABLE%20cases%3B--",
    ]

    static let query = [
        "limit=-1", "limit=99999999999999999999", "limit=1e300", "cursor=%00", "cursor=eyJjYXNlSUQiOiJ4In0",
        // A work-list cursor with a score of Int.min and a review date of 1e300 (it used to trap the process).
        "cursor=eyJjYXNlSUQiOiIwMTkwQjhBNC02QjVFLTcwMDAtODAwMC0wMDAwMDAwMDAwMDEiLCJib29zdGVkIjpmYWxzZSwidGllciI6MSwic2NvcmUiOi05MjIzMzcyMDM2ODU0Nzc1ODA4LCJyZXZpZXdEdWVBdCI6MWUzMDB9",
        "cursor=" + String(repeating: "A", count: 5000), "after=-9223372036854775808", "before=99999999999999999999",
        "days=1e300", "days=-5", "within=-1", "born=-2147483649", "name=%00x", "name=%FF%FE", "state=%00",
        "country=%C0%AF", "case_id=not-a-uuid", "verify=%00", "format=%00",
    ]

    static let bodies: [String] = [
        "{", "[]", "null", "\"text\"", #"{"text": "a\u0000b", "title": "a\u0000b", "id": "a\u0000b"}"#,
        #"{"limit": 1e400, "title": 123456789012345678901234567890, "days": -9223372036854775809}"#,
        String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000),
        #"{"attributes": {"offence_date": "99999999-01-01", "went_cold_on": "0000-00-00"}, "valid_from": "+999999-01-01T00:00:00Z"}"#,
    ]

    @Test func noRouteAnswersAServerErrorToHostileInput() async throws {
        let modules: [any CaseModule] = [ServerTestModule(), ColdCases(), Extradition(), SurveillanceLogs(), InvestigatorNetwork()]
        try await TestDatabase.with(modules: modules) { db async throws in
            let users = try await TestUsers.create(in: db)
            var configuration = ServerConfiguration(database: try DatabaseURL(db.url).clientConfiguration)
            configuration.databaseCheckTimeout = .seconds(30)   // a loaded test machine is not an outage
            configuration.allowsPrivilegedDatabaseRole = true   // the test cluster's superuser
            configuration.runsTimerScheduler = false
            configuration.runsBackgroundJobs = false
            configuration.clock = db.clock
            var logger = Logger(label: "dossier.corpus.test")
            logger.logLevel = .critical
            let app = try buildApplication(configuration: configuration, modules: modules, logger: logger)
            let operations = documentedOperations(registry: try ModuleRegistry(modules))
            #expect(operations.count > 60)
            try await app.test(.router) { client in
                var failures: [String] = []
                var sent = 0
                for operation in operations {
                    let parts = operation.split(separator: " ", maxSplits: 1)
                    let method = HTTPRequest.Method(String(parts[0]))!
                    let template = String(parts[1])
                    let hasParameters = template.contains("{")
                    for value in hasParameters ? Self.pathValues : [""] {
                        let path = template.replacingOccurrences(of: #"\{[a-z_]+\}"#, with: value, options: .regularExpression)
                        let bodies: [String?] = method == .get || method == .delete ? [nil] : [nil] + Self.bodies
                        for user in ["sam", "admin", "aud"] {
                            for uri in [path] {
                                for body in bodies {
                                    var headers = users.headers(user)
                                    headers[.ifMatch] = "\"-99999999999999999999\""
                                    headers[HTTPField.Name("Idempotency-Key")!] = String(repeating: "k", count: 4000)
                                    let response = try await client.execute(
                                        uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
                                    sent += 1
                                    if response.status.code >= 500 {
                                        failures.append("\(response.status.code) \(method) \(uri.prefix(120)) body \(body?.prefix(60) ?? "-"): \(response.text.prefix(200))")
                                    }
                                }
                            }
                        }
                    }
                }
                // Each hostile query parameter on its own (the first of a repeated name wins), on
                // every read, with the path naming a case the user may see.
                let visible = try await db.openInquiry(by: users.actor("sam"))
                for operation in operations where operation.hasPrefix("GET ") {
                    let path = String(operation.dropFirst(4))
                        .replacingOccurrences(of: "{ref}", with: visible.reference)
                        .replacingOccurrences(of: #"\{[a-z_]+\}"#, with: visible.id.uuidString, options: .regularExpression)
                    for item in Self.query {
                        let response = try await client.execute(uri: path + "?" + item, method: .get, headers: users.headers("sam"))
                        sent += 1
                        if response.status.code >= 500 {
                            failures.append("\(response.status.code) GET \(path)?\(item.prefix(60)): \(response.text.prefix(200))")
                        }
                    }
                }
                // Invalid UTF-8 in a body, on the core's JSON routes.
                for uri in ["/api/v1/cases", "/api/v1/persons"] {
                    let response = try await client.execute(
                        uri: uri, method: .post, headers: users.headers("sam"), body: ByteBuffer(bytes: [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D]))
                    if response.status.code >= 500 { failures.append("\(response.status.code) POST \(uri) invalid UTF-8") }
                }
                #expect(sent > 2000)
                #expect(failures.isEmpty, "\(failures.count) of \(sent) requests answered 5xx:\n\(failures.prefix(40).joined(separator: "\n"))")
                #expect(try await client.execute(uri: "/health/live", method: .get).status == .ok)
                #expect(try await client.execute(uri: "/api/v1/cases", method: .get, headers: users.headers("sam")).status == .ok)
            }
        }
    }
}
