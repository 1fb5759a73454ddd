import DossierCore
import DossierPostgres
import DossierServer
import Foundation
import HTTPTypes

/// Each case type's workflow as a state table: where a case starts, every state with the
/// steps that leave it (who may take them, what they ask for), the timers each starts, and
/// which states close the case. Staff see where a case can go before they act.
struct WorkflowPage {
    @Sendable func show(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let types = request.services.registry.modules.flatMap { module in
            module.caseTypes.map { caseType in Self.view(caseType, module: module) }
        }
        return request.page("Workflows", template: "workflows", ["types": types], section: "workflows")
    }

    static func view(_ caseType: CaseType, module: any CaseModule) -> [String: Any] {
        let workflow = caseType.workflow
        return [
            "title": caseType.title, "module": module.name, "anchor": "\(module.id)-\(caseType.name)",
            "initial": ConsoleFormat.label(workflow.state(named: workflow.initialState)?.label ?? workflow.initialState),
            "states": workflow.states.map { state in
                let steps = workflow.transitions(from: state.name)
                let timers = workflow.timersStarted(enteringState: state.name)
                return [
                    "name": ConsoleFormat.label(state.label), "terminal": state.isTerminal, "initial": state.name == workflow.initialState,
                    "hasSteps": !steps.isEmpty,
                    "steps": steps.map { step in
                        [
                            "label": ConsoleFormat.label(step.label),
                            "to": ConsoleFormat.label(workflow.state(named: step.to)?.label ?? step.to),
                            "roles": step.roles.sorted().map(\.rawValue).joined(separator: ", "),
                            "inputs": step.inputs.map { ConsoleFormat.label($0.name) + ($0.isRequired ? "" : " (optional)") }
                                .joined(separator: ", "),
                            "hasInputs": !step.inputs.isEmpty,
                            "timers": workflow.timersStarted(byTransition: step.name).map(Self.timerText).joined(separator: "; "),
                            "hasTimers": !workflow.timersStarted(byTransition: step.name).isEmpty,
                        ] as [String: Any]
                    },
                    "timers": timers.map(Self.timerText).joined(separator: "; "), "hasTimers": !timers.isEmpty,
                ] as [String: Any]
            },
        ]
    }

    /// `must: Request limit, 40 calendar days (ECE 1957 Art. 16(4))`.
    static func timerText(_ timer: TimerDefinition) -> String {
        "\(timer.obligation.rawValue): \(ConsoleFormat.label(timer.name)), \(timer.duration)"
            + (timer.legalBasis.isEmpty ? "" : " (\(timer.legalBasis))")
    }
}
