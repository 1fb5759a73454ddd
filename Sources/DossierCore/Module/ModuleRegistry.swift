/// The checked set of modules an executable runs with.
///
/// Creating a registry is the start-up check: duplicate ids, missing or circular
/// dependencies, incompatible core versions, clashing reference prefixes and invalid
/// workflows all stop start-up here, with a message naming the module and the problem.
///
/// ```swift
/// let registry = try ModuleRegistry([ColdCases(), Extradition()])
/// ```
public struct ModuleRegistry: Sendable {
    /// Modules in dependency order: every module after the modules it needs.
    public let modules: [any CaseModule]
    private let typesByModule: [String: [String: CaseType]]

    public init(_ modules: [any CaseModule], core: SemanticVersion = DossierCoreInfo.version) throws(DossierError) {
        var problems: [String] = []
        var byID: [String: any CaseModule] = [:]
        var prefixes: [String: String] = [:]
        for module in modules {
            if byID[module.id] != nil {
                problems.append("module id '\(module.id)' is registered twice")
                continue
            }
            byID[module.id] = module
            if !Self.isKebabCase(module.id) || module.id == "core" {
                problems.append("module '\(module.id)': id must be kebab-case (a-z, 0-9, -) and not 'core'")
            }
            if !core.canRun(moduleBuiltFor: module.coreVersion) {
                problems.append(
                    "module '\(module.id)' was built for Dossier core \(module.coreVersion), which this core \(core) cannot run")
            }
            let prefix = module.referencePrefix
            if prefix.isEmpty && module.caseTypes.isEmpty {
                // A module without case types opens no cases, so it needs no prefix.
            } else if prefix.isEmpty {
                problems.append("module '\(module.id)' defines case types, so it needs a referencePrefix of 1 to 8 capital letters")
            } else if prefix.count > 8 || !prefix.utf8.allSatisfy({ (65...90).contains($0) }) {
                problems.append("module '\(module.id)': reference prefix '\(prefix)' must be 1 to 8 capital letters")
            } else if let owner = prefixes[prefix] {
                problems.append("module '\(module.id)': reference prefix '\(prefix)' is already used by module '\(owner)'")
            } else {
                prefixes[prefix] = module.id
            }
            for migration in module.migrations where migration.module != module.id {
                problems.append(
                    "module '\(module.id)': migration \(migration.fileName) belongs to folder '\(migration.module)', not '\(module.id)'")
            }
            for migration in module.migrations where migration.version < 1 {
                problems.append(
                    "module '\(module.id)': migration file '\(migration.fileName)' must be named NNNN_snake_name.sql (e.g. 0002_add_index.sql)")
            }
            for version in WorkflowValidator.duplicates(module.migrations.map { String($0.version) }) {
                problems.append("module '\(module.id)': migration version \(version) appears more than once")
            }
            for name in WorkflowValidator.duplicates(module.caseTypes.map(\.name)) {
                problems.append("module '\(module.id)': case type '\(name)' is defined more than once")
            }
            for caseType in module.caseTypes {
                for problem in WorkflowValidator.problems(in: caseType.workflow) {
                    problems.append("module '\(module.id)', case type '\(caseType.name)': \(problem)")
                }
            }
        }
        for module in modules {
            for dependency in module.dependencies where byID[dependency] == nil {
                let registered = byID.keys.sorted().joined(separator: ", ")
                problems.append(
                    "module '\(module.id)' needs module '\(dependency)', which is not registered (registered: \(registered))")
            }
        }
        guard problems.isEmpty else { throw DossierError(.invalidModule, problems.joined(separator: "; ")) }

        // Order by dependencies (depth-first), refusing cycles.
        var ordered: [any CaseModule] = []
        var done: Set<String> = []
        var visiting: [String] = []
        func visit(_ id: String) throws(DossierError) {
            if done.contains(id) { return }
            if let start = visiting.firstIndex(of: id) {
                let cycle = (visiting[start...] + [id]).joined(separator: " -> ")
                throw DossierError(.invalidModule, "modules depend on each other in a cycle: \(cycle)")
            }
            visiting.append(id)
            for dependency in byID[id]!.dependencies { try visit(dependency) }
            visiting.removeLast()
            done.insert(id)
            ordered.append(byID[id]!)
        }
        for module in modules { try visit(module.id) }

        self.modules = ordered
        self.typesByModule = byID.mapValues { module in
            Dictionary(module.caseTypes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    public func module(_ id: String) -> (any CaseModule)? { modules.first { $0.id == id } }

    /// The case type, or an error naming what exists.
    public func caseType(module moduleID: String, type: String) throws(DossierError) -> CaseType {
        guard let types = typesByModule[moduleID] else {
            throw .invalidInput(
                "module '\(moduleID)' is not registered (modules: \(modules.map(\.id).joined(separator: ", ")))")
        }
        guard let caseType = types[type] else {
            throw .invalidInput(
                "module '\(moduleID)' has no case type '\(type)' (types: \(types.keys.sorted().joined(separator: ", ")))")
        }
        return caseType
    }

    static func isKebabCase(_ id: String) -> Bool {
        guard let first = id.utf8.first, (97...122).contains(first), id.utf8.last != UInt8(ascii: "-") else { return false }
        return id.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == UInt8(ascii: "-") }
    }
}

extension CaseQuery {
    /// Refuses a module, case type or state filter that no registered workflow has, naming
    /// those that exist: `--state frozen` is a typing mistake, not an empty list.
    public func validateFilters(against registry: ModuleRegistry) throws(DossierError) {
        var modules = registry.modules
        if let module {
            guard let found = registry.module(module) else {
                throw .invalidInput("module '\(module)' does not exist; the modules are \(registry.modules.map(\.id).joined(separator: ", "))")
            }
            modules = [found]
        }
        var types = modules.flatMap(\.caseTypes)
        if let type {
            guard let found = types.first(where: { $0.name == type }) else {
                let scope = module.map { " of module '\($0)'" } ?? ""
                throw .invalidInput("case type '\(type)' does not exist\(scope); the case types are \(types.map(\.name).joined(separator: ", "))")
            }
            types = [found]
        }
        if let state, !types.contains(where: { $0.workflow.states.contains { $0.name == state } }) {
            let each = types.map { "\($0.name): \($0.workflow.states.map(\.name).joined(separator: ", "))" }
            throw .invalidInput("state '\(state)' is in no workflow of the cases asked for; the states are \(each.joined(separator: "; "))")
        }
    }
}
