import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import PostgresNIO
import Testing

/// A module the store tests run with: a workflow with inputs, a guard, timers (one whose
/// expiry takes a transition), and hooks that write the module's own table.
struct CasesUnderTest: HookModule {
    let id = "tested"
    let name = "Tested"
    let version = SemanticVersion(1, 0, 0)
    let referencePrefix = "TST"
    /// A title the module's `caseOpened` hook refuses.
    static let refusedTitle = "Refused at opening"

    var migrations: [Migration] {
        [
            Migration(
                module: id, version: 1, name: "create_decisions",
                sql: """
                    CREATE TABLE tested_decisions (
                        case_id uuid NOT NULL REFERENCES cases (id),
                        transition text NOT NULL,
                        decided_by text NOT NULL
                    );
                    """)
        ]
    }

    static let workflow = WorkflowDefinition(
        initialState: "open",
        states: [.init("open"), .init("active"), .init("paused"), .init("escalated"), .init("closed", isTerminal: true)],
        transitions: [
            .init("activate", from: ["open"], to: "active", roles: [.investigator, .supervisor]),
            .init("touch", from: ["active"], to: "active", roles: [.investigator]),
            .init("pause", from: ["active"], to: "paused", roles: [.investigator]),
            .init("resume", from: ["paused"], to: "active", roles: [.investigator]),
            .init("escalate", from: ["active"], to: "escalated", roles: []),
            .init(
                "close", from: ["active", "escalated"], to: "closed", roles: [.supervisor],
                inputs: [.init("reason", .string), .init("code", .choice(["A", "B"]), required: false)],
                guards: [
                    .init("the case is not under hold", refusal: "the case is on hold; lift the hold first") {
                        $0.case.attributes.objectValue?["hold"]?.boolValue != true
                    }
                ],
                effects: [.setAttribute(key: "closing_reason", fromInput: "reason")]),
            .init("refuse_in_hook", from: ["active"], to: "closed", roles: [.supervisor]),
            .init("reopen", from: ["closed"], to: "active", roles: [.supervisor]),
        ],
        timers: [
            .init("review_due", start: .enteringState("active"), duration: .days(28), legalBasis: "Policy 4.2"),
            .init(
                "escalation_due", start: .transition("activate"), duration: .hours(48), legalBasis: "Rule 7",
                expiry: .takeTransition("escalate"), obligation: .must),
        ]
    )

    var caseTypes: [CaseType] {
        [CaseType(name: "tested-case", title: "Tested case", workflow: Self.workflow) { attributes, _ throws(DossierError) in
            guard attributes.objectValue != nil else { throw .invalidInput("attributes must be an object") }
            if let hold = attributes.objectValue?["hold"], hold.boolValue == nil {
                throw .invalidInput("attributes.hold must be a boolean")
            }
            return attributes
        }]
    }

    var hooks: [CaseHook] {
        [
            .afterTransition { event, transaction in
                try await transaction.connection.query(
                    """
                    INSERT INTO tested_decisions (case_id, transition, decided_by)
                    VALUES (\(event.case.id), \(event.transition), \(event.actor.id))
                    """, logger: transaction.logger)
            },
            .caseOpened { event, _ in
                if event.case.title == Self.refusedTitle { throw DossierError(.hookRefused, "refused on opening") }
            },
            .beforeTransition { event, _ in
                if event.transition == "refuse_in_hook" {
                    throw DossierError(.hookRefused, "the module refuses this transition")
                }
            },
        ]
    }
}

extension TestDatabase {
    static func withTested<Result: Sendable>(_ body: (TestDatabase) async throws -> Result) async throws -> Result {
        try await with(modules: [CasesUnderTest()], body)
    }

    func openTestCase(title: String = "Disappearance of R. Doe", attributes: JSONValue = [:], by actor: Actor? = nil) async throws -> Case {
        try await store.openCase(
            NewCase(module: "tested", type: "tested-case", title: title, owningAgency: "MET", country: "GB", attributes: attributes),
            by: actor ?? self.actor(.investigator, id: "ivy"))
    }

    /// Everything a refused operation must not have changed, to compare before and after.
    func snapshot(of caseID: UUID) async throws -> Snapshot {
        let rows = try await client.query(
            """
            SELECT (SELECT row_to_json(c)::text FROM cases c WHERE id = \(caseID)),
                   (SELECT count(*) FROM case_events WHERE case_id = \(caseID)),
                   (SELECT count(*) FROM case_timers WHERE case_id = \(caseID)),
                   (SELECT count(*) FILTER (WHERE cancelled_at IS NOT NULL) FROM case_timers WHERE case_id = \(caseID)),
                   (SELECT count(*) FROM tested_decisions WHERE case_id = \(caseID)),
                   (SELECT count(*) FROM idempotency_keys)
            """, logger: logger)
        for try await row in rows.decode((String, Int, Int, Int, Int, Int).self) {
            return Snapshot(caseRow: row.0, events: row.1, timers: row.2, cancelledTimers: row.3, decisions: row.4, idempotencyKeys: row.5)
        }
        throw DossierError.notFound("case")
    }

    func count(_ sql: String) async throws -> Int {
        let rows = try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        for try await value in rows.decode(Int.self) { return value }
        return 0
    }
}

struct Snapshot: Equatable {
    var caseRow: String
    var events: Int
    var timers: Int
    var cancelledTimers: Int
    var decisions: Int
    var idempotencyKeys: Int
}

/// Runs `body` and returns the DossierError it threw.
func dossierError(_ body: () async throws -> Void) async -> DossierError? {
    do {
        try await body()
        return nil
    } catch let error as DossierError {
        return error
    } catch {
        Issue.record("expected a DossierError, got \(error)")
        return nil
    }
}
