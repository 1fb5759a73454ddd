import DossierCore
import DossierPostgres
@testable import DossierServer
import DossierTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The schema checker that holds answers to the OpenAPI document, and the document's
/// promise that every route states what it answers.
@Suite struct ResponseCheckTests {
    static let person = JSONSchema.object(
        ["id": JSONSchema.uuid, "name": JSONSchema.string, "born": JSONSchema.date, "sex": JSONSchema.enumeration(["F", "M"]),
         "tags": JSONSchema.array(of: JSONSchema.string), "seen_at": JSONSchema.dateTime, "country": JSONSchema.country],
        optional: ["born", "seen_at", "country"])

    func violations(_ json: String) throws -> [String] {
        SchemaValidator.violations(of: try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)), against: Self.person)
    }

    @Test func aConformingValueHasNoViolationsAndOptionalFieldsMayBeAbsent() throws {
        #expect(try violations(#"{"id": "01a23635-9ecf-7cf6-8b8a-a1eae3000000", "name": "A", "sex": "F", "tags": []}"#).isEmpty)
        #expect(try violations(#"""
            {"id": "01A23635-9ECF-7CF6-8B8A-A1EAE3000000", "name": "A", "sex": "M", "tags": ["x"], "born": "1980-02-29",
             "seen_at": "2026-12-02T10:00:00Z"}
            """#).isEmpty)
    }

    @Test func eachKindOfDisagreementIsNamedWithItsPath() throws {
        let found = try violations(#"""
            {"id": "not-a-uuid", "sex": "X", "tags": [1], "born": "1981-02-29", "seen_at": "yesterday", "extra": true,
             "country": "gb"}
            """#)
        #expect(found.contains("$.name is required but missing"))
        #expect(found.contains("$.extra is not in the schema"))
        #expect(found.contains("$.id 'not-a-uuid' is not a uuid"))
        #expect(found.contains { $0.hasPrefix("$.sex 'X' is not one of") })
        #expect(found.contains("$.tags[0] is an integer, the schema says \"string\""))
        #expect(found.contains("$.born '1981-02-29' is not a date"))
        #expect(found.contains("$.seen_at 'yesterday' is not a date-time"))
        #expect(found.contains("$.country 'gb' does not match ^[A-Z]{2}$"))
        #expect(found.count == 8, "\(found)")
    }

    /// A module whose route answers something other than it declares.
    struct LyingModule: HTTPModule {
        let id = "lying"
        let name = "Lying"
        let version = SemanticVersion(1, 0, 0)

        func routes(services: DossierServices) -> [APIRoute] {
            [
                .get("honest", "Answers as declared", response: .ok(JSONSchema.object(["n": JSONSchema.integer]))) { _, context in
                    try context.json(["n": 1])
                },
                .get("wrong-field", "Answers a field it does not declare", response: .ok(JSONSchema.object(["n": JSONSchema.integer]))) {
                    _, context in try context.json(["m": 1])
                },
                .post("wrong-status", "Declares 201, answers 200", response: .created(JSONSchema.anyObject)) { _, context in
                    try context.json(["n": 1])
                },
            ]
        }
    }

    @Test func aRouteThatAnswersOtherThanItDeclaresAnswers500NamingTheDifference() async throws {
        try await TestDatabase.with(modules: [LyingModule()]) { db async throws in
            let users = UserStore(client: db.client, logger: db.logger)
            _ = try await users.createUser(id: "ivy", displayName: "Ivy", roles: [.investigator], agency: "MET", clearance: .secret)
            let token = try await users.issueToken(userID: "ivy").token
            var configuration = ServerConfiguration(database: try DatabaseURL(db.url).clientConfiguration)
            configuration.databaseCheckTimeout = .seconds(30)   // a loaded test machine is not an outage
            configuration.checksResponses = true
            configuration.allowsPrivilegedDatabaseRole = true
            configuration.runsTimerScheduler = false
            var logger = Logger(label: "dossier.response-check.test")
            logger.logLevel = .critical
            let app = try buildApplication(configuration: configuration, modules: [LyingModule()], logger: logger)
            try await app.test(.router) { client in
                let headers: HTTPFields = [.authorization: "Bearer \(token)"]
                let honest = try await client.execute(uri: "/api/v1/lying/honest", method: .get, headers: headers)
                #expect(honest.status == .ok)
                #expect(String(buffer: honest.body) == #"{"n":1}"#)
                let field = try await client.execute(uri: "/api/v1/lying/wrong-field", method: .get, headers: headers)
                #expect(field.status == .internalServerError)
                #expect(String(buffer: field.body).contains(#"$.m is not in the schema"#))
                #expect(String(buffer: field.body).contains(#"$.n is required but missing"#))
                let status = try await client.execute(uri: "/api/v1/lying/wrong-status", method: .post, headers: headers)
                #expect(status.status == .internalServerError)
                #expect(String(buffer: status.body).contains("answered 200, declared 201"))
            }
        }
    }

    @Test func everyDocumentedOperationStatesItsParametersAndWhatItAnswers() throws {
        let registry = try ModuleRegistry([ServerTestModule(), LyingModule()])
        let document = openAPIDocument(registry: registry)
        let paths = try #require(document.objectValue?["paths"]?.objectValue)
        var checked = 0
        for (path, operations) in paths {
            for (method, operation) in operations.objectValue ?? [:] {
                let entry = try #require(operation.objectValue, "\(method) \(path)")
                let responses = try #require(entry["responses"]?.objectValue, "\(method) \(path) has no responses")
                let success = responses.filter { $0.key.hasPrefix("2") }
                #expect(success.count >= 1, "\(method) \(path) states no success response")
                for (status, response) in success where status != "204" {
                    #expect(response.objectValue?["content"] != nil, "\(method) \(path) answers \(status) without a schema")
                }
                let named = Set((entry["parameters"]?.arrayValue ?? []).compactMap { $0.objectValue?["name"]?.stringValue })
                for segment in path.split(separator: "/") where segment.hasPrefix("{") {
                    #expect(named.contains(String(segment.dropFirst().dropLast())), "\(method) \(path) lacks \(segment)")
                }
                checked += 1
            }
        }
        #expect(checked == documentedOperations(registry: registry).count)
        // A status the route declares itself is not overwritten by the generic problem answer.
        let ready = try #require(paths["/health/ready"]?.objectValue?["get"]?.objectValue?["responses"]?.objectValue?["503"])
        #expect(ready.objectValue?["content"]?.objectValue?["application/json"] != nil)
        let search = try #require(paths["/api/v1/persons"]?.objectValue?["get"]?.objectValue?["parameters"]?.arrayValue)
        #expect(search.first { $0.objectValue?["name"]?.stringValue == "name" }?.objectValue?["required"] == .bool(true))
    }
}
