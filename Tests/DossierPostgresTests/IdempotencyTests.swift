import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import Testing

@Suite struct IdempotencyTests {
    @Test func aReplayedTransitionReturnsTheFirstResultAndWritesNothing() async throws {
        try await TestDatabase.withTested { db async throws in
            let opened = try await db.openTestCase()
            let request = TransitionRequest(caseID: opened.id, transition: "activate", actor: db.actor(.investigator), idempotencyKey: "k-1")
            let first = try await db.store.runTransition(request)
            let afterFirst = try await db.snapshot(of: opened.id)
            let replay = try await db.store.runTransition(request)
            #expect(replay == first)
            #expect(try await db.snapshot(of: opened.id) == afterFirst)
        }
    }

    @Test func concurrentRetriesWithOneKeyRunOnce() async throws {
        try await TestDatabase.withTested { db async throws in
            let opened = try await db.openTestCase()
            let request = TransitionRequest(caseID: opened.id, transition: "activate", actor: db.actor(.investigator), idempotencyKey: "k-2")
            let results = try await withThrowingTaskGroup(of: TransitionResult.self) { group in
                for _ in 0..<10 { group.addTask { try await db.store.runTransition(request) } }
                return try await group.reduce(into: [TransitionResult]()) { $0.append($1) }
            }
            #expect(Set(results.map(\.event.sequence)) == [2])
            #expect(try await db.count("SELECT count(*) FROM case_events WHERE case_id = '\(opened.id)'") == 2)
        }
    }

    @Test func theSameKeyForADifferentRequestIsRefused() async throws {
        try await TestDatabase.withTested { db async throws in
            let opened = try await db.openTestCase()
            _ = try await db.store.runTransition(.init(caseID: opened.id, transition: "activate", actor: db.actor(.investigator), idempotencyKey: "k-3"))
            let before = try await db.snapshot(of: opened.id)
            let error = await dossierError {
                _ = try await db.store.runTransition(.init(caseID: opened.id, transition: "touch", actor: db.actor(.investigator), idempotencyKey: "k-3"))
            }
            #expect(error?.code == .idempotencyConflict)
            #expect(try await db.snapshot(of: opened.id) == before)
        }
    }

    @Test func aReplayedOpeningReturnsTheSameCase() async throws {
        try await TestDatabase.withTested { db async throws in
            let new = NewCase(module: "tested", type: "tested-case", title: "Once", owningAgency: "MET", country: "GB")
            let first = try await db.store.openCase(new, by: db.actor(.investigator), idempotencyKey: "open-1")
            let second = try await db.store.openCase(new, by: db.actor(.investigator), idempotencyKey: "open-1")
            #expect(first == second)
            #expect(try await db.count("SELECT count(*) FROM cases") == 1)
        }
    }

    @Test func notesPartiesMembersAndLinksReplayAndRefuseStaleVersions() async throws {
        try await TestDatabase.withTested { db async throws in
            let opened = try await db.openTestCase()
            let ivy = db.actor(.investigator, id: "ivy")
            let first = try await db.store.addNote(caseID: opened.id, text: "Seen in Kingston", by: ivy, options: .init(idempotencyKey: "n-1"))
            let replay = try await db.store.addNote(caseID: opened.id, text: "Seen in Kingston", by: ivy, options: .init(idempotencyKey: "n-1"))
            #expect(replay == first)
            let person = try await db.store.createPerson(NewPerson(latinName: "Jane Roe"), by: ivy)
            let party = try await db.store.addParty(caseID: opened.id, personID: person.id, role: .witness, by: ivy, options: .init(idempotencyKey: "p-1"))
            #expect(try await db.store.addParty(caseID: opened.id, personID: person.id, role: .witness, by: ivy, options: .init(idempotencyKey: "p-1")) == party)
            #expect(try await db.store.timeline(caseID: opened.id).count == 3)

            let before = try await db.snapshot(of: opened.id)
            let stale = await dossierError {
                try await db.store.addMember(caseID: opened.id, userID: "lee", role: .legal, by: ivy, options: .init(expectedVersion: 1))
            }
            #expect(stale?.code == .staleVersion)
            #expect(try await db.snapshot(of: opened.id) == before)
            let current = try await db.store.getCase(id: opened.id)
            try await db.store.addLink(caseID: opened.id, kind: "subject", to: .person(person.id), by: ivy, options: .init(expectedVersion: current.version))
        }
    }

    @Test func keysArePurgedAfterTheirRetentionOnly() async throws {
        try await TestDatabase.withTested { db async throws in
            let opened = try await db.openTestCase()
            let request = TransitionRequest(caseID: opened.id, transition: "activate", actor: db.actor(.investigator), idempotencyKey: "old")
            _ = try await db.store.runTransition(request)
            #expect(try await db.store.purgeIdempotencyKeys() == 0)
            #expect(try await db.store.purgeIdempotencyKeys(now: db.now.addingTimeInterval(CaseStore.idempotencyKeyRetention + 60)) == 1)
            #expect(try await db.count("SELECT count(*) FROM idempotency_keys") == 0)
        }
    }
}
