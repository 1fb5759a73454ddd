import Foundation

/// Renders a workflow for people (text), for diagrams (Mermaid, Graphviz DOT) and for
/// programs (a JSON value).
public enum WorkflowRenderer {
    public static func mermaid(_ workflow: WorkflowDefinition) -> String {
        var lines = ["stateDiagram-v2", "    [*] --> \(workflow.initialState)"]
        for transition in workflow.transitions {
            for from in transition.from {
                lines.append("    \(from) --> \(transition.to): \(transition.name)")
            }
        }
        for state in workflow.states where state.isTerminal {
            lines.append("    \(state.name) --> [*]")
        }
        return lines.joined(separator: "\n")
    }

    public static func dot(_ workflow: WorkflowDefinition, name: String = "workflow") -> String {
        var lines = ["digraph \"\(name)\" {", "    rankdir=LR;", "    node [shape=box, style=rounded];"]
        lines.append("    \"\(workflow.initialState)\" [penwidth=2];")
        for state in workflow.states where state.isTerminal {
            lines.append("    \"\(state.name)\" [peripheries=2];")
        }
        for transition in workflow.transitions {
            let roles = transition.roles.isEmpty ? "system" : transition.roles.sorted().map(\.rawValue).joined(separator: ", ")
            for from in transition.from {
                lines.append("    \"\(from)\" -> \"\(transition.to)\" [label=\"\(transition.name)\\n(\(roles))\"];")
            }
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    public static func text(_ workflow: WorkflowDefinition) -> String {
        var lines: [String] = []
        lines.append("States (initial: \(workflow.initialState)):")
        for state in workflow.states {
            lines.append("  \(state.name)\(state.isTerminal ? " (terminal)" : "")")
        }
        lines.append("Transitions:")
        for transition in workflow.transitions {
            let roles = transition.roles.isEmpty ? "system only" : transition.roles.sorted().map(\.rawValue).joined(separator: ", ")
            lines.append("  \(transition.name): \(transition.from.joined(separator: ", ")) -> \(transition.to)  [\(roles)]")
            for input in transition.inputs {
                lines.append("    input \(input.name): \(input.type.name)\(input.isRequired ? "" : " (optional)")")
            }
            for guardRule in transition.guards { lines.append("    guard: \(guardRule.description)") }
        }
        if !workflow.timers.isEmpty {
            lines.append("Timers:")
            for timer in workflow.timers {
                let start: String = switch timer.start {
                case .enteringState(let state): "on entering \(state)"
                case .transition(let name): "on \(name)"
                case .byEffect: "when started by an effect or the module"
                }
                let expiry: String = switch timer.expiry {
                case .raiseEvent: "raises an event"
                case .takeTransition(let name): "takes \(name)"
                }
                var line = "  \(timer.name): \(timer.duration) (\(timer.counting.rawValue.replacingOccurrences(of: "_", with: " "))), \(start); expiry \(expiry), authority \(timer.obligation.rawValue) act"
                if !timer.legalBasis.isEmpty { line += "; \(timer.legalBasis)" }
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n")
    }

    public static func json(_ workflow: WorkflowDefinition) -> JSONValue {
        .object([
            "initial_state": .string(workflow.initialState),
            "states": .array(workflow.states.map { .object(["name": .string($0.name), "terminal": .bool($0.isTerminal), "label": .string($0.label)]) }),
            "transitions": .array(workflow.transitions.map { transition in
                .object([
                    "name": .string(transition.name),
                    "from": .array(transition.from.map(JSONValue.string)),
                    "to": .string(transition.to),
                    "roles": .array(transition.roles.sorted().map { .string($0.rawValue) }),
                    "inputs": .array(transition.inputs.map { input in
                        .object(["name": .string(input.name), "type": .string(input.type.name), "required": .bool(input.isRequired)])
                    }),
                    "guards": .array(transition.guards.map { .object(["description": .string($0.description), "refusal": .string($0.refusal)]) }),
                ])
            }),
            "timers": .array(workflow.timers.map { timer in
                .object([
                    "name": .string(timer.name),
                    "duration": .object(["value": .int(Int64(timer.duration.value)), "unit": .string(timer.duration.unit.rawValue)]),
                    "counting": .string(timer.counting.rawValue),
                    "legal_basis": .string(timer.legalBasis),
                    "obligation": .string(timer.obligation.rawValue),
                    "expiry": (try? JSONValue(encoding: timer.expiry)) ?? .null,
                    "start": (try? JSONValue(encoding: timer.start)) ?? .null,
                ])
            }),
        ])
    }
}
