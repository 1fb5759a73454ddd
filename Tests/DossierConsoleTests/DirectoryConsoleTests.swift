import DossierConsole
import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import HTTPTypes
import InvestigatorNetwork
import InvestigatorNetworkConsole
import Testing

/// The directory's console pages, on a clock stopped on Wednesday 25 March 2026 at
/// 12:00 UTC: 13:00 in Madrid (CET, UTC+1, until 29 March) and 09:00 in São Paulo (UTC−3).
/// Stopped, because the pages print the minute.
@Suite(.serialized) struct DirectoryConsoleTests {
    static let start = Date(timeIntervalSince1970: 1_774_440_000)   // 2026-03-25T12:00:00Z

    func withDirectoryConsole(_ body: @Sendable @escaping (Browser, TestDatabase) async throws -> Void) async throws {
        try await withConsole(
            passwords: ["ivy"], clock: MovableClock(stoppedAt: Self.start), modules: [ConsoleTestModule(), InvestigatorNetwork()], body)
    }

    func network(_ db: TestDatabase) -> NetworkStore { NetworkStore(cases: db.store, logger: db.logger) }

    /// An entry verified `verifiedDaysAgo` days ago for a year.
    @discardableResult
    func investigator(
        _ db: TestDatabase, _ name: String, agency: Agency, zone: String = "Europe/Madrid", verifiedDaysAgo: Double = 10,
        visibility: Visibility = .network
    ) async throws -> Investigator {
        let verified = Self.start.addingTimeInterval(-verifiedDaysAgo * 86_400)
        return try await network(db).createInvestigator(
            NewInvestigator(
                latinName: name, agencyID: agency.id, country: agency.country, role: "fugitive investigator", languages: ["es", "en"],
                specialties: [.drugTrafficking], channels: [SecureChannel(kind: .i247, address: "NCB \(agency.code)")],
                timeZone: zone, verifiedBy: "NCB", verifiedAt: verified, verificationExpiresAt: verified.addingTimeInterval(365 * 86_400),
                visibility: visibility),
            by: ConsoleUsers.actor("admin"))
    }

    func agency(_ db: TestDatabase, _ code: String, country: String) async throws -> Agency {
        try await network(db).createAgency(NewAgency(code: code, name: "\(code) unit", country: country, kind: .police), by: ConsoleUsers.actor("admin"))
    }

    @Test func searchMarksStaleEntriesListsPointsOfContactAndShowsTheirClock() async throws {
        try await withDirectoryConsole { browser, db in
            var browser = browser
            let madrid = try await agency(db, "ES-POL", country: "ES")
            let ana = try await investigator(db, "Ana García", agency: madrid, verifiedDaysAgo: 40)
            try await investigator(db, "Old Entry", agency: madrid, verifiedDaysAgo: 400)
            try await network(db).setContacts(country: "ES", [(ana.id, 1)], by: ConsoleUsers.actor("admin"))
            try await browser.signIn("ivy")

            let home = try await browser.get("/console/")
            #expect(home.body.contains(#"href="/console/network/directory""#))
            let page = try await browser.get("/console/network/directory?country=es&specialty=drug_trafficking")
            #expect(page.status == .ok)
            #expect(page.body.contains("Points of contact for ES"))
            #expect(page.body.contains("2 found"))
            #expect(page.body.contains("Ana García"))
            // Verified 400 days ago for a year: expired 35 days ago, listed last and marked.
            #expect(page.body.contains("not verified since 2025-02-18"))
            let ana1 = try #require(page.body.range(of: "Ana García</a>", options: .backwards))
            let old = try #require(page.body.range(of: "Old Entry</a>"))
            #expect(ana1.lowerBound < old.lowerBound)
            #expect(page.body.contains("Wed 13:00"))

            let fuzzy = try await browser.get("/console/network/directory?q=Garsia")
            #expect(fuzzy.body.contains("Ana García"))
            #expect(!fuzzy.body.contains("Old Entry"))

            let entry = try await browser.get("/console/network/investigators/\(ana.id.lowercased)")
            #expect(entry.status == .ok)
            #expect(entry.body.contains("I-24/7: <code>NCB ES-POL</code>"))
            #expect(entry.body.contains("Wed 13:00 (Europe/Madrid)"))
            #expect(entry.body.contains("2026-02-13 by NCB; valid to 2027-02-13"))
        }
    }

    @Test(arguments: [
        ("specialty=bogus", "specialty &#39;bogus&#39; is not allowed; use homicide, "),
        ("country=ESP", "country &#39;ESP&#39; is not an ISO 3166-1 alpha-2 code"),
        ("language=xx", "&#39;xx&#39; is not a known ISO 639 code"),
    ])
    func aWrongFilterIsRefusedSayingWhatIsAllowed(_ query: String, _ message: String) async throws {
        try await withDirectoryConsole { browser, _ in
            var browser = browser
            try await browser.signIn("ivy")
            let page = try await browser.get("/console/network/directory?\(query)")
            #expect(page.status == .badRequest)
            #expect(page.body.contains(message))
        }
    }

    @Test func anEntryKeptToItsAgencyIsAMissingPageToOthersAndCannotBeLinked() async throws {
        try await withDirectoryConsole { browser, db in
            var browser = browser
            let kingston = try await agency(db, "JCF", country: "JM")
            let hidden = try await investigator(db, "Secret Contact", agency: kingston, zone: "America/Jamaica", visibility: .ownAgency)
            let mine = try await openInquiry(db, by: "ivy")
            try await browser.signIn("ivy")
            let nobody = UUID().lowercased
            let missing = try await browser.get("/console/network/investigators/\(nobody)")
            let page = try await browser.get("/console/network/investigators/\(hidden.id.lowercased)")
            #expect(page.status == .notFound)
            #expect(missing.status == .notFound)
            #expect(page.body(naming: hidden.id.lowercased) == missing.body(naming: nobody))
            #expect(!page.body.contains("Secret Contact"))
            let search = try await browser.get("/console/network/directory?q=Secret+Contact")
            #expect(!search.body.contains("Secret Contact"))
            let link = try await browser.post(
                "/console/network/investigators/\(hidden.id.lowercased)/links", [("csrf", search.csrf ?? ""), ("case", mine.reference)])
            #expect(link.status == .notFound)
            #expect(try await network(db).caseContacts(caseID: mine.id, visibleTo: ConsoleUsers.actor("admin")).isEmpty)
        }
    }

    @Test func anInvestigatorLinksAContactToTheirCaseButNotToACaseTheyCannotSee() async throws {
        try await withDirectoryConsole { browser, db in
            var browser = browser
            let brasilia = try await agency(db, "BR-PF", country: "BR")
            let carla = try await investigator(db, "Carla Souza", agency: brasilia, zone: "America/Sao_Paulo")
            let mine = try await openInquiry(db, by: "ivy")
            let theirs = try await openInquiry(db, by: "otto", title: "Jamaica Constabulary matter")
            try await browser.signIn("ivy")
            let entry = try await browser.get("/console/network/investigators/\(carla.id.lowercased)")
            let refused = try await browser.post(
                "/console/network/investigators/\(carla.id.lowercased)/links", [("csrf", entry.csrf ?? ""), ("case", theirs.reference)])
            #expect(refused.status == .seeOther)
            let said = try await browser.get(refused.location ?? "")
            #expect(said.body.contains("Not linked: there is no case \(theirs.reference) that you can see"))
            #expect(try await network(db).caseContacts(caseID: theirs.id, visibleTo: ConsoleUsers.actor("admin")).isEmpty)

            let linked = try await browser.post(
                "/console/network/investigators/\(carla.id.lowercased)/links", [("csrf", entry.csrf ?? ""), ("case", mine.reference)])
            #expect(linked.location == "/console/cases/\(mine.reference)#network-contacts")
            let casePage = try await browser.get("/console/cases/\(mine.reference)")
            #expect(casePage.body.contains("Carla Souza is now an external contact of \(mine.reference)."))
            #expect(casePage.body.contains(#"id="network-contacts""#))
            #expect(casePage.body.contains("their time Wed 09:00 (America/Sao_Paulo)"))
        }
    }

    @Test func theOperationsPageTalliesTargetsByCountry() async throws {
        try await withDirectoryConsole { browser, db in
            var browser = browser
            let admin = ConsoleUsers.actor("admin")
            let madrid = try await agency(db, "ES-POL", country: "ES")
            let operation = try await network(db).createOperation(
                name: "Operation Nightfall", startsOn: try CalendarDate(parsing: "2026-03-01"), endsOn: try CalendarDate(parsing: "2026-03-31"),
                coordinatingAgencyID: madrid.id, countries: ["ES", "PT"], by: admin)
            var targets: [RoundUpTarget] = []
            for (index, country) in ["ES", "ES", "PT"].enumerated() {
                let person = try await db.store.createPerson(NewPerson(latinName: "Target \(index)"), by: admin)
                targets.append(try await network(db).addTarget(operationID: operation.id, personID: person.id, country: country, by: admin))
            }
            _ = try await network(db).recordOutcome(targetID: targets[0].id, .arrested, by: admin)
            _ = try await network(db).recordOutcome(targetID: targets[2].id, .located, by: admin)
            try await browser.signIn("ivy")
            let page = try await browser.get("/console/network/operations")
            #expect(page.status == .ok)
            #expect(page.body.contains("Operation Nightfall"))
            let compact = page.body.replacingOccurrences(of: #"\s+"#, with: "", options: .regularExpression)
            #expect(compact.contains(#"<thscope="row">ES</th><tdclass="number">2</td><tdclass="number">1</td><tdclass="number">0</td><tdclass="number">1</td>"#))
            #expect(compact.contains(#"<thscope="row">Total</th><tdclass="number">3</td><tdclass="number">1</td><tdclass="number">1</td><tdclass="number">1</td>"#))
        }
    }
}
