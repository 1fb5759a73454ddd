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
import SurveillanceLogs
import Testing

/// The surveillance API behind the core's authentication and access rules.
@Suite struct SurveillanceHTTPTests {
    static let accounts: [(String, Set<Role>, String)] = [
        ("owen", [.investigator], "MET"), ("sara", [.supervisor], "MET"), ("ivan", [.investigator], "MET"),
    ]

    func withServer(
        _ body: @Sendable @escaping (any TestClientProtocol, TestDatabase, [String: HTTPFields], Case) async throws -> Void
    ) async throws {
        try await TestDatabase.withSurveillance { db async throws in
            let users = UserStore(client: db.client, logger: db.logger)
            var headers: [String: HTTPFields] = [:]
            for (id, roles, agency) in Self.accounts {
                _ = try await users.createUser(id: id, displayName: id, roles: roles, agency: agency, clearance: .secret)
                let token = try await users.issueToken(userID: id).token
                headers[id] = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            }
            let opened = try await db.openOperation()
            var configuration = ServerConfiguration(database: try DatabaseURL(db.url).clientConfiguration)
            configuration.databaseCheckTimeout = .seconds(30)   // a loaded test machine is not an outage
            configuration.checksResponses = true   // every answer held to its declaration
            configuration.allowsPrivilegedDatabaseRole = true   // the test cluster's superuser
            configuration.runsTimerScheduler = false
            configuration.clock = db.clock
            configuration.checkpointDirectory = URL(fileURLWithPath: NSTemporaryDirectory()).appending(path: "dossier-checkpoints-\(db.name)")
            var logger = Logger(label: "surveillance.http.test")
            logger.logLevel = .warning
            let app = try buildApplication(configuration: configuration, modules: [SurveillanceLogs()], logger: logger)
            let tokens = headers
            try await app.test(.router) { client in try await body(client, db, tokens, opened) }
        }
    }

    func object(_ response: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any] ?? [:]
    }

    func array(_ response: TestResponse) -> [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [[String: Any]] ?? []
    }

    @Test func membersLogAndExportWhileAnOfficerWhoIsNotAMemberSeesNothing() async throws {
        try await withServer { client, db, headers, opened in
            let base = "/api/v1/surveillance/cases/\(opened.reference)"
            let from = db.now.addingTimeInterval(-5 * 86_400).formatted(.iso8601)
            let to = db.now.addingTimeInterval(20 * 86_400).formatted(.iso8601)
            let created = try await client.execute(
                uri: "\(base)/authorisations", method: .post, headers: headers["sara"]!,
                body: ByteBuffer(string: #"{"reference": "DS-7", "legal_basis": "uk-ripa-directed", "issuing_authority": "Supt Walsh", "applicant": "DI Shah", "approver": "Supt Walsh", "subjects": ["Daniel Pryce"], "methods": ["visual"], "valid_from": "\#(from)", "valid_to": "\#(to)"}"#))
            #expect(created.status == .created, "\(String(buffer: created.body))")
            let authorisationID = try #require(object(created)["id"] as? String)

            let at = db.now.addingTimeInterval(-86_400).formatted(.iso8601)
            let entry = #"{"authorisation_id": "\#(authorisationID)", "started_at": "\#(at)", "location": "Harbour Road", "subject": "Daniel Pryce", "method": "visual", "text": "Left the unit at 09:12."}"#
            let appended = try await client.execute(uri: "\(base)/entries", method: .post, headers: headers["owen"]!, body: ByteBuffer(string: entry))
            #expect(appended.status == .created, "\(String(buffer: appended.body))")
            #expect(object(appended)["sequence"] as? Int == 1)
            let entryID = try #require(object(appended)["id"] as? String)

            let outOfScope = try await client.execute(
                uri: "\(base)/entries", method: .post, headers: headers["owen"]!,
                body: ByteBuffer(string: entry.replacingOccurrences(of: "\"visual\"", with: "\"interception\"")))
            #expect(outOfScope.status == .unprocessableContent)
            #expect((object(outOfScope)["detail"] as? String)?.hasPrefix("method interception is not covered by authorisation DS-7") == true)

            let corrected = try await client.execute(
                uri: "/api/v1/surveillance/entries/\(entryID)/corrections", method: .post, headers: headers["owen"]!,
                body: ByteBuffer(string: #"{"reason": "time misread", "entry": \#(entry.replacingOccurrences(of: "09:12", with: "09:21"))}"#))
            #expect(corrected.status == .created, "\(String(buffer: corrected.body))")
            #expect(object(corrected)["corrects_entry_id"] as? String == entryID)

            let listed = try await client.execute(uri: "\(base)/entries?subject=Daniel%20Pryce&method=visual", method: .get, headers: headers["owen"]!)
            #expect(array(listed).map { $0["sequence"] as? Int } == [1, 2])

            // Reading never writes: an export is a POST, recorded on the timeline; a GET is no route.
            let version = try await db.store.getCase(id: opened.id).version
            let got = try await client.execute(uri: "\(base)/export", method: .get, headers: headers["owen"]!)
            #expect(got.status == .notFound || got.status == .methodNotAllowed)
            #expect(try await db.store.getCase(id: opened.id).version == version)
            let export = try await client.execute(uri: "\(base)/export", method: .post, headers: headers["owen"]!)
            #expect(export.status == .ok)
            #expect(try await db.store.getCase(id: opened.id).version == version + 1)
            let manifest = try #require(object(export)["manifest"] as? [String: Any])
            #expect(manifest["entries"] as? Int == 2)
            let signingKey = try String(
                contentsOf: URL(fileURLWithPath: NSTemporaryDirectory()).appending(path: "dossier-checkpoints-\(db.name)/signing-key.pub"),
                encoding: .utf8)
            #expect(manifest["public_key"] as? String == signingKey.trimmingCharacters(in: .newlines))
            #expect((manifest["signature"] as? String)?.count == 128)
            #expect((object(export)["lines"] as? [String])?.count == 3)

            for (method, path) in [(HTTPRequest.Method.get, "\(base)/entries"), (.get, "\(base)/authorisations"), (.post, "\(base)/export")] {
                let hidden = try await client.execute(uri: path, method: method, headers: headers["ivan"]!)
                #expect(hidden.status == .notFound, "\(path)")
            }
            let hiddenCorrection = try await client.execute(
                uri: "/api/v1/surveillance/entries/\(entryID)/corrections", method: .post, headers: headers["ivan"]!,
                body: ByteBuffer(string: #"{"reason": "x", "entry": \#(entry)}"#))
            #expect(hiddenCorrection.status == .notFound)
            let hiddenRenewal = try await client.execute(
                uri: "/api/v1/surveillance/authorisations/\(authorisationID)/renew", method: .post, headers: headers["ivan"]!,
                body: ByteBuffer(string: #"{"valid_to": "\#(to)", "approver": "x"}"#))
            #expect(hiddenRenewal.status == .notFound)
            #expect((object(hiddenRenewal)["detail"] as? String) == "authorisation \(authorisationID.lowercased()) does not exist")

            // A renewal granted an hour ago is entered with its effective time.
            let granted = db.now.addingTimeInterval(-3600).formatted(.iso8601)
            let newEnd = db.now.addingTimeInterval(40 * 86_400).formatted(.iso8601)
            let renewed = try await client.execute(
                uri: "/api/v1/surveillance/authorisations/\(authorisationID)/renew", method: .post, headers: headers["sara"]!,
                body: ByteBuffer(string: #"{"valid_to": "\#(newEnd)", "approver": "Supt Walsh", "granted_at": "\#(granted)"}"#))
            #expect(renewed.status == .ok, "\(String(buffer: renewed.body))")
            let renewal = try #require((object(renewed)["renewals"] as? [[String: Any]])?.first)
            #expect(renewal["granted_at"] as? String == granted)
            #expect(renewal["recorded_after_expiry"] as? Bool == false)
            #expect(object(renewed)["time_zone"] as? String == "Europe/London")
        }
    }

    @Test func theOpenAPIDocumentListsTheModulesRoutes() throws {
        let registry = try ModuleRegistry([SurveillanceLogs()])
        let client = PostgresClient(
            configuration: .init(host: "localhost", username: "unused", password: nil, database: nil, tls: .disable),
            backgroundLogger: .init(label: "unused"))
        let router = buildRouter(services: DossierServices(client: client, registry: registry, logger: .init(label: "unused")))
        let routed = Set(router.routes.map { "\($0.method.rawValue) \($0.path)" })
        #expect(routed == Set(documentedOperations(registry: registry)))
        #expect(routed.contains("POST /api/v1/surveillance/cases/{ref}/export"))
    }
}
