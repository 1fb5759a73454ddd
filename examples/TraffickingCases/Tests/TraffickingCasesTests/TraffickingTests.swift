import DossierCore
import DossierPostgres
import DossierServer
import DossierTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PostgresNIO
import Testing
import TraffickingCases
import TraffickingCasesHTTP

/// The outside module, tested the way Dossier tests its own: against a real PostgreSQL.
@Suite struct TraffickingTests {
    let officer = Actor(id: "k.diallo", roles: [.investigator], agency: "OCRTEH", clearance: .secret)

    func openCase(_ db: TestDatabase) async throws -> Case {
        try await db.store.openCase(
            NewCase(module: "trafficking", type: "thb-investigation", title: "Operation Epervier: Abidjan", owningAgency: "OCRTEH", country: "CI"),
            by: officer)
    }

    @Test func theActionDayStartsTheReflectionPeriodAndPartiesReachTheModulesTables() async throws {
        try await TestDatabase.with(modules: [TraffickingCases()]) { db in
            let opened = try await openCase(db)
            let victim = try await db.store.createPerson(NewPerson(latinName: "Awa Traoré"), by: officer)
            let suspect = try await db.store.createPerson(NewPerson(latinName: "Issa Koné"), by: officer)
            try await db.store.addParty(caseID: opened.id, personID: victim.id, role: .victim, note: "rescued", by: officer)
            try await db.store.addParty(caseID: opened.id, personID: suspect.id, role: .suspect, note: "recruiter", by: officer)

            let store = TraffickingStore(cases: db.store, logger: db.logger)
            try await store.recordArrest(caseID: opened.id, personID: suspect.id, on: try CalendarDate(parsing: "2026-11-20"), by: officer)
            let notSuspect = await #expect(throws: DossierError.self) {
                try await store.recordArrest(caseID: opened.id, personID: victim.id, on: try CalendarDate(parsing: "2026-11-20"), by: officer)
            }
            #expect(notSuspect?.message == "person \(victim.id.lowercased) is not a suspect on \(opened.reference)")
            #expect(try await store.tally(caseID: opened.id) == TraffickingTally(
                victimsIdentified: 1, victimsReferred: 0, referralsOverdue: 0, suspectsNamed: 1, suspectsArrested: 1))

            for (name, inputs) in [("open_investigation", [:]), ("record_action_day", ["held_on": "2026-11-20", "countries": "CI, BF"])] as [(String, [String: JSONValue])] {
                _ = try await db.store.runTransition(TransitionRequest(caseID: opened.id, transition: name, inputs: inputs, actor: officer))
            }
            let timer = try #require(try await db.store.timers(caseID: opened.id).first { $0.name == "reflection_period" })
            #expect(timer.legalBasis == "Directive 2004/81/EC Art. 6 (reflection period)")
            #expect(timer.obligation == .must)

            // The background job flags referrals not made within two days.
            #expect(try await store.flagOverdueReferrals(now: db.now.addingTimeInterval(3 * 86_400)) == 1)
            #expect(try await store.tally(caseID: opened.id).referralsOverdue == 1)
            #expect(try await db.store.verifyChains().isIntact)
        }
    }

    @Test func theServerAnswersTheModulesRouteAndACoreRoute() async throws {
        try await TestDatabase.with(modules: [TraffickingCases()]) { db async throws in
            let users = UserStore(client: db.client, logger: db.logger)
            _ = try await users.createUser(id: "k.diallo", displayName: "K. Diallo", roles: [.investigator], agency: "OCRTEH", clearance: .secret)
            _ = try await users.createUser(id: "x.other", displayName: "X", roles: [.investigator], agency: "BKA", clearance: .secret)
            let token = try await users.issueToken(userID: "k.diallo").token
            let other = try await users.issueToken(userID: "x.other").token
            let opened = try await openCase(db)
            var configuration = ServerConfiguration(database: try DatabaseURL(db.url).clientConfiguration)
            configuration.checksResponses = true   // every answer held to its declaration
            configuration.allowsPrivilegedDatabaseRole = true   // the test cluster's superuser
            configuration.runsTimerScheduler = false
            configuration.runsBackgroundJobs = false
            var logger = Logger(label: "trafficking.test")
            logger.logLevel = .warning
            let app = try buildApplication(configuration: configuration, modules: [TraffickingCases()], logger: logger)
            try await app.test(.router) { client in
                let tally = try await client.execute(
                    uri: "/api/v1/trafficking/cases/\(opened.reference)/tally", method: .get, headers: [.authorization: "Bearer \(token)"])
                #expect(tally.status == .ok)
                #expect(String(buffer: tally.body).contains("\"victims_identified\":0"))
                let core = try await client.execute(uri: "/api/v1/cases/\(opened.reference)", method: .get, headers: [.authorization: "Bearer \(token)"])
                #expect(core.status == .ok)
                let hidden = try await client.execute(
                    uri: "/api/v1/trafficking/cases/\(opened.reference)/tally", method: .get, headers: [.authorization: "Bearer \(other)"])
                #expect(hidden.status == .notFound)
            }
        }
    }

    @Test func aModuleBuiltForAnotherCoreIsRefusedNamingBothVersions() throws {
        struct Future: CaseModule {
            let id = "future"
            let name = "Future"
            let version = SemanticVersion(1, 0, 0)
            let coreVersion = SemanticVersion(2, 0, 0)
            let referencePrefix = "FUT"
        }
        let refusal = #expect(throws: DossierError.self) { try ModuleRegistry([TraffickingCases(), Future()]) }
        #expect(refusal?.message.contains("2.0.0") == true)
        #expect(refusal?.message.contains(DossierCoreInfo.version.description) == true)
        #expect(throws: Never.self) { try ModuleRegistry([TraffickingCases()]) }
    }
}
