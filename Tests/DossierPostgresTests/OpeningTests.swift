import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import Testing

@Suite struct OpeningTests {
    @Test func twoHundredConcurrentOpeningsGetUniqueGaplessReferences() async throws {
        try await TestDatabase.withTested { db async throws in
            let references = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<200 {
                    group.addTask { try await db.openTestCase(title: "Case \(index)").reference }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            let year = Calendar(identifier: .gregorian).dateComponents(in: .gmt, from: db.now).year!
            let expected = Set((1...200).map { "TST-\(year)-\($0.zeroPadded(6))" })
            #expect(Set(references) == expected)
            #expect(references.count == 200)
        }
    }

    @Test func openingRecordsTheEventTheLeadAndTheInitialState() async throws {
        try await TestDatabase.withTested { db async throws in
            let opened = try await db.openTestCase(by: db.actor(.investigator, id: "ivy"))
            #expect(opened.version == 1)
            let events = try await db.store.timeline(caseID: opened.id)
            #expect(events.map(\.kind) == [.opened])
            #expect(events[0].actor == "ivy")
            #expect(events[0].payload.objectValue?["reference"] == .string(opened.reference))
            let members = try await db.store.members(caseID: opened.id)
            #expect(members.map(\.userID) == ["ivy"])
            #expect(members.map(\.role) == [.lead])
            #expect(try await db.store.getCase(reference: opened.reference) == opened)
        }
    }

    @Test(arguments: [
        (NewCase(module: "tested", type: "tested-case", title: "", owningAgency: "MET", country: "GB"),
         "title must be 1 to 500 characters, not 0"),
        (NewCase(module: "tested", type: "tested-case", title: "T", owningAgency: "MET", country: "gb"),
         "country 'gb' is not an ISO 3166-1 alpha-2 code (two capital letters, e.g. JM)"),
        (NewCase(module: "nope", type: "tested-case", title: "T", owningAgency: "MET", country: "GB"),
         "module 'nope' is not registered (modules: tested)"),
        (NewCase(module: "tested", type: "other", title: "T", owningAgency: "MET", country: "GB"),
         "module 'tested' has no case type 'other' (types: tested-case)"),
        (NewCase(module: "tested", type: "tested-case", title: "T", owningAgency: "MET", country: "GB", attributes: ["hold": "yes"]),
         "attributes.hold must be a boolean"),
    ])
    func badInputIsRefusedWithAPreciseMessageAndNothingWritten(new: NewCase, message: String) async throws {
        try await TestDatabase.withTested { db async throws in
            let error = await dossierError { _ = try await db.store.openCase(new, by: db.actor(.investigator)) }
            #expect(error == .invalidInput(message))
            #expect(try await db.count("SELECT count(*) FROM cases") == 0)
            #expect(try await db.count("SELECT count(*) FROM reference_counters") == 0)
        }
    }

    @Test func aFailedOpeningLeavesNoGapInReferences() async throws {
        try await TestDatabase.withTested { db async throws in
            let first = try await db.openTestCase()
            let error = await dossierError { _ = try await db.openTestCase(title: CasesUnderTest.refusedTitle) }
            #expect(error == DossierError(.hookRefused, "refused on opening"))
            #expect(try await db.count("SELECT count(*) FROM cases") == 1)
            let second = try await db.openTestCase()
            #expect(first.reference.hasSuffix("000001"))
            #expect(second.reference.hasSuffix("000002"))
        }
    }
}
