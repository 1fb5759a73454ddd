import ArgumentParser
import DossierCore
import Foundation

/// `dossier workflow list|show`.
struct WorkflowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workflow",
        abstract: "List case types and show their workflows as text, Mermaid, Graphviz DOT or JSON.",
        discussion: """
            Examples:
              dossier workflow list
              dossier workflow show cold-case --format mermaid
              dossier workflow show extradition --format dot | dot -Tpng > extradition.png
            """,
        subcommands: [List.self, Show.self]
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, mermaid, dot, json
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every module's case types.",
            discussion: """
            Examples:
              dossier workflow list
              dossier workflow list --json
            """)
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let registry = try ModuleRegistry(DossierCommand.modules)
            let rows = registry.modules.flatMap { module in
                module.caseTypes.map { (module: module.id, version: module.version.description, type: $0.name, title: $0.title, states: $0.workflow.states.count) }
            }
            if json {
                try Output(json: true).printJSON(rows.map { ["module": $0.module, "module_version": $0.version, "type": $0.type, "title": $0.title] })
            } else if rows.isEmpty {
                print("no case types: this executable registers no modules")
            } else {
                Output(json: false).printTable(
                    ["MODULE", "VERSION", "TYPE", "STATES", "TITLE"], rows.map { [$0.module, $0.version, $0.type, String($0.states), $0.title] })
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one case type's workflow.",
            discussion: """
            Examples:
              dossier workflow show cold-case
              dossier workflow show extradition --format dot | dot -Tsvg > extradition.svg
            """)
        @Argument(help: "The case type (see `dossier workflow list`).") var type: String
        @Option(help: "The module, when two modules have a case type of that name.") var module: String?
        @Option(help: "text, mermaid, dot or json.") var format: Format = .text

        func run() throws {
            let registry = try ModuleRegistry(DossierCommand.modules)
            let matches = registry.modules.filter { module == nil || $0.id == module }.flatMap { module in
                module.caseTypes.filter { $0.name == type }.map { (module.id, $0) }
            }
            guard let (moduleID, caseType) = matches.first else {
                let known = registry.modules.flatMap { $0.caseTypes.map(\.name) }.sorted()
                throw DossierError.invalidInput(
                    "no case type '\(type)'" + (known.isEmpty ? " (no modules are registered)" : " (types: \(known.joined(separator: ", ")))"))
            }
            guard matches.count == 1 else {
                throw DossierError.invalidInput("case type '\(type)' exists in modules \(matches.map(\.0).joined(separator: ", ")); add --module")
            }
            switch format {
            case .text: print("\(moduleID) / \(caseType.name): \(caseType.title)\n" + WorkflowRenderer.text(caseType.workflow))
            case .mermaid: print(WorkflowRenderer.mermaid(caseType.workflow))
            case .dot: print(WorkflowRenderer.dot(caseType.workflow, name: caseType.name))
            case .json: try Output(json: true).printJSON(WorkflowRenderer.json(caseType.workflow))
            }
        }
    }
}
