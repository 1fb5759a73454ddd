import DossierCore
import Foundation

/// A small, valid workflow the tests bend in one way at a time.
func sampleWorkflow() -> WorkflowDefinition {
    WorkflowDefinition(
        initialState: "new",
        states: [.init("new"), .init("active"), .init("closed", isTerminal: true)],
        transitions: [
            .init("start", from: ["new"], to: "active", roles: [.investigator]),
            .init(
                "close", from: ["active"], to: "closed", roles: [.supervisor],
                inputs: [.init("reason", .string), .init("code", .choice(["A", "B"]), required: false)],
                guards: [
                    .init("not closed by its opener", refusal: "the opener cannot close the case") {
                        $0.case.attributes.objectValue?["opener"]?.stringValue != $0.actor.id
                    }
                ]),
        ],
        timers: [.init("review_due", start: .enteringState("active"), duration: .days(28))]
    )
}

struct SampleModule: CaseModule {
    var id = "sample"
    var name = "Sample"
    var version = SemanticVersion(1, 0, 0)
    var referencePrefix = "SMP"
    var dependencies: [String] = []
    var coreVersion = DossierCoreInfo.version
    var caseTypes: [CaseType] = [CaseType(name: "sample-case", title: "Sample", workflow: sampleWorkflow())]
    var extraMigrations: [Migration] = []
    var migrations: [Migration] { extraMigrations }
}

func sampleCase(state: String = "active", attributes: JSONValue = [:]) -> Case {
    Case(
        id: UUID.v7(), reference: "SMP-2026-000001", module: "sample", type: "sample-case", title: "A case", summary: "",
        state: state, priority: .normal, classification: .official, owningAgency: "AG", country: "JM", openedAt: Date(),
        closedAt: nil, version: 1, attributes: attributes, tags: [])
}
