import DossierCore
@testable import DossierPostgres
import DossierTesting
import Foundation
import PostgresNIO
import Synchronization
import Testing

/// A module whose hooks change core records through the core's handle: after a
/// transition, a note, a refused party (its nested `partyAdded` hook throws; the hook
/// carries on), an accepted one, a link to a case the actor may not see (refused), and,
/// when `endsWithInvalidLink`, a link of an invalid kind that fails the transition.
struct HookedModule: HookModule {
    let id: String
    let referencePrefix: String
    let endsWithInvalidLink: Bool
    var name: String { id }
    let version = SemanticVersion(1, 0, 0)
    /// The last handle each module's hook was given, to try it after its hooks returned.
    static let kept = Mutex<[String: CaseTransaction]>([:])

    var caseTypes: [CaseType] {
        [CaseType(name: "\(id)-case", title: "Hooked case", workflow: WorkflowDefinition(
            initialState: "open", states: [.init("open"), .init("active", isTerminal: true)],
            transitions: [.init("activate", from: ["open"], to: "active", roles: [.investigator])]))]
    }

    var hooks: [CaseHook] {
        [
            .afterTransition { [id, endsWithInvalidLink] event, transaction in
                Self.kept.withLock { $0[id] = transaction }
                func attribute(_ key: String) -> UUID? {
                    event.case.attributes.objectValue?[key]?.stringValue.flatMap(UUID.init(uuidString:))
                }
                guard let person = attribute("person") else { return }
                try await transaction.addNote("activated through the core")
                let refused = try? await transaction.addParty(personID: person, role: .informant)
                #expect(refused == nil, "the nested partyAdded hook refuses informants")
                try await transaction.addParty(personID: person, role: .witness, note: "saw the van")
                if let hidden = attribute("hidden") {
                    let link = try? await transaction.addLink(kind: "related", to: .case(hidden))
                    #expect(link == nil, "a case the actor may not see is not linked")
                }
                if endsWithInvalidLink {
                    try await transaction.addLink(kind: "Not A Kind", to: .entry(module: event.case.module, id: "x"))
                }
            },
            .partyAdded { event, _ in
                if event.role == .informant { throw DossierError(.hookRefused, "no informants here") }
            },
        ]
    }
}

@Suite struct CaseTransactionTests {
    @Test func hookChangesGoThroughTheCoreAndARefusedOneLeavesNothing() async throws {
        try await TestDatabase.with(modules: [HookedModule(id: "handled", referencePrefix: "HND", endsWithInvalidLink: true)]) { db async throws in
            let ivy = db.actor(.investigator, id: "ivy")
            let person = try await db.store.createPerson(NewPerson(latinName: "Dana Pryce"), by: ivy)
            let hidden = try await db.store.openCase(
                NewCase(module: "handled", type: "handled-case", title: "Elsewhere", owningAgency: "NCA", country: "GB"), by: .system)
            let opened = try await db.store.openCase(
                NewCase(module: "handled", type: "handled-case", title: "Van thefts", owningAgency: "MET", country: "GB",
                        attributes: ["person": .string(person.id.uuidString), "hidden": .string(hidden.id.uuidString)]),
                by: ivy)

            // The last hook step is an invalid link kind: the whole transition is refused and nothing stays.
            let refusal = await #expect(throws: DossierError.self) {
                try await db.store.runTransition(.init(caseID: opened.id, transition: "activate", actor: ivy))
            }
            #expect(refusal?.message.contains("link kind 'Not A Kind'") == true, "\(String(describing: refusal))")
            #expect(try await db.store.timeline(caseID: opened.id).map(\.kind) == [.opened])
            #expect(try await db.store.parties(caseID: opened.id).isEmpty)
            #expect(try await db.store.getCase(id: opened.id).state == "open")
            #expect(try await db.store.verifyChains(caseID: opened.id).isIntact)
        }
    }

    @Test func whatHooksChainAfterATransitionIsOnTheTimelineAndTheCaseRow() async throws {
        try await TestDatabase.with(modules: [HookedModule(id: "accepting", referencePrefix: "ACC", endsWithInvalidLink: false)]) { db async throws in
            let ivy = db.actor(.investigator, id: "ivy")
            let person = try await db.store.createPerson(NewPerson(latinName: "Dana Pryce"), by: ivy)
            let opened = try await db.store.openCase(
                NewCase(module: "accepting", type: "accepting-case", title: "Van thefts", owningAgency: "MET", country: "GB",
                        attributes: ["person": .string(person.id.uuidString)]),
                by: ivy)
            let result = try await db.store.runTransition(.init(caseID: opened.id, transition: "activate", actor: ivy))
            let timeline = try await db.store.timeline(caseID: opened.id)
            #expect(timeline.map(\.kind) == [.opened, .transition, .note, .partyAdded])
            #expect(timeline[3].payload.objectValue?["role"] == "witness")
            #expect(try await db.store.parties(caseID: opened.id).map(\.role) == [.witness], "the refused informant left no row")
            #expect(try await db.store.verifyChains(caseID: opened.id).isIntact, "the case row's chain head follows the hooks' events")
            #expect(result.case.version == opened.version + 1, "one transition, one version")

            // The handle refuses use once its hooks have returned.
            let kept = HookedModule.kept.withLock { $0["accepting"] }
            let late = await #expect(throws: DossierError.self) { try await kept?.addNote("too late") }
            #expect(late?.message.contains("after it returned") == true)
        }
    }
}
