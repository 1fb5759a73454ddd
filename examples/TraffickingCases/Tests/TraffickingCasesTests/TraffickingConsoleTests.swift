import DossierConsole
import DossierCore
import DossierPostgres
import DossierServer
import DossierTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import TraffickingCases
import TraffickingCasesConsole

/// The module's console panel, seen as a person sees it: signed in through the form, on
/// the case's page in Dossier's console.
@Suite struct TraffickingConsoleTests {
    let officer = Actor(id: "k.diallo", roles: [.investigator], agency: "OCRTEH", clearance: .secret)
    static let password = "correct horse battery"

    @Test func theCasePageShowsWhatTheActionDayAchieved() async throws {
        try await TestDatabase.with(modules: [TraffickingCases()]) { db async throws in
            let users = UserStore(client: db.client, clock: db.clock, logger: db.logger)
            _ = try await users.createUser(id: "k.diallo", displayName: "K. Diallo", roles: [.investigator], agency: "OCRTEH", clearance: .secret)
            try await users.setPassword(Self.password, forUser: "k.diallo")
            let opened = try await db.store.openCase(
                NewCase(module: "trafficking", type: "thb-investigation", title: "Operation Epervier: Abidjan", owningAgency: "OCRTEH", country: "CI"),
                by: officer)
            for (name, role) in [("Awa Traoré", CaseParty.Role.victim), ("Issa Koné", .suspect), ("Moussa Cissé", .suspect)] {
                let person = try await db.store.createPerson(NewPerson(latinName: name), by: officer)
                _ = try await db.store.addParty(caseID: opened.id, personID: person.id, role: role, by: officer)
                if name == "Issa Koné" {
                    try await TraffickingStore(cases: db.store, logger: db.logger)
                        .recordArrest(caseID: opened.id, personID: person.id, on: CalendarDate(db.now, in: .gmt), by: officer)
                }
            }
            var configuration = ServerConfiguration(database: try DatabaseURL(db.url).clientConfiguration)
            configuration.allowsPrivilegedDatabaseRole = true   // the test cluster's superuser
            configuration.runsTimerScheduler = false
            configuration.runsBackgroundJobs = false
            configuration.clock = db.clock
            var logger = Logger(label: "trafficking.console.test")
            logger.logLevel = .warning
            let app = try buildApplication(
                configuration: configuration, modules: [TraffickingCases()], extensions: [Console()], logger: logger)
            try await app.test(.router) { client in
                let cookie = try await Self.signIn(client, user: "k.diallo")
                let page = try await client.execute(uri: "/console/cases/\(opened.reference)", method: .get, headers: [.cookie: cookie])
                #expect(page.status == .ok)
                let body = String(buffer: page.body).replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
                #expect(body.contains("Action day"))
                #expect(body.contains("<dt>Victims identified</dt><dd>1</dd>"))
                #expect(body.contains("<dt>Suspects named</dt><dd>2</dd>"))
                #expect(body.contains("<dt>Suspects arrested</dt><dd>1</dd>"))
                #expect(!body.contains("not referred within 2 days"))
            }
        }
    }

    /// Signs in through the console's form; returns the session cookie.
    static func signIn(_ client: some TestClientProtocol, user: String) async throws -> String {
        let form = try await client.execute(uri: "/console/sign-in", method: .get)
        let html = String(buffer: form.body)
        let token = try #require(html.range(of: #"name="csrf" value="[^"]+""#, options: .regularExpression))
        let csrf = html[token].dropFirst(#"name="csrf" value=""#.count).dropLast()
        let firstCookie = try #require(form.headers[values: .setCookie].first?.split(separator: ";").first)
        let encode = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
        let answer = try await client.execute(
            uri: "/console/sign-in", method: .post,
            headers: [.cookie: String(firstCookie), .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: "csrf=\(encode(String(csrf)))&user=\(user)&password=\(encode(password))&next=%2Fconsole%2F"))
        #expect(answer.status == .seeOther)
        let session = try #require(answer.headers[values: .setCookie].first { $0.hasPrefix("dossier_session=") })
        return String(session.split(separator: ";")[0])
    }
}
