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

/// The access matrix, generated from the route table: every documented route that names a
/// case (or something of one) × every role × each relation to the case (member, supervisor
/// of its agency, another agency, clearance below its classification) × a case the user may
/// see and one they may not. A case the user may not see answers exactly as a case that
/// does not exist (404, or 403 where the route refuses the role whatever the case) and
/// nothing is written (status and problem code alike); a case they may see never answers
/// 404. Without a token every
/// route answers 401; the admin and audit routes refuse every other role.
@Suite struct AccessMatrixTests {
    static let modules: [any CaseModule] = [ServerTestModule(), ColdCases(), Extradition(), SurveillanceLogs(), InvestigatorNetwork()]

    /// Routes with a path parameter that names no case, and why they are outside the case
    /// matrix. A new route with a parameter must be put here or given a case fixture below.
    static let notCaseScoped: [String: String] = [
        "/api/v1/persons/{id}": "persons have their own visibility rule (PersonVisibilityTests)",
        "/api/v1/persons/{id}/cases": "persons have their own visibility rule (PersonVisibilityTests)",
        "/api/v1/workflows/{type}": "a case type, public to every user",
        "/api/v1/users/{id}/disable": "admin only: the role matrix below",
        "/api/v1/users/{id}": "admin only: the role matrix below",
        "/api/v1/users/{id}/enable": "admin only: the role matrix below",
        "/api/v1/users/{id}/tokens": "admin only: the role matrix below",
        "/api/v1/users/{id}/second-factor/remove": "admin only: the role matrix below",
        "/api/v1/tokens/{id}": "admin only: the role matrix below",
        "/api/v1/extradition/instruments/{id}": "legal instruments, public to every user",
        "/api/v1/network/investigators/{id}": "the directory's own visibility (network-wide or own agency)",
        "/api/v1/network/contacts/{country}": "the directory's own visibility",
        "/api/v1/network/operations/{id}/targets": "network operations, not cases",
        "/api/v1/network/operations/{id}/tally": "network operations, not cases",
        "/api/v1/network/targets/{id}/outcome": "network operations, not cases",
    ]

    /// A user with one role and one relation to the cases the user may see.
    struct Persona: Sendable {
        enum Relation: String, CaseIterable, Sendable {
            case member, agencySupervisor = "agency-supervisor", otherAgency = "other-agency", clearanceBelow = "clearance-below"
        }

        var role: Role
        var relation: Relation
        var id: String { "\(role.rawValue).\(relation.rawValue)" }
        var agency: String { relation == .otherAgency ? "JCF" : "MET" }
        var clearance: Classification { relation == .clearanceBelow ? .official : .secret }
        var isMember: Bool { relation == .member || relation == .clearanceBelow }

        /// The visibility rule, written out: the case's classification within the user's
        /// clearance, and a member or a supervisor of its owning agency.
        func sees(_ target: CaseSet) -> Bool {
            guard target == .visible, clearance >= .confidential else { return false }
            return isMember || (role == .supervisor && agency == "MET")
        }

        /// Every role as a member, from another agency and with clearance below; the
        /// supervisor also as a supervisor of the case's agency.
        static let all: [Persona] = Role.allCases.flatMap { role in
            Relation.allCases.filter { $0 != .agencySupervisor || role == .supervisor }.map { Persona(role: role, relation: $0) }
        }
    }

    /// Cases owned by MET with the member personas in them, and the same owned by NCA with none.
    enum CaseSet: Sendable { case visible, hidden, missing }

    /// What a route's parameters stand for in one case set.
    struct Fixture: Sendable {
        var inquiry: Case, coldCase: Case, extradition: Case, operation: Case
        var reviewID: UUID, authorisationID: UUID, entryID: UUID

        /// The path for `template`, or nil for a route that names no case.
        func path(_ template: String) -> String? {
            let module = template.split(separator: "/").dropFirst(2).first.map(String.init) ?? ""
            let target: Case = switch module {
            case ColdCases.moduleID: coldCase
            case Extradition.moduleID: extradition
            case SurveillanceLogs.moduleID: operation
            default: inquiry
            }
            if template.contains("{ref}") {
                return template.replacingOccurrences(of: "{ref}", with: target.reference).replacingOccurrences(of: "{name}", with: "activate")
            }
            let owned: [String: UUID] = [
                "/api/v1/cold-cases/reviews/{id}": reviewID, "/api/v1/surveillance/authorisations/{id}": authorisationID,
                "/api/v1/surveillance/entries/{id}": entryID,
            ]
            for (prefix, id) in owned where template.hasPrefix(prefix) {
                return template.replacingOccurrences(of: "{id}", with: id.uuidString.lowercased())
            }
            return nil
        }

        /// Paths naming nothing that exists.
        static func missing(_ template: String) -> String {
            template.replacingOccurrences(of: "{ref}", with: "INQ-2026-999999").replacingOccurrences(of: "{name}", with: "activate")
                .replacingOccurrences(of: "{id}", with: UUID().uuidString.lowercased())
        }
    }

    @Test func everyCaseRouteAnswersEveryRoleAndRelationAsTheVisibilityRuleSays() async throws {
        try await TestDatabase.with(modules: Self.modules) { db async throws in
            let users = UserStore(client: db.client, clock: db.clock, logger: db.logger)
            var tokens: [String: String] = [:]
            for persona in Persona.all {
                _ = try await users.createUser(
                    id: persona.id, displayName: persona.id, roles: [persona.role], agency: persona.agency, clearance: persona.clearance)
                tokens[persona.id] = try await users.issueToken(userID: persona.id).token
            }
            _ = try await users.createUser(id: "someone.else", displayName: "x", roles: [.analyst], agency: "MET", clearance: .official)
            let visible = try await Self.fixture(in: db, agency: "MET", members: Persona.all.filter(\.isMember).map(\.id))
            let hidden = try await Self.fixture(in: db, agency: "NCA", members: [])

            var configuration = ServerConfiguration(database: try DatabaseURL(db.url).clientConfiguration)
            configuration.databaseCheckTimeout = .seconds(30)   // a loaded test machine is not an outage
            configuration.checksResponses = true   // every answer held to its declaration
            configuration.allowsPrivilegedDatabaseRole = true   // the test cluster's superuser
            configuration.runsTimerScheduler = false
            configuration.runsBackgroundJobs = false
            configuration.clock = db.clock
            let checkpoints = URL(fileURLWithPath: NSTemporaryDirectory()).appending(path: "dossier-checkpoints-\(db.name)")
            defer { try? FileManager.default.removeItem(at: checkpoints) }
            configuration.checkpointDirectory = checkpoints   // exports are signed
            var logger = Logger(label: "dossier.access-matrix.test")
            logger.logLevel = .critical
            let app = try buildApplication(configuration: configuration, modules: Self.modules, logger: logger)
            let operations = documentedOperations(registry: try ModuleRegistry(Self.modules)).map { operation in
                let parts = operation.split(separator: " ", maxSplits: 1)
                return (method: HTTPRequest.Method(String(parts[0]))!, template: String(parts[1]))
            }
            let caseRoutes = operations.filter { visible.path($0.template) != nil }
            let unclassified = operations.filter {
                $0.template.contains("{") && visible.path($0.template) == nil
                    && Self.notCaseScoped[$0.template] == nil
            }
            #expect(unclassified.isEmpty, "routes with a parameter neither in the case matrix nor listed as naming no case: \(unclassified)")
            #expect(caseRoutes.count >= 35, "\(caseRoutes.count) case routes")

            try await app.test(.router) { [tokens] client in
                /// The status and, for a refusal, the problem's code.
                func answer(_ method: HTTPRequest.Method, _ path: String, as persona: String?) async throws -> String {
                    var headers: HTTPFields = [.contentType: "application/json"]
                    if let persona { headers[.authorization] = "Bearer \(tokens[persona]!)" }
                    let body = method == .get || method == .delete ? nil : ByteBuffer(string: "{}")
                    let response = try await client.execute(uri: path, method: method, headers: headers, body: body)
                    let problem = (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])?["code"]
                    return response.status.code >= 400 ? "\(response.status.code) \(problem as? String ?? "-")" : "\(response.status.code)"
                }
                func status(_ method: HTTPRequest.Method, _ path: String, as persona: String?) async throws -> Int {
                    Int(try await answer(method, path, as: persona).prefix(3))!
                }
                var failures: [String] = []
                var cells = 0

                // Without a token: 401 on every route under /api/v1.
                for (method, template) in operations where template.hasPrefix("/api/v1/") && template != "/api/v1/openapi.json" {
                    let answered = try await status(method, visible.path(template) ?? Fixture.missing(template), as: nil)
                    if answered != 401 { failures.append("\(method) \(template) without a token: \(answered), expected 401") }
                }

                // What may not be seen answers as what does not exist, and writes nothing.
                let before = try await Self.rowCounts(db)
                var refusalOf: [String: Int] = [:]
                for (method, template) in caseRoutes {
                    for persona in Persona.all {
                        let missingAnswer = try await answer(method, Fixture.missing(template), as: persona.id)
                        let missing = Int(missingAnswer.prefix(3))!
                        refusalOf["\(method) \(template) \(persona.id)"] = missing
                        if missing != 404 && missing != 403 {
                            failures.append("\(method) \(template) as \(persona.id), no such case: \(missingAnswer), expected 404 or 403")
                        }
                        for (set, fixture) in [(CaseSet.visible, visible), (.hidden, hidden)] where !persona.sees(set) {
                            let answered = try await answer(method, fixture.path(template)!, as: persona.id)
                            cells += 1
                            if answered != missingAnswer {
                                failures.append("\(method) \(template) as \(persona.id), a case not theirs to see: \(answered), but \(missingAnswer) where no case exists")
                            }
                        }
                    }
                }
                let after = try await Self.rowCounts(db)
                #expect(before == after, "requests on cases the users may not see changed rows: \(after.filter { before[$0.key] != $0.value })")

                // What may be seen never answers 404: a read answers 200 unless the route refuses the
                // role outright; a write may be refused (403 for a role that may not change it, 422
                // for the empty body), never as if the case were not there.
                for (method, template) in caseRoutes {
                    for persona in Persona.all where persona.sees(.visible) {
                        let answered = try await status(method, visible.path(template)!, as: persona.id)
                        cells += 1
                        let roleRefused = refusalOf["\(method) \(template) \(persona.id)"] == 403
                        let allowed: Bool = method == .get
                            ? answered == 200 || (answered == 403 && roleRefused)
                            : answered != 404 && answered < 500
                        if !allowed { failures.append("\(method) \(template) as \(persona.id), a case they may see: \(answered)") }
                    }
                }

                // Lists hold exactly the cases the rule lets each user see.
                let visibleReferences = Set([visible.inquiry, visible.coldCase, visible.extradition, visible.operation].map(\.reference))
                for persona in Persona.all {
                    var headers: HTTPFields = [.authorization: "Bearer \(tokens[persona.id]!)"]
                    headers[.accept] = "application/json"
                    let listed = try await client.execute(uri: "/api/v1/cases?limit=200", method: .get, headers: headers)
                    let items = (try? JSONSerialization.jsonObject(with: Data(listed.body.readableBytesView)) as? [String: Any])?["cases"]
                        as? [[String: Any]] ?? []
                    let references = Set(items.compactMap { $0["reference"] as? String })
                    cells += 1
                    if references != (persona.sees(.visible) ? visibleReferences : []) {
                        failures.append("GET /api/v1/cases as \(persona.id) listed \(references.sorted())")
                    }
                    let counted = try await client.execute(uri: "/api/v1/cases/count", method: .get, headers: headers)
                    let count = (try? JSONSerialization.jsonObject(with: Data(counted.body.readableBytesView)) as? [String: Any])?["count"] as? Int
                    cells += 1
                    if count != (persona.sees(.visible) ? visibleReferences.count : 0) {
                        failures.append("GET /api/v1/cases/count as \(persona.id): \(String(buffer: counted.body).prefix(100))")
                    }
                }

                // The admin and audit routes answer their role only.
                let gated: [(HTTPRequest.Method, String, Role)] = [
                    (.get, "/api/v1/users", .admin), (.post, "/api/v1/users", .admin), (.post, "/api/v1/tokens", .admin),
                    (.post, "/api/v1/users/someone.else/disable", .admin), (.delete, "/api/v1/tokens/\(UUID())", .admin),
                    (.patch, "/api/v1/users/someone.else", .admin), (.post, "/api/v1/users/someone.else/enable", .admin),
                    (.get, "/api/v1/users/someone.else/tokens", .admin),
                    (.post, "/api/v1/users/someone.else/second-factor/remove", .admin),
                    (.get, "/api/v1/audit/verify", .auditor), (.get, "/api/v1/audit/access-log", .auditor),
                    (.get, "/api/v1/audit/admin-log", .auditor),
                ]
                for (method, path, role) in gated {
                    for persona in Persona.all where persona.relation == .member {
                        let answered = try await status(method, path, as: persona.id)
                        cells += 1
                        let expectedRefusal = persona.role != role
                        if expectedRefusal ? answered != 403 : (answered == 403 || answered >= 500) {
                            failures.append("\(method) \(path) as \(persona.id): \(answered), expected \(expectedRefusal ? "403" : "not 403")")
                        }
                    }
                }
                #expect(cells > 1000, "\(cells) cells")
                #expect(failures.isEmpty, "\(failures.count) cells of \(cells) differ:\n\(failures.prefix(60).joined(separator: "\n"))")
            }
        }
    }

    /// An inquiry, a cold case with a review, an extradition, and a surveillance operation
    /// with an authorisation and an entry, owned by `agency`, classified confidential.
    static func fixture(in db: TestDatabase, agency: String, members: [String]) async throws -> Fixture {
        let opener = Actor(id: "opener.\(agency.lowercased())", roles: [.investigator, .supervisor], agency: agency, clearance: .secret)
        func open(_ module: String, _ type: String, _ title: String, _ attributes: JSONValue) async throws -> Case {
            let opened = try await db.store.openCase(
                NewCase(module: module, type: type, title: title, classification: .confidential, owningAgency: agency, country: "GB",
                        attributes: attributes),
                by: opener)
            for member in members {
                _ = try await db.store.addMember(caseID: opened.id, userID: member, role: .investigator, by: .system)
            }
            return opened
        }
        let inquiry = try await open("inquiry", "inquiry", "Missing shipment", [:])
        let coldCase = try await open(ColdCases.moduleID, ColdCases.caseTypeName, "Murder of J. Doe", [
            "offence_category": "homicide", "offence_date": "1994-06-12", "offence_place": "Leeds", "went_cold_on": "1995-09-01",
            "jurisdiction": "GB",
        ])
        let person = try await db.store.createPerson(NewPerson(latinName: "Viktor Sokolov"), by: opener)
        let extradition = try await open(Extradition.moduleID, Extradition.caseTypeName, "Extradition of V. Sokolov", try JSONValue(
            encoding: ExtraditionAttributes(
                personID: person.id, redNoticeID: nil, requestingState: "US", requestedState: "FR", instrument: "ece-1957",
                offences: [Offence(description: "wire fraud", legalProvision: "18 U.S.C. §1343", maximumPenalty: "20 years")])))
        let operation = try await open(SurveillanceLogs.moduleID, SurveillanceLogs.caseTypeName, "Operation Kestrel", [
            "objective": "supply chain", "jurisdiction": "GB",
        ])
        let review = try await ColdCaseStore(cases: db.store, logger: db.logger).startReview(caseID: coldCase.id, type: .periodic, by: .system)
        let logs = SurveillanceStore(cases: db.store, logger: db.logger)
        let from = db.clock.now().addingTimeInterval(-10 * 86_400)
        let authorisation = try await logs.createAuthorisation(
            caseID: operation.id,
            NewAuthorisation(
                reference: "DS-\(agency)", legalBasis: "uk-ripa-directed", issuingAuthority: "Supt K. Walsh", applicant: "DI R. Shah",
                approver: "Supt K. Walsh", subjects: ["Daniel Pryce"], methods: [.visual], validFrom: from,
                validTo: from.addingTimeInterval(60 * 86_400)),
            by: .system)
        let entry = try await logs.appendEntry(
            caseID: operation.id,
            NewLogEntry(
                authorisationID: authorisation.id, startedAt: from.addingTimeInterval(86_400), location: "Harbour Road",
                subject: "Daniel Pryce", method: .visual, text: "Subject left the unit."),
            by: .system)
        return Fixture(
            inquiry: inquiry, coldCase: coldCase, extradition: extradition, operation: operation, reviewID: review.id,
            authorisationID: authorisation.id, entryID: entry.id)
    }

    /// Every table's row count and the cases' versions: what a refused request must leave as it was.
    static func rowCounts(_ db: TestDatabase) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        let rows = try await db.client.query(
            """
            SELECT table_name::text, (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I', table_name), false, true, '')))[1]::text::int
            FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('access_log', 'idempotency_keys')
            """, logger: db.logger)
        for try await (table, count) in rows.decode((String, Int).self) { counts[table] = count }
        for try await versions in try await db.client.query("SELECT coalesce(sum(version), 0)::int8 FROM cases", logger: db.logger).decode(Int.self) {
            counts["cases.version"] = versions
        }
        return counts
    }
}
