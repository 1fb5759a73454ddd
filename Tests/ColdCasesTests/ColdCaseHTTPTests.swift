import ColdCases
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

/// The cold-cases API, behind the core's authentication and access rules.
@Suite struct ColdCaseHTTPTests {
    /// Users in the case's agency (WYP) and one outside it, with their tokens.
    static let accounts: [(String, Set<Role>, String)] = [
        ("ivy", [.investigator], "WYP"), ("sam", [.supervisor], "WYP"), ("sue", [.investigator, .supervisor], "WYP"),
        ("otto", [.supervisor], "JCF"),
    ]

    func withColdCaseServer(
        _ body: @Sendable @escaping (any TestClientProtocol, TestDatabase, [String: HTTPFields], Case) async throws -> Void
    ) async throws {
        try await TestDatabase.withColdCases { db async throws in
            let users = UserStore(client: db.client, logger: db.logger)
            var headers: [String: HTTPFields] = [:]
            for (id, roles, agency) in Self.accounts {
                _ = try await users.createUser(id: id, displayName: id, roles: roles, agency: agency, clearance: .secret)
                let token = try await users.issueToken(userID: id).token
                headers[id] = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            }
            let opened = try await db.openColdCase()
            try await db.store.addMember(caseID: opened.id, userID: "sue", role: .investigator, by: .system)
            var configuration = ServerConfiguration(database: try DatabaseURL(db.url).clientConfiguration)
            configuration.runsTimerScheduler = false
            var logger = Logger(label: "cold-cases.http.test")
            logger.logLevel = .warning
            let app = try buildApplication(configuration: configuration, modules: [ColdCases()], logger: logger)
            let tokens = headers
            try await app.test(.router) { client in try await body(client, db, tokens, opened) }
        }
    }

    func object(_ response: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any] ?? [:]
    }

    @Test func theReviewCycleRunsOverHTTPWithSegregationOfDuties() async throws {
        try await withColdCaseServer { client, _, headers, opened in
            let base = "/api/v1/cold-cases/cases/\(opened.reference)"
            let started = try await client.execute(
                uri: "\(base)/reviews", method: .post, headers: headers["sue"]!, body: ByteBuffer(string: #"{"type": "periodic"}"#))
            #expect(started.status == .created, "\(String(buffer: started.body))")
            let reviewID = try #require(object(started)["id"] as? String)
            let recorded = try await client.execute(
                uri: "/api/v1/cold-cases/reviews/\(reviewID)/record", method: .post, headers: headers["sue"]!,
                body: ByteBuffer(string: #"{"factors": {"suspect_identified": true, "forensic_evidence_available": true, "witnesses_available": false, "victim_family_contact": true, "new_technique_applicable": true, "limitation_open": true}, "findings": "Touch DNA on exhibit 4 can be re-tested.", "decision": "reopen"}"#))
            #expect(recorded.status == .ok, "\(String(buffer: recorded.body))")
            #expect(object(recorded)["tier"] as? Int == 1)

            let ownApproval = try await client.execute(uri: "/api/v1/cold-cases/reviews/\(reviewID)/approve", method: .post, headers: headers["sue"]!)
            #expect(ownApproval.status == .conflict)
            #expect(object(ownApproval)["code"] as? String == "hook_refused")
            #expect((object(ownApproval)["detail"] as? String)?.hasPrefix("segregation of duties") == true, "\(String(buffer: ownApproval.body))")

            let approved = try await client.execute(uri: "/api/v1/cold-cases/reviews/\(reviewID)/approve", method: .post, headers: headers["sam"]!)
            #expect(approved.status == .ok, "\(String(buffer: approved.body))")
            #expect(object(approved)["case_state"] as? String == "reopened")
        }
    }

    @Test func workListsHoldOnlyCasesTheUserMaySee() async throws {
        try await withColdCaseServer { client, _, headers, opened in
            let lead = try await client.execute(
                uri: "/api/v1/cold-cases/cases/\(opened.reference)/leads", method: .post, headers: headers["ivy"]!,
                body: ByteBuffer(string: #"{"source": "Crimestoppers", "summary": "Caller names a suspect"}"#))
            #expect(lead.status == .created, "\(String(buffer: lead.body))")
            let mine = try await client.execute(uri: "/api/v1/cold-cases/queue", method: .get, headers: headers["sam"]!)
            let entries = (object(mine)["entries"] as? [[String: Any]]) ?? []
            #expect(entries.first?["reference"] as? String == opened.reference)
            #expect(entries.first?["boosted"] as? Bool == true)
            let foreign = try await client.execute(uri: "/api/v1/cold-cases/queue", method: .get, headers: headers["otto"]!)
            #expect((object(foreign)["entries"] as? [[String: Any]])?.isEmpty == true)
            let overdue = try await client.execute(uri: "/api/v1/cold-cases/overdue", method: .get, headers: headers["otto"]!)
            #expect((object(overdue)["entries"] as? [[String: Any]])?.isEmpty == true)
        }
    }

    @Test func aRetriedLeadIsRecordedOnceAndStaleWritesAreRefused() async throws {
        try await withColdCaseServer { client, db, headers, opened in
            var withKey = headers["ivy"]!
            withKey[HTTPField.Name("Idempotency-Key")!] = "lead-1"
            for _ in 0..<3 {
                let response = try await client.execute(
                    uri: "/api/v1/cold-cases/cases/\(opened.reference)/leads", method: .post, headers: withKey,
                    body: ByteBuffer(string: #"{"source": "Crimestoppers", "summary": "Caller names a suspect"}"#))
                #expect(response.status == .created, "\(String(buffer: response.body))")
            }
            #expect(try await db.coldCases.leads(caseID: opened.id).count == 1)
            var stale = headers["ivy"]!
            stale[.ifMatch] = "\"1\""
            let refused = try await client.execute(
                uri: "/api/v1/cold-cases/cases/\(opened.reference)/evidence", method: .post, headers: stale,
                body: ByteBuffer(string: #"{"item": "Knife", "exhibit_reference": "AB/1", "storage_location": "Store B", "condition": "good"}"#))
            #expect(refused.status == .preconditionFailed)
            #expect(try await db.coldCases.evidence(caseID: opened.id).isEmpty)
        }
    }

    @Test func everythingIsRefusedForAUserWithoutAccessToTheCase() async throws {
        try await withColdCaseServer { client, db, headers, opened in
            let review = try await db.coldCases.startReview(caseID: opened.id, type: .periodic, by: db.ivy)
            let base = "/api/v1/cold-cases/cases/\(opened.reference)"
            let requests: [(String, HTTPRequest.Method, String?)] = [
                ("\(base)/reviews", .get, nil),
                ("\(base)/reviews", .post, #"{"type": "periodic"}"#),
                ("\(base)/evidence", .get, nil),
                ("\(base)/evidence", .post, #"{"item": "Knife", "exhibit_reference": "AB/1", "storage_location": "Store B", "condition": "good"}"#),
                ("\(base)/leads", .get, nil),
                ("\(base)/leads", .post, #"{"source": "x", "summary": "y"}"#),
                ("/api/v1/cold-cases/reviews/\(review.id.uuidString)/record", .post, #"{"factors": {}, "findings": "x", "decision": "remain_cold"}"#),
                ("/api/v1/cold-cases/reviews/\(review.id.uuidString)/approve", .post, nil),
            ]
            for (uri, method, body) in requests {
                let response = try await client.execute(uri: uri, method: method, headers: headers["otto"]!, body: body.map { ByteBuffer(string: $0) })
                #expect(response.status == .notFound, "\(method) \(uri): \(String(buffer: response.body))")
            }
            #expect(try await db.coldCases.evidence(caseID: opened.id).isEmpty)
            #expect(try await db.coldCases.leads(caseID: opened.id).isEmpty)
            #expect(try await db.coldCases.reviews(caseID: opened.id).count == 1)
        }
    }

    @Test func theOpenAPIDocumentListsTheModulesRoutes() throws {
        let registry = try ModuleRegistry([ColdCases()])
        let client = PostgresClient(
            configuration: .init(host: "localhost", username: "unused", password: nil, database: nil, tls: .disable),
            backgroundLogger: .init(label: "unused"))
        let router = buildRouter(services: DossierServices(client: client, registry: registry, logger: .init(label: "unused")))
        let routed = Set(router.routes.map { "\($0.method.rawValue) \($0.path)" })
        #expect(routed == Set(documentedOperations(registry: registry)))
        #expect(routed.contains("GET /api/v1/cold-cases/queue"))
    }
}
