import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import Testing

@Suite struct ListTests {
    @Test func keysetPaginationReturnsEveryRowExactlyOnceWhileRowsAreInserted() async throws {
        try await TestDatabase.withTested { db async throws in
            var existing: Set<UUID> = []
            for index in 0..<45 { existing.insert(try await db.openTestCase(title: "Existing \(index)").id) }

            var seen: [UUID] = []
            var cursor: CaseCursor?
            var inserted = 0
            repeat {
                let page = try await db.store.listCases(CaseQuery(cursor: cursor, limit: 10))
                seen += page.cases.map(\.id)
                cursor = page.nextCursor
                // New cases arrive between pages.
                for _ in 0..<3 {
                    _ = try await db.openTestCase(title: "Arrived \(inserted)")
                    inserted += 1
                }
            } while cursor != nil
            #expect(seen.count == Set(seen).count, "a case was returned twice")
            #expect(existing.isSubset(of: Set(seen)), "a case that existed was skipped")
            #expect(seen.count == 45)
        }
    }

    @Test func filtersCombine() async throws {
        try await TestDatabase.withTested { db async throws in
            let ivy = db.actor(.investigator, id: "ivy")
            let sam = db.actor(.investigator, id: "sam")
            let a = try await db.store.openCase(
                NewCase(module: "tested", type: "tested-case", title: "Harbour arson", priority: .high, owningAgency: "MET", country: "GB", tags: ["arson"]),
                by: ivy)
            _ = try await db.store.openCase(
                NewCase(module: "tested", type: "tested-case", title: "Harbour theft", owningAgency: "JCF", country: "JM"), by: sam)
            _ = try await db.store.runTransition(.init(caseID: a.id, transition: "activate", actor: ivy))

            func ids(_ query: CaseQuery) async throws -> [String] {
                try await db.store.listCases(query).cases.map(\.title)
            }
            #expect(try await ids(CaseQuery(text: "harbour")).count == 2)
            #expect(try await ids(CaseQuery(state: "active")) == ["Harbour arson"])
            #expect(try await ids(CaseQuery(priority: .high)) == ["Harbour arson"])
            #expect(try await ids(CaseQuery(member: "sam")) == ["Harbour theft"])
            #expect(try await ids(CaseQuery(country: "JM")) == ["Harbour theft"])
            #expect(try await ids(CaseQuery(tag: "arson")) == ["Harbour arson"])
            #expect(try await ids(CaseQuery(module: "tested", type: "tested-case", text: "theft")) == ["Harbour theft"])
            // A filter no workflow can match is a mistake, not an empty list: it names what exists.
            let unknown: [(CaseQuery, String)] = [
                (CaseQuery(module: "other"), "module 'other' does not exist; the modules are tested"),
                (CaseQuery(type: "frozen-case"), "case type 'frozen-case' does not exist; the case types are tested-case"),
                (CaseQuery(module: "tested", type: "x"), "case type 'x' does not exist of module 'tested'; the case types are tested-case"),
            ]
            for (query, message) in unknown {
                await #expect(throws: DossierError.invalidInput(message)) { _ = try await db.store.listCases(query) }
                await #expect(throws: DossierError.invalidInput(message)) { _ = try await db.store.countCases(query) }
            }
            let frozen = await #expect(throws: DossierError.self) { _ = try await db.store.listCases(CaseQuery(state: "frozen")) }
            #expect(frozen?.message.hasPrefix("state 'frozen' is in no workflow of the cases asked for; the states are tested-case: ") == true)
        }
    }

    /// A supervisor sees their agency's cases up to their clearance plus the cases they are
    /// a member of elsewhere; the two parts are paged together, newest first, and counted.
    @Test func aSupervisorPagesTheirAgencyAndTheirMembershipsAsOneList() async throws {
        try await TestDatabase.withTested { db async throws in
            let supervisor = db.actor(.supervisor, id: "sue", agency: "MET", clearance: .confidential)
            let elsewhere = db.actor(.investigator, id: "jon", agency: "JCF")
            var expected: [String] = []
            for index in 0..<9 {
                let classification: Classification = index % 3 == 2 ? .secret : .official
                let agency = index % 2 == 0 ? "MET" : "JCF"
                let opened = try await db.store.openCase(
                    NewCase(module: "tested", type: "tested-case", title: "Case \(index)", classification: classification,
                            owningAgency: agency, country: "GB"),
                    by: agency == "MET" ? db.actor(.investigator, id: "ivy", agency: "MET") : elsewhere)
                // Sue is a member of two of the other agency's cases, one above her clearance.
                if agency == "JCF" && (index == 3 || index == 5) {
                    _ = try await db.store.addMember(caseID: opened.id, userID: "sue", role: .observer, by: elsewhere)
                }
                let visible = classification != .secret && (agency == "MET" || index == 3 || index == 5)
                if visible { expected.insert("Case \(index)", at: 0) }
            }
            var seen: [String] = []
            var cursor: CaseCursor?
            repeat {
                let page = try await db.store.listCases(CaseQuery(cursor: cursor, limit: 2), visibleTo: supervisor)
                seen += page.cases.map(\.title)
                cursor = page.nextCursor
            } while cursor != nil
            #expect(seen == expected)
            #expect(try await db.store.countCases(CaseQuery(), visibleTo: supervisor) == expected.count)
            #expect(try await db.store.countCases(CaseQuery(), visibleTo: elsewhere) == 4)
            #expect(try await db.store.countCases(CaseQuery()) == 9)
        }
    }

    @Test func refusesBadQueries() async throws {
        try await TestDatabase.withTested { db async throws in
            #expect(await dossierError { _ = try await db.store.listCases(CaseQuery(limit: 0)) } == .invalidInput("limit must be between 1 and 500, not 0"))
            #expect(await dossierError { _ = try await db.store.listCases(CaseQuery(country: "Jamaica")) } == .invalidInput("country 'Jamaica' is not an ISO 3166-1 alpha-2 code"))
        }
    }
}
