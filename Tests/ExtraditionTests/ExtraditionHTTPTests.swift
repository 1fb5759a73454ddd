import DossierCore
import DossierPostgres
import DossierServer
import DossierTesting
import Extradition
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PostgresNIO
import Testing

/// The extradition API, behind the core's authentication and access rules: legal staff on
/// the case act; an analyst of the same agency without membership sees nothing.
@Suite struct ExtraditionHTTPTests {
    static let accounts: [(String, Set<Role>, String)] = [
        ("lena", [.legal], "CPS"), ("andy", [.analyst], "MET"), ("ada", [.admin], "MET"),
    ]

    func withServer(
        _ body: @Sendable @escaping (any TestClientProtocol, TestDatabase, [String: HTTPFields], Case) async throws -> Void
    ) async throws {
        try await TestDatabase.withExtradition { db async throws in
            let users = UserStore(client: db.client, logger: db.logger)
            var headers: [String: HTTPFields] = [:]
            for (id, roles, agency) in Self.accounts {
                _ = try await users.createUser(id: id, displayName: id, roles: roles, agency: agency, clearance: .secret)
                let token = try await users.issueToken(userID: id).token
                headers[id] = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            }
            let opened = try await db.openExtradition()
            var configuration = ServerConfiguration(database: try DatabaseURL(db.url).clientConfiguration)
            configuration.databaseCheckTimeout = .seconds(30)   // a loaded test machine is not an outage
            configuration.checksResponses = true   // every answer held to its declaration
            configuration.allowsPrivilegedDatabaseRole = true   // the test cluster's superuser
            configuration.runsTimerScheduler = false
            configuration.clock = db.clock
            var logger = Logger(label: "extradition.http.test")
            logger.logLevel = .warning
            let app = try buildApplication(configuration: configuration, modules: [Extradition()], logger: logger)
            let tokens = headers
            try await app.test(.router) { client in try await body(client, db, tokens, opened) }
        }
    }

    func object(_ response: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any] ?? [:]
    }

    @Test func theOriginatingCaseIdIsHiddenFromAReaderWhoMayNotSeeThatCase() async throws {
        try await withServer { client, db, headers, opened in
            let origin = try await db.store.openCase(
                NewCase(module: "extradition", type: "extradition", title: "Origin", owningAgency: "MET", country: "FR",
                        attributes: opened.attributes),
                by: db.olga)
            var attributes = try #require(opened.attributes.objectValue)
            attributes["originating_case_id"] = .string(origin.id.lowercased)
            let linked = try await db.store.openCase(
                NewCase(module: "extradition", type: "extradition", title: "Linked", owningAgency: "MET", country: "FR",
                        attributes: .object(attributes)),
                by: db.olga)
            _ = try await db.store.addMember(caseID: linked.id, userID: "lena", role: .legal, reason: "CPS lawyer", by: .system)

            func originating(_ object: Any?) -> Any? { (object as? [String: Any])?["originating_case_id"] }
            let hidden = try await client.execute(uri: "/api/v1/cases/\(linked.reference)", method: .get, headers: headers["lena"]!)
            #expect(hidden.status == .ok)
            #expect(originating(object(hidden)["attributes"]) as? [String: Bool] == ["hidden": true], "\(String(buffer: hidden.body))")
            #expect(!String(buffer: hidden.body).lowercased().contains(origin.id.lowercased))
            let timeline = try await client.execute(uri: "/api/v1/cases/\(linked.reference)/timeline", method: .get, headers: headers["lena"]!)
            let openedEvent = try #require((object(timeline)["events"] as? [[String: Any]])?.first)
            #expect(originating((openedEvent["payload"] as? [String: Any])?["attributes"]) as? [String: Bool] == ["hidden": true])
            let list = try await client.execute(uri: "/api/v1/cases?module=extradition", method: .get, headers: headers["lena"]!)
            #expect(list.status == .ok)
            #expect(String(buffer: list.body).contains(linked.reference))
            #expect(!String(buffer: list.body).lowercased().contains(origin.id.lowercased), "\(String(buffer: list.body))")

            // Once the reader may see the originating case, its id is shown.
            _ = try await db.store.addMember(caseID: origin.id, userID: "lena", role: .legal, reason: "CPS lawyer", by: .system)
            let shown = try await client.execute(uri: "/api/v1/cases/\(linked.reference)", method: .get, headers: headers["lena"]!)
            #expect((originating(object(shown)["attributes"]) as? String)?.lowercased() == origin.id.lowercased)
        }
    }

    @Test func legalStaffActAndSeeTheBoardWhileAnAnalystWithoutMembershipSeesNothing() async throws {
        try await withServer { client, db, headers, opened in
            let cases = "/api/v1/cases/\(opened.reference)"
            let module = "/api/v1/extradition/cases/\(opened.reference)"
            for (name, inputs) in [("locate", "{}"), ("provisionally_arrest", #"{"custody": "bail"}"#)] {
                let step = try await client.execute(
                    uri: "\(cases)/transitions/\(name)", method: .post, headers: headers["lena"]!,
                    body: ByteBuffer(string: #"{"inputs": \#(inputs)}"#))
                #expect(step.status == .ok, "\(name): \(String(buffer: step.body))")
            }
            let blocked = try await client.execute(
                uri: "\(cases)/transitions/receive_request", method: .post, headers: headers["lena"]!, body: ByteBuffer(string: "{}"))
            #expect(blocked.status == .conflict)
            #expect(object(blocked)["code"] as? String == "guard_refused")
            #expect((object(blocked)["detail"] as? String)?.contains("arrest warrant, statement of facts") == true)

            let document = try await client.execute(
                uri: "\(module)/documents", method: .post, headers: headers["lena"]!,
                body: ByteBuffer(string: #"{"kind": "arrest_warrant", "title": "Warrant no. 4411", "file_name": "w.pdf", "sha256": "\#(String(repeating: "ab", count: 32))"}"#))
            #expect(document.status == .created, "\(String(buffer: document.body))")
            #expect(object(document)["registered_by"] as? String == "lena")
            #expect(object(document)["language"] as? String == "")
            #expect(object(document)["received_on"] == nil)
            // Received a week before the test's day, whatever day the test clock says it is.
            let received = CalendarDate(TestClock.instant.addingTimeInterval(-7 * 86_400), in: .gmt).description
            let dated = try await client.execute(
                uri: "\(module)/documents", method: .post, headers: headers["lena"]!,
                body: ByteBuffer(string: #"{"kind": "translation", "title": "Translation", "sha256": "\#(String(repeating: "cd", count: 32))", "language": "en", "received_on": "\#(received)"}"#))
            #expect(object(dated)["language"] as? String == "en")
            #expect(object(dated)["received_on"] as? String == received)
            let capitals = try await client.execute(
                uri: "\(module)/documents", method: .post, headers: headers["lena"]!,
                body: ByteBuffer(string: #"{"kind": "translation", "title": "Translation", "sha256": "\#(String(repeating: "ef", count: 32))", "language": "EN"}"#))
            #expect(capitals.status == .unprocessableContent)
            #expect((object(capitals)["detail"] as? String)?.contains("language 'EN' must be an ISO 639 code in small letters") == true)

            let board = try await client.execute(uri: "/api/v1/extradition/board", method: .get, headers: headers["lena"]!)
            #expect(board.status == .ok)
            let entries = try #require(object(board)["entries"] as? [[String: Any]])
            #expect(entries.map { $0["timer"] as? String } == ["consent_notice", "request", "request_limit"])
            #expect(entries.first?["legal_basis"] as? String != nil)
            #expect(entries.first?["custody"] as? String == "bail")
            #expect(entries.first?["overdue"] as? Bool == false)

            let deadlines = try await client.execute(uri: "\(module)/deadlines", method: .get, headers: headers["lena"]!)
            #expect(deadlines.status == .ok)
            #expect((object(deadlines)["deadlines"] as? [Any])?.count == 3)

            for path in ["\(module)/deadlines", "\(module)/steps", "\(module)/documents"] {
                let hidden = try await client.execute(uri: path, method: .get, headers: headers["andy"]!)
                #expect(hidden.status == .notFound, "\(path)")
            }
            let analystStep = try await client.execute(
                uri: "\(cases)/transitions/withdraw", method: .post, headers: headers["andy"]!,
                body: ByteBuffer(string: #"{"inputs": {"reason": "x"}}"#))
            #expect(analystStep.status == .notFound)
            let analystBoard = try await client.execute(uri: "/api/v1/extradition/board", method: .get, headers: headers["andy"]!)
            #expect((object(analystBoard)["entries"] as? [Any])?.isEmpty == true)
            #expect(try await db.store.getCase(id: opened.id).state == "provisionally_arrested")
        }
    }

    /// A step recorded late with the zone of its place, an extension, and the board's local
    /// last day beside the requesting state's clock.
    @Test func anExtensionIsRecordedAndTheBoardShowsTheLocalLastDay() async throws {
        try await withServer { client, db, headers, _ in
            let opened = try await db.openExtradition(instrument: "eu-eaw-2002", requesting: "PL", requested: "DE")
            let cases = "/api/v1/cases/\(opened.reference)"
            let module = "/api/v1/extradition/cases/\(opened.reference)"
            let arrest = db.now.addingTimeInterval(-86_400)
            for (name, inputs) in [
                ("locate", #"{"occurred_at": "\#(db.now.addingTimeInterval(-2 * 86_400).formatted(.iso8601))"}"#),
                ("arrest_on_request", #"{"occurred_at": "\#(arrest.formatted(.iso8601))", "zone": "Europe/Busingen"}"#),
            ] {
                let step = try await client.execute(
                    uri: "\(cases)/transitions/\(name)", method: .post, headers: headers["lena"]!,
                    body: ByteBuffer(string: #"{"inputs": \#(inputs)}"#))
                #expect(step.status == .ok, "\(name): \(String(buffer: step.body))")
            }
            let wrongZone = try await client.execute(
                uri: "\(cases)/transitions/record_consent", method: .post, headers: headers["lena"]!,
                body: ByteBuffer(string: #"{"inputs": {"zone": "Europe/Warsaw"}}"#))
            #expect(wrongZone.status == .unprocessableContent)
            #expect(object(wrongZone)["detail"] as? String == "inputs.zone 'Europe/Warsaw' is not a time zone of DE; use Europe/Berlin, Europe/Busingen")

            let badTimer = try await client.execute(
                uri: "\(module)/extensions", method: .post, headers: headers["lena"]!,
                body: ByteBuffer(string: #"{"timer": "decisions", "reason": "x"}"#))
            #expect(badTimer.status == .badRequest, "\(String(buffer: badTimer.body))")
            let hidden = try await client.execute(
                uri: "\(module)/extensions", method: .post, headers: headers["andy"]!,
                body: ByteBuffer(string: #"{"timer": "decision", "reason": "x"}"#))
            #expect(hidden.status == .notFound)
            let extended = try await client.execute(
                uri: "\(module)/extensions", method: .post, headers: headers["lena"]!,
                body: ByteBuffer(string: #"{"timer": "decision", "reason": "Art. 17(4): guarantees awaited"}"#))
            #expect(extended.status == .ok, "\(String(buffer: extended.body))")
            #expect(object(extended)["extensions"] as? Int == 1)
            #expect(object(extended)["time_zone"] as? String == "Europe/Busingen")
            let arrestDay = CalendarDate(arrest, in: TimeZone(identifier: "Europe/Busingen")!)
            #expect(object(extended)["last_day"] as? String == arrestDay.adding(days: 90).description, "60 + 30 days")

            let board = try await client.execute(uri: "/api/v1/extradition/board", method: .get, headers: headers["lena"]!)
            let entry = try #require((object(board)["entries"] as? [[String: Any]])?.first { $0["timer"] as? String == "decision" })
            #expect(entry["last_day"] as? String == arrestDay.adding(days: 90).description)
            #expect(entry["time_zone"] as? String == "Europe/Busingen")
            #expect(entry["requesting_time_zone"] as? String == "Europe/Warsaw")
            // Midnight after the last day, on Büsingen's clock, which Warsaw's reads alike.
            #expect((entry["due_local"] as? String)?.hasPrefix("\(arrestDay.adding(days: 91))T00:00:00+0") == true, "\(entry)")
            #expect((entry["due_in_requesting_state"] as? String)?.hasPrefix("\(arrestDay.adding(days: 91))T00:00:00+0") == true)
            let steps = try await client.execute(uri: "\(module)/steps", method: .get, headers: headers["lena"]!)
            #expect(String(buffer: steps.body).contains(#""time_zone":"Europe/Busingen""#), "\(String(buffer: steps.body))")
        }
    }

    @Test func aStepIsCorrectedAndItsDeadlinesRecomputed() async throws {
        try await withServer { client, db, headers, opened in
            let cases = "/api/v1/cases/\(opened.reference)"
            let module = "/api/v1/extradition/cases/\(opened.reference)"
            let arrest = db.now.addingTimeInterval(-86_400)
            for (name, at) in [("locate", arrest.addingTimeInterval(-86_400)), ("provisionally_arrest", arrest)] {
                let step = try await client.execute(
                    uri: "\(cases)/transitions/\(name)", method: .post, headers: headers["lena"]!,
                    body: ByteBuffer(string: #"{"inputs": {"occurred_at": "\#(at.formatted(.iso8601))"}}"#))
                #expect(step.status == .ok, "\(String(buffer: step.body))")
            }
            let steps = try await client.execute(uri: "\(module)/steps", method: .get, headers: headers["lena"]!)
            let stepID = try #require(
                (try JSONSerialization.jsonObject(with: Data(steps.body.readableBytesView)) as? [[String: Any]])?
                    .first { $0["transition"] as? String == "provisionally_arrest" }?["id"] as? String)
            let corrected = arrest.addingTimeInterval(-3600)
            let body = #"{"occurred_at": "\#(corrected.formatted(.iso8601))", "reason": "the custody record says an hour earlier"}"#
            let notAStep = try await client.execute(
                uri: "\(module)/steps/not-a-uuid/corrections", method: .post, headers: headers["lena"]!, body: ByteBuffer(string: body))
            #expect(notAStep.status == .unprocessableContent, "\(String(buffer: notAStep.body))")
            let hidden = try await client.execute(
                uri: "\(module)/steps/\(stepID)/corrections", method: .post, headers: headers["andy"]!, body: ByteBuffer(string: body))
            #expect(hidden.status == .notFound)
            let response = try await client.execute(
                uri: "\(module)/steps/\(stepID)/corrections", method: .post, headers: headers["lena"]!, body: ByteBuffer(string: body))
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            let deadlines = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]])
            let running = deadlines.filter { $0["status"] as? String == "running" && $0["timer"] as? String == "request" }
            #expect(running.count == 1)
            #expect(running.first?["runs_from"] as? String == corrected.formatted(.iso8601))
            #expect(deadlines.contains { $0["status"] as? String == "superseded" && ($0["reason"] as? String)?.hasPrefix("corrected: ") == true })
            let after = try await client.execute(uri: "\(module)/steps", method: .get, headers: headers["lena"]!)
            #expect(String(buffer: after.body).contains(#""reason":"the custody record says an hour earlier""#))

            // Opened under the ECE by mistake: corrected to the EAW over HTTP.
            let unknown = try await client.execute(
                uri: "\(module)/instrument-corrections", method: .post, headers: headers["lena"]!,
                body: ByteBuffer(string: #"{"instrument": "hague-1999", "reason": "x"}"#))
            #expect(unknown.status == .unprocessableContent)
            let hiddenCorrection = try await client.execute(
                uri: "\(module)/instrument-corrections", method: .post, headers: headers["andy"]!,
                body: ByteBuffer(string: #"{"instrument": "eu-eaw-2002", "reason": "x"}"#))
            #expect(hiddenCorrection.status == .notFound)
            let eaw = try await client.execute(
                uri: "\(module)/instrument-corrections", method: .post, headers: headers["lena"]!,
                body: ByteBuffer(string: #"{"instrument": "eu-eaw-2002", "reason": "a European arrest warrant"}"#))
            #expect(eaw.status == .ok, "\(String(buffer: eaw.body))")
            let open = (try JSONSerialization.jsonObject(with: Data(eaw.body.readableBytesView)) as? [[String: Any]] ?? [])
                .filter { ["running", "expired"].contains($0["status"] as? String) }
            #expect(open.map { $0["timer"] as? String } == ["decision"])
        }
    }

    @Test func instrumentsAreReadByAllAndEditedByAdministrators() async throws {
        try await withServer { client, _, headers, _ in
            let list = try await client.execute(uri: "/api/v1/extradition/instruments", method: .get, headers: headers["andy"]!)
            #expect(list.status == .ok)
            let instrument = #"{"id": "au-fr-1988", "name": "Australia-France treaty", "citation": "Canberra, 31 August 1988", "has_executive_stage": true, "timers": [{"timer": "request", "value": 45, "unit": "calendar_days", "legal_basis": "Art. 11(4)", "obligation": "may"}], "document_requirements": [{"transition": "receive_request", "kind": "arrest_warrant"}]}"#
            let byLegal = try await client.execute(
                uri: "/api/v1/extradition/instruments/au-fr-1988", method: .put, headers: headers["lena"]!, body: ByteBuffer(string: instrument))
            #expect(byLegal.status == .forbidden)
            let saved = try await client.execute(
                uri: "/api/v1/extradition/instruments/au-fr-1988", method: .put, headers: headers["ada"]!, body: ByteBuffer(string: instrument))
            #expect(saved.status == .ok, "\(String(buffer: saved.body))")
            #expect((object(saved)["timers"] as? [[String: Any]])?.first?["counting"] as? String == "day_after_event")

            let badUnit = instrument.replacingOccurrences(of: "calendar_days", with: "fortnights")
            let refused = try await client.execute(
                uri: "/api/v1/extradition/instruments/au-fr-1988", method: .put, headers: headers["ada"]!, body: ByteBuffer(string: badUnit))
            #expect(refused.status == .badRequest, "\(String(buffer: refused.body))")
            #expect(
                (object(refused)["detail"] as? String)?.hasSuffix(
                    "timers.[0].unit: 'fortnights' is not allowed; use hours, calendar_days, working_days or calendar_months") == true,
                "\(String(buffer: refused.body))")

            // A body without territory_periods keeps the ones the instrument has.
            let ukBody = #"{"id": "uk-ea-2003-part-2", "name": "Extradition Act 2003, Part 2", "citation": "Extradition Act 2003 c. 41, Part 2", "has_executive_stage": true, "timers": [{"timer": "request", "value": 45, "unit": "calendar_days", "counting": "starting_with_the_day", "legal_basis": "s.74(11)(a)", "obligation": "must"}]}"#
            let uk = try await client.execute(
                uri: "/api/v1/extradition/instruments/uk-ea-2003-part-2", method: .put, headers: headers["ada"]!,
                body: ByteBuffer(string: ukBody))
            #expect(uk.status == .ok, "\(String(buffer: uk.body))")
            #expect((object(uk)["territory_periods"] as? [[String: Any]])?.map { $0["requesting_state"] as? String } == ["HK", "IN", "SH"])

            let mismatch = try await client.execute(
                uri: "/api/v1/extradition/instruments/other", method: .put, headers: headers["ada"]!, body: ByteBuffer(string: instrument))
            #expect(mismatch.status == .unprocessableContent)
            let missing = try await client.execute(uri: "/api/v1/extradition/instruments/none", method: .get, headers: headers["lena"]!)
            #expect(missing.status == .notFound)
        }
    }

    /// The document is made from the routes' declarations: a module's request bodies come
    /// with their schemas, and its path parameters with their names.
    @Test func theOpenAPIDocumentDescribesTheModulesBodiesAndParameters() async throws {
        try await withServer { client, _, headers, _ in
            let response = try await client.execute(uri: "/api/v1/openapi.json", method: .get, headers: headers["lena"]!)
            let paths = try #require(object(response)["paths"] as? [String: Any])
            let custody = try #require((paths["/api/v1/extradition/cases/{ref}/custody"] as? [String: Any])?["put"] as? [String: Any])
            #expect(custody["tags"] as? [String] == ["extradition"])
            #expect((custody["parameters"] as? [[String: Any]])?.map { $0["name"] as? String } == ["ref"])
            let schema = try #require(
                (((custody["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"]
                    as? [String: Any])
            #expect(schema["required"] as? [String] == ["custody", "note"])
            let custodyValues = ((schema["properties"] as? [String: Any])?["custody"] as? [String: Any])?["enum"] as? [String]
            #expect(custodyValues == CustodyStatus.allCases.map(\.rawValue))
            let board = try #require((paths["/api/v1/extradition/board"] as? [String: Any])?["get"] as? [String: Any])
            #expect(board["requestBody"] == nil)
        }
    }

    @Test func theOpenAPIDocumentListsTheModulesRoutes() throws {
        let registry = try ModuleRegistry([Extradition()])
        let client = PostgresClient(
            configuration: .init(host: "localhost", username: "unused", password: nil, database: nil, tls: .disable),
            backgroundLogger: .init(label: "unused"))
        let router = buildRouter(services: DossierServices(client: client, registry: registry, logger: .init(label: "unused")))
        let routed = Set(router.routes.map { "\($0.method.rawValue) \($0.path)" })
        #expect(routed == Set(documentedOperations(registry: registry)))
        #expect(routed.contains("GET /api/v1/extradition/board"))
    }
}
