import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
@testable import InvestigatorNetwork
import Testing

/// Search, language codes, stale entries and visibility.
@Suite struct DirectoryTests {
    @Test(arguments: [
        ("de", "deu"), ("ger", "deu"), ("GER", "deu"), ("deu", "deu"), ("fre", "fra"), ("FR", "fra"), ("chi", "zho"),
        ("cze", "ces"), ("dut", "nld"), ("per", "fas"), ("wel", "cym"), ("es", "spa"), ("SPA", "spa"), (" en ", "eng"),
    ])
    func languageCodesAreNormalisedToTheTerminologyCode(_ raw: String, _ normalised: String) throws {
        #expect(try LanguageCode.normalise(raw) == normalised)
    }

    @Test func anUnknownLanguageCodeIsRefusedSayingWhatIsAccepted() {
        #expect(throws: DossierError.invalidInput("languages[1] 'xx' is not a known ISO 639 code; use ISO 639-1 (de) or ISO 639-2 (deu or ger)")) {
            try LanguageCode.normalise("xx", field: "languages[1]")
        }
    }

    @Test func searchFiltersAndRanksCurrentAvailableFreshEntriesFirstAndKeepsStaleOnes() async throws {
        try await TestDatabase.withNetwork { db in
            let madrid = try await db.agency("ES-POL", country: "ES")
            let berlin = try await db.agency("DE-POL", country: "DE")
            try await db.investigator("Ana García", agency: madrid, languages: ["es", "en"], specialties: [.drugTrafficking], verifiedDaysAgo: 40)
            try await db.investigator("Luis Martín", agency: madrid, languages: ["SPA"], specialties: [.drugTrafficking], availability: .limited, verifiedDaysAgo: 5)
            try await db.investigator("Pedro Gómez", agency: madrid, languages: ["es"], specialties: [.drugTrafficking], verifiedDaysAgo: 2)
            try await db.investigator("Old Entry", agency: madrid, languages: ["es"], specialties: [.drugTrafficking], verifiedDaysAgo: 400)
            try await db.investigator("Eva Ruiz", agency: madrid, languages: ["es"], specialties: [.homicide])
            try await db.investigator("Klaus Becker", agency: berlin, languages: ["GER", "spa"], specialties: [.drugTrafficking])

            let hits = try await db.network.search(
                DirectorySearch(country: "ES", language: "spa", specialty: .drugTrafficking), visibleTo: db.admin)
            #expect(hits.map(\.investigator.latinName) == ["Pedro Gómez", "Ana García", "Luis Martín", "Old Entry"],
                    "available before limited, fresher verification first, stale last but present")
            #expect(hits.map(\.stale) == [false, false, false, true])

            let german = try await db.network.search(DirectorySearch(language: "ger"), visibleTo: db.admin)
            #expect(german.map(\.investigator.latinName) == ["Klaus Becker"])
            #expect(german.first?.investigator.languages == ["deu", "spa"])
            #expect(german.first?.investigator.languagesRaw == ["GER", "spa"])

            let fuzzy = try await db.network.search(DirectorySearch(text: "Garsia"), visibleTo: db.admin)
            #expect(fuzzy.first?.investigator.latinName == "Ana García")
            let byWord = try await db.network.search(DirectorySearch(text: "homicide"), visibleTo: db.admin)
            #expect(byWord.map(\.investigator.latinName) == ["Eva Ruiz"])

            let badCountry = await dossierError { _ = try await db.network.search(DirectorySearch(country: "XX"), visibleTo: db.admin) }
            #expect(badCountry?.code == .invalidInput)
        }
    }

    @Test func ownAgencyEntriesAreSeenOnlyByThatAgency() async throws {
        try await TestDatabase.withNetwork { db in
            let met = try await db.agency("MET", country: "GB")
            let hidden = try await db.investigator("Sam Okafor", agency: met, visibility: .ownAgency)
            try await db.investigator("Jo Smith", agency: met)
            let insider = db.actor(.investigator, id: "in", agency: "MET")
            let outsider = db.actor(.investigator, id: "out", agency: "BKA")

            #expect(try await db.network.search(DirectorySearch(country: "GB"), visibleTo: insider).count == 2)
            #expect(try await db.network.search(DirectorySearch(country: "GB"), visibleTo: outsider).map(\.investigator.latinName) == ["Jo Smith"])
            let notFound = await dossierError { _ = try await db.network.investigator(id: hidden.id, visibleTo: outsider) }
            #expect(notFound?.code == .notFound)
            #expect(try await db.network.export(visibleTo: outsider).map(\.latinName) == ["Jo Smith"])
            #expect(try await !db.network.exportCSV(visibleTo: outsider).contains("Sam Okafor"))

            try await db.network.setContacts(country: "GB", [(hidden.id, 1)], by: db.admin)
            #expect(try await db.network.contacts(country: "GB", visibleTo: outsider).isEmpty)
            #expect(try await db.network.contacts(country: "GB", visibleTo: insider).map(\.investigator.id) == [hidden.id])
        }
    }

    @Test func privateContactDataIsRefused() async throws {
        try await TestDatabase.withNetwork { db in
            let agency = try await db.agency("ES-POL", country: "ES")
            let refused = await dossierError {
                _ = try await db.network.createInvestigator(
                    NewInvestigator(
                        latinName: "Ana García", agencyID: agency.id, country: "ES", role: "investigator", languages: ["es"],
                        specialties: [], channels: [SecureChannel(kind: .agencyMailbox, address: "ana.garcia@gmail.com")],
                        timeZone: "Europe/Madrid", verifiedBy: "NCB", verifiedAt: db.now, verificationExpiresAt: db.now.addingTimeInterval(86_400)),
                    by: db.admin)
            }
            #expect(refused?.message.hasPrefix("channels[0].address 'ana.garcia@gmail.com' is not an agency mailbox") == true)
        }
    }

    @Test func aCaseShowsItsExternalContactsWithTheirFreshness() async throws {
        try await TestDatabase.withNetwork { db in
            let agency = try await db.agency("ES-POL", country: "ES")
            let current = try await db.investigator("Ana García", agency: agency)
            let stale = try await db.investigator("Old Entry", agency: agency, verifiedDaysAgo: 400)
            let met = try await db.agency("MET", country: "GB")
            let ownAgency = try await db.investigator("Sam Okafor", agency: met, visibility: .ownAgency)
            let officer = db.actor(.investigator, id: "ivy", agency: "BKA")
            let opened = try await db.store.openCase(
                NewCase(module: "plain", type: "matter", title: "Fugitive sighted in Málaga", owningAgency: "BKA", country: "DE"),
                by: officer)
            _ = try await db.network.linkContact(caseID: opened.id, investigatorID: current.id, by: officer)
            _ = try await db.network.linkContact(caseID: opened.id, investigatorID: stale.id, by: officer)
            let hidden = await dossierError { _ = try await db.network.linkContact(caseID: opened.id, investigatorID: ownAgency.id, by: officer) }
            #expect(hidden == .invalidInput("investigator \(ownAgency.id.lowercased) does not exist"))

            let contacts = try await db.network.caseContacts(caseID: opened.id, visibleTo: officer)
            #expect(contacts.map(\.investigator.latinName) == ["Ana García", "Old Entry"])
            #expect(contacts.map(\.stale) == [false, true])
            #expect(contacts.allSatisfy { $0.linkedBy == "ivy" })
            #expect(try await db.store.timeline(caseID: opened.id).contains { $0.kind == .linkAdded })
        }
    }
}
