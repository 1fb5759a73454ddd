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
            configuration.databaseCheckTimeout = .seconds(30)   // a loaded test machine is not an outage
            configuration.checksResponses = true   // every answer held to its declaration
            configuration.allowsPrivilegedDatabaseRole = true   // the test cluster's superuser
            configuration.runsTimerScheduler = false
            configuration.clock = db.clock
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

    /// A base64url cursor of this JSON, as a client could forge one.
    func forged(_ json: String) -> String {
        Data(json.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    @Test func tamperedCursorsAnswer422NamingTheCursorAndTheServerKeepsServing() async throws {
        try await withColdCaseServer { client, _, headers, _ in
            let id = "0190b8a4-6b5e-7000-8000-000000000001"
            let cursors = [
                forged(#"{"caseID":"\#(id)","boosted":false,"tier":1,"score":\#(Int.min),"reviewDueAt":0}"#),
                forged(#"{"caseID":"\#(id)","boosted":false,"tier":1,"score":\#(Int.max),"reviewDueAt":0}"#),
                forged(#"{"caseID":"\#(id)","boosted":false,"tier":1,"score":5,"reviewDueAt":1e300}"#),
                forged(#"{"caseID":"\#(id)","boosted":false,"tier":1,"score":5,"reviewDueAt":-1e300}"#),
                forged(#"{"caseID":"\#(id)","boosted":false,"tier":-9223372036854775808,"score":5}"#),
                forged(#"{"caseID":"\#(id)","boosted":false,"tier":1,"score":1.5}"#),
                forged(#"{"caseID":"\#(id)","limitationDate":"99999999999999-01-01"}"#),
                forged(#"{"caseID":"\#(id)","limitationDate":"2026-02-30"}"#),
                forged(#"{"caseID":"not-a-uuid"}"#),
                forged(#"[]"#), forged("null"), "%00", "!!!", String(repeating: "A", count: 4000),
            ]
            for path in ["queue", "overdue", "limitations"] {
                for cursor in cursors {
                    let uri = "/api/v1/cold-cases/\(path)?cursor=\(cursor)"
                    let response = try await client.execute(uri: uri, method: .get, headers: headers["sam"]!)
                    #expect(response.status == .unprocessableContent, "\(uri): \(String(buffer: response.body))")
                    #expect((object(response)["detail"] as? String)?.contains("cursor") == true, "\(String(buffer: response.body))")
                }
            }
            // A queue cursor handed to the limitations list (and back) is refused, not misread.
            let queueCursor = forged(#"{"caseID":"\#(id)","boosted":false,"tier":1,"score":5,"reviewDueAt":0}"#)
            let crossed = try await client.execute(
                uri: "/api/v1/cold-cases/limitations?cursor=\(queueCursor)", method: .get, headers: headers["sam"]!)
            #expect(crossed.status == .unprocessableContent)
            let within = try await client.execute(
                uri: "/api/v1/cold-cases/limitations?within=36500", method: .get, headers: headers["sam"]!)
            #expect(object(within)["detail"] as? String == "within '36500' must be a whole number of days from 0 to 3650")
            let alive = try await client.execute(uri: "/api/v1/cold-cases/queue", method: .get, headers: headers["sam"]!)
            #expect(alive.status == .ok)
        }
    }

    @Test func aFullPageEndsWithACursorOfACaseTheUserMaySee() async throws {
        try await withColdCaseServer { client, db, headers, opened in
            // Other agencies' cases come first in the queue (boosted by leads); the supervisor sees only WYP's.
            for index in 0..<5 {
                let foreign = try await db.openColdCase(title: "JCF case \(index)", agency: "JCF")
                _ = try await db.coldCases.addLead(
                    caseID: foreign.id, NewLead(source: "tip", receivedAt: db.now, summary: "a lead"), by: .system)
            }
            let second = try await db.openColdCase(title: "Second WYP case")
            var seen: [String] = []
            var cursor: String?
            repeat {
                let uri = "/api/v1/cold-cases/queue?limit=1" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = object(try await client.execute(uri: uri, method: .get, headers: headers["sam"]!))
                seen += ((page["entries"] as? [[String: Any]]) ?? []).compactMap { $0["reference"] as? String }
                cursor = page["next_cursor"] as? String
                if let cursor {
                    var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
                    base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
                    let decoded = try #require(Data(base64Encoded: base64).flatMap { String(data: $0, encoding: .utf8) })
                    #expect(decoded.contains(opened.id.uuidString) || decoded.contains(second.id.uuidString), "\(decoded)")
                }
            } while cursor != nil && seen.count < 10
            #expect(Set(seen) == [opened.reference, second.reference])
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
