import Foundation
import Testing

/// `dossier workflow show cold-case` in every format (no database needed).
@Suite struct WorkflowCommandTests {
    func show(_ format: String) async throws -> DossierBinary.Run {
        let run = try await DossierBinary.run(["workflow", "show", "cold-case", "--format", format], databaseURL: nil)
        #expect(run.status == 0, "\(run.stderr)")
        return run
    }

    @Test func mermaidDrawsEveryTransitionAndTheTerminalStates() async throws {
        let lines = try await show("mermaid").stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "stateDiagram-v2")
        #expect(lines.contains("    [*] --> cold"))
        #expect(lines.contains("    cold --> under_review: start_review"))
        #expect(lines.contains("    reopened --> admin_closed: close_administratively"))
        #expect(lines.contains("    cleared_exceptional --> [*]"))
    }

    @Test func dotLabelsTransitionsWithTheirRoles() async throws {
        let text = try await show("dot").stdout
        #expect(text.hasPrefix("digraph \"cold-case\" {"))
        #expect(text.contains(#""under_review" -> "cold" [label="complete_review\n(supervisor)"];"#))
        #expect(text.contains(#""cleared_arrest" [peripheries=2];"#))
        #expect(text.hasSuffix("}\n"))
    }

    @Test func jsonListsStatesTransitionsInputsAndTimers() async throws {
        let json = try #require(try await show("json").json() as? [String: Any])
        #expect(json["initial_state"] as? String == "cold")
        let states = try #require(json["states"] as? [[String: Any]])
        #expect(states.map { $0["name"] as? String } == [
            "cold", "under_review", "reopened", "cleared_arrest", "cleared_exceptional", "admin_closed",
        ])
        #expect(states.filter { $0["terminal"] as? Bool == true }.count == 3)
        let transitions = try #require(json["transitions"] as? [[String: Any]])
        let clear = try #require(transitions.first { $0["name"] as? String == "clear_exceptionally" })
        let inputs = try #require(clear["inputs"] as? [[String: Any]])
        #expect(inputs.first?["type"] as? String == "one of A, B, C, D, E")
        let timers = try #require(json["timers"] as? [[String: Any]])
        #expect(timers.map { $0["name"] as? String } == ["review_due", "limitation_warning_180", "limitation_warning_30"])
    }

    @Test func anUnknownTypeIsRefusedNamingTheKnownOnes() async throws {
        let run = try await DossierBinary.run(["workflow", "show", "burglary"], databaseURL: nil)
        #expect(run.refusal == "error: no case type 'burglary' (types: cold-case, extradition, surveillance-operation)")
    }
}
