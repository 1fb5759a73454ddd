public import DossierCore
import DossierPostgres
import Foundation

extension Session {
    /// The case named by a reference (`COLD-2026-000001`) or an id, if the ``viewer`` may
    /// see it: a case hidden from a user acting `--as` them is as missing as one that
    /// does not exist.
    public func resolveCase(_ reference: String) async throws -> Case {
        try await store.visibleCase(named: reference, to: viewer)
    }

    /// Parses `key=value` transition inputs with the types the workflow declares, so that
    /// `--input count=3` arrives as an integer and `--input reason=3` as a string.
    public func parseInputs(_ pairs: [String], transition name: String, of value: Case) throws -> [String: JSONValue] {
        let caseType = try registry.caseType(module: value.module, type: value.type)
        let declared = caseType.workflow.transition(named: name)?.inputs ?? []
        var inputs: [String: JSONValue] = [:]
        for pair in pairs {
            guard let equals = pair.firstIndex(of: "=") else {
                throw DossierError.invalidInput("input '\(pair)' must be key=value")
            }
            let key = String(pair[..<equals])
            let text = String(pair[pair.index(after: equals)...])
            switch declared.first(where: { $0.name == key })?.type {
            case .integer: inputs[key] = Int64(text).map(JSONValue.int) ?? .string(text)
            case .decimal: inputs[key] = Double(text).map(JSONValue.double) ?? .string(text)
            case .boolean: inputs[key] = ["true", "yes"].contains(text.lowercased()) ? .bool(true) : (["false", "no"].contains(text.lowercased()) ? .bool(false) : .string(text))
            default: inputs[key] = .string(text)
            }
        }
        return inputs
    }
}
