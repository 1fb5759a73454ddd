import DossierCore
import DossierPostgres
import DossierServer
import DossierTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import InvestigatorNetwork
import Logging
import NIOCore
import PostgresNIO
import Testing

/// The directory API behind the core's authentication.
@Suite struct NetworkHTTPTests {
    static let accounts: [(String, Set<Role>, String)] = [("ivy", [.investigator], "BKA"), ("ada", [.admin], "MET")]

    func withServer(_ body: @Sendable @escaping (any TestClientProtocol, TestDatabase, [String: HTTPFields]) async throws -> Void) async throws {
        try await TestDatabase.withNetwork { db async throws in
            let users = UserStore(client: db.client, logger: db.logger)
            var headers: [String: HTTPFields] = [:]
            for (id, roles, agency) in Self.accounts {
                _ = try await users.createUser(id: id, displayName: id, roles: roles, agency: agency, clearance: .secret)
                headers[id] = [.authorization: "Bearer \(try await users.issueToken(userID: id).token)", .contentType: "application/json"]
            }
            var configuration = ServerConfiguration(database: try DatabaseURL(db.url).clientConfiguration)
            configuration.databaseCheckTimeout = .seconds(30)   // a loaded test machine is not an outage
            configuration.checksResponses = true   // every answer held to its declaration
            configuration.allowsPrivilegedDatabaseRole = true   // the test cluster's superuser
            configuration.runsTimerScheduler = false
            configuration.clock = db.clock
            var logger = Logger(label: "network.http.test")
            logger.logLevel = .warning
            let app = try buildApplication(configuration: configuration, modules: [InvestigatorNetwork(), PlainCases()], logger: logger)
            let tokens = headers
            try await app.test(.router) { client in try await body(client, db, tokens) }
        }
    }

    func json(_ response: TestResponse) -> Any? { try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) }

    @Test func searchContactsAndOwnAgencyEntriesOverHTTP() async throws {
        try await withServer { client, db, headers in
            let madrid = try await db.agency("ES-POL", country: "ES")
            let met = try await db.agency("MET", country: "GB")
            let ana = try await db.investigator("Ana García", agency: madrid, languages: ["es"], specialties: [.drugTrafficking])
            let hidden = try await db.investigator("Sam Okafor", agency: met, visibility: .ownAgency)
            try await db.network.setContacts(country: "ES", [(ana.id, 1)], by: db.admin)

            let search = try await client.execute(
                uri: "/api/v1/network/search?country=es&language=SPA&specialty=drug_trafficking", method: .get, headers: headers["ivy"]!)
            #expect(search.status == .ok)
            let hits = try #require(json(search) as? [[String: Any]])
            #expect(hits.count == 1)
            #expect((hits.first?["investigator"] as? [String: Any])?["latin_name"] as? String == "Ana García")
            #expect(hits.first?["stale"] as? Bool == false)

            let badSpecialty = try await client.execute(uri: "/api/v1/network/search?specialty=jaywalking", method: .get, headers: headers["ivy"]!)
            #expect(badSpecialty.status == .unprocessableContent)

            let contacts = try await client.execute(uri: "/api/v1/network/contacts/es", method: .get, headers: headers["ivy"]!)
            #expect((json(contacts) as? [[String: Any]])?.first?["priority"] as? Int == 1)

            let outsider = try await client.execute(uri: "/api/v1/network/investigators/\(hidden.id.lowercased)", method: .get, headers: headers["ivy"]!)
            #expect(outsider.status == .notFound)
            let insider = try await client.execute(uri: "/api/v1/network/investigators/\(hidden.id.lowercased)", method: .get, headers: headers["ada"]!)
            #expect(insider.status == .ok)

            let csv = "latin_name,agency_code,country,role,languages,specialties,channels,time_zone,verified_by,verified_at,verification_expires_at\nX,ES-POL,ES,r,xx,homicide,i24_7:a,Europe/Madrid,NCB,2026-01-01,2027-01-01\n"
            let byOfficer = try await client.execute(uri: "/api/v1/network/import?dry_run=true", method: .post, headers: headers["ivy"]!, body: ByteBuffer(string: csv))
            #expect(byOfficer.status == .forbidden)
            let rejected = try await client.execute(uri: "/api/v1/network/import", method: .post, headers: headers["ada"]!, body: ByteBuffer(string: csv))
            #expect(rejected.status == .unprocessableContent)
            let report = try #require(json(rejected) as? [String: Any])
            #expect((report["rejected"] as? [[String: Any]])?.first?["field"] as? String == "languages")
            #expect(report["imported"] as? Int == 0)

            let export = try await client.execute(uri: "/api/v1/network/export?format=csv", method: .get, headers: headers["ivy"]!)
            #expect(export.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(!String(buffer: export.body).contains("Sam Okafor"))
        }
    }

    @Test func theOpenAPIDocumentListsTheModulesRoutes() throws {
        let registry = try ModuleRegistry([InvestigatorNetwork()])
        let client = PostgresClient(
            configuration: .init(host: "localhost", username: "unused", password: nil, database: nil, tls: .disable),
            backgroundLogger: .init(label: "unused"))
        let router = buildRouter(services: DossierServices(client: client, registry: registry, logger: .init(label: "unused")))
        let routed = Set(router.routes.map { "\($0.method.rawValue) \($0.path)" })
        #expect(routed == Set(documentedOperations(registry: registry)))
    }
}
