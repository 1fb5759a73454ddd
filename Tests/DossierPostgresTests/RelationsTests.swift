import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import Testing

@Suite struct RelationsTests {
    @Test func partiesMembersLinksAndNotesAreRecordedAndChained() async throws {
        try await TestDatabase.withTested { db async throws in
            let ivy = db.actor(.investigator, id: "ivy")
            let fugitiveCase = try await db.openTestCase()
            let related = try await db.openTestCase(title: "Related robbery")
            let person = try await db.store.createPerson(
                NewPerson(
                    originalScriptName: "Дмитрий Иванов", latinName: "Dmitrii Ivanov",
                    aliases: [PersonAlias(name: "DMITRII<<IVANOV", kind: .mrz, source: "passport"),
                              PersonAlias(name: "Dmitry Ivanov", kind: .transliteration, source: "Red Notice 2019/12345")],
                    dateOfBirth: try PartialDate(parsing: "1958/11"), sex: .male, nationalities: ["RU"],
                    notices: [Notice(kind: .red, id: "2019/12345")]),
                by: ivy)

            try await db.store.addParty(caseID: fugitiveCase.id, personID: person.id, role: .fugitive, by: ivy)
            try await db.store.addMember(caseID: fugitiveCase.id, userID: "lee", role: .legal, by: ivy)
            try await db.store.addLink(caseID: fugitiveCase.id, kind: "related", to: .case(related.id), by: ivy)
            try await db.store.addLink(caseID: fugitiveCase.id, kind: "subject", to: .person(person.id), by: ivy)
            try await db.store.addNote(caseID: fugitiveCase.id, text: "Located in Kingston", by: ivy)

            let fetched = try await db.store.getPerson(id: person.id, visibleTo: .system)
            #expect(fetched.aliases.map(\.name) == ["DMITRII<<IVANOV", "Dmitry Ivanov"])
            #expect(fetched.dateOfBirth?.description == "1958-11")
            #expect(fetched.dateOfBirth?.precision == .month)
            #expect(fetched.notices.first?.id == "2019-12345")
            #expect(try await db.store.parties(caseID: fugitiveCase.id).map(\.role) == [.fugitive])
            #expect(Set(try await db.store.members(caseID: fugitiveCase.id).map(\.userID)) == ["ivy", "lee"])
            #expect(try await db.store.links(caseID: fugitiveCase.id, visibleTo: .system).map(\.target) == [.case(related.id), .person(person.id)])
            let kinds = try await db.store.timeline(caseID: fugitiveCase.id).map(\.kind)
            #expect(kinds == [.opened, .partyAdded, .memberAdded, .linkAdded, .linkAdded, .note])
            #expect(try await db.store.getCase(id: fugitiveCase.id).version == 6)
            #expect(try await db.store.verifyChains().isIntact)
        }
    }

    @Test func refusesWhatDoesNotExistOrIsRepeated() async throws {
        try await TestDatabase.withTested { db async throws in
            let ivy = db.actor(.investigator, id: "ivy")
            let opened = try await db.openTestCase()
            let missing = UUID.v7()
            #expect(await dossierError { try await db.store.addNote(caseID: missing, text: "x", by: ivy) }?.code == .notFound)
            #expect(await dossierError { try await db.store.addParty(caseID: opened.id, personID: missing, role: .witness, by: ivy) }?.code == .notFound)
            #expect(await dossierError { try await db.store.addNote(caseID: opened.id, text: "  ", by: ivy) } == .invalidInput("a note must be 1 to 20000 characters, not 0"))
            #expect(await dossierError { try await db.store.addLink(caseID: opened.id, kind: "Related", to: .case(missing), by: ivy) }?.code == .invalidInput)
            #expect(await dossierError { try await db.store.addLink(caseID: opened.id, kind: "related", to: .case(opened.id), by: ivy) } == .invalidInput("a case cannot be linked to itself"))
            #expect(await dossierError { try await db.store.addLink(caseID: opened.id, kind: "contact", to: .entry(module: "network", id: "42"), by: ivy) } == .invalidInput("module 'network' is not registered"))
            let person = try await db.store.createPerson(NewPerson(latinName: "Jane Roe"), by: ivy)
            try await db.store.addParty(caseID: opened.id, personID: person.id, role: .witness, by: ivy)
            #expect(await dossierError { try await db.store.addParty(caseID: opened.id, personID: person.id, role: .witness, by: ivy) }?.code == .alreadyExists)
            #expect(try await db.store.timeline(caseID: opened.id).count == 2)
            #expect(await dossierError { _ = try await db.store.createPerson(NewPerson(latinName: "X", nationalities: ["Russia"]), by: ivy) }
                == .invalidInput("nationality 'Russia' is not an ISO 3166-1 alpha-2 code (two capital letters, e.g. DE)"))
        }
    }
}
