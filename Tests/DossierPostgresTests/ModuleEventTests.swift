import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import PostgresNIO
import Testing

@Suite struct ModuleEventTests {
    @Test func aModuleWritesItsRowAndAppendsItsEventInOneTransaction() async throws {
        try await TestDatabase.withTested { db async throws in
            let opened = try await db.openTestCase()
            let (result, event) = try await db.store.recordModuleEvent(
                EventKind("tested.decision_noted"), caseID: opened.id, actor: db.actor(.investigator, id: "ivy")
            ) { found, connection in
                try await connection.query(
                    "INSERT INTO tested_decisions (case_id, transition, decided_by) VALUES (\(found.id), 'noted', 'ivy')",
                    logger: db.logger)
                return (payload: ["note": "noted"], result: found.reference)
            }
            #expect(result == opened.reference)
            #expect(event.kind == EventKind("tested.decision_noted"))
            #expect(event.sequence == 2)
            #expect(try await db.store.getCase(id: opened.id).version == opened.version + 1)
            #expect(try await db.count("SELECT count(*) FROM tested_decisions") == 1)
            #expect(try await db.store.verifyChains(caseID: opened.id).isIntact)
        }
    }

    @Test func aThrowingBodyLeavesNoTrace() async throws {
        try await TestDatabase.withTested { db async throws in
            let opened = try await db.openTestCase()
            let before = try await db.snapshot(of: opened.id)
            let error = await dossierError {
                _ = try await db.store.recordModuleEvent(
                    EventKind("tested.decision_noted"), caseID: opened.id, actor: db.actor(.investigator)
                ) { found, connection -> (payload: JSONValue, result: Void) in
                    try await connection.query(
                        "INSERT INTO tested_decisions (case_id, transition, decided_by) VALUES (\(found.id), 'x', 'y')",
                        logger: db.logger)
                    throw DossierError.invalidInput("refused by the module")
                }
            }
            #expect(error?.code == .invalidInput)
            #expect(try await db.snapshot(of: opened.id) == before)
        }
    }

    @Test(arguments: ["opened", "transition", "other-module.noted", "tested.Bad", "tested."])
    func kindsThatAreNotTheModulesOwnAreRefused(kind: String) async throws {
        try await TestDatabase.withTested { db async throws in
            let opened = try await db.openTestCase()
            let error = await dossierError {
                _ = try await db.store.recordModuleEvent(EventKind(kind), caseID: opened.id, actor: db.actor(.investigator)) { _, _ in
                    (payload: [:], result: ())
                }
            }
            #expect(error?.code == .invalidInput)
            #expect(error?.message.contains("<module-id>.<snake_name>") == true)
        }
    }
}
