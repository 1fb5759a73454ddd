public import DossierCore
import Foundation

extension CaseStore {
    /// The cases with every case-reference attribute (``CaseType/caseReferenceAttributes``)
    /// that names a case `reader` may not see replaced by `{"hidden": true}`.
    public func redactingHiddenCaseReferences(_ cases: [Case], for reader: Actor) async throws -> [Case] {
        let named = cases.map { (value: $0, keys: referenceKeys(of: $0.module, $0.type)) }
        let ids = named.flatMap { item in item.keys.compactMap { Self.caseID(item.value.attributes, $0) } }
        guard !reader.isUnrestricted, !ids.isEmpty else { return cases }
        let visible = try await visibleCaseIDs(ids, to: reader)
        return named.map { item in
            var redacted = item.value
            redacted.attributes = Self.redacting(item.keys, in: item.value.attributes, visible: visible)
            return redacted
        }
    }

    /// ``redactingHiddenCaseReferences(_:for:)`` for one case.
    public func redactingHiddenCaseReferences(_ value: Case, for reader: Actor) async throws -> Case {
        try await redactingHiddenCaseReferences([value], for: reader)[0]
    }

    /// A timeline with the same attributes redacted wherever an event carries the case's
    /// attributes (its `opened` event, transitions that set attributes), and each
    /// `link_added` target `reader` may not see hidden (``redactingHiddenLinks(_:for:)``).
    public func redactingHiddenCases(in events: [CaseEvent], of value: Case, for reader: Actor) async throws -> [CaseEvent] {
        let linksRedacted = try await redactingHiddenLinks(events, for: reader)
        let keys = referenceKeys(of: value.module, value.type)
        func attributes(_ event: CaseEvent) -> JSONValue? { event.payload.objectValue?["attributes"] }
        let ids = linksRedacted.flatMap { event in keys.compactMap { key in attributes(event).flatMap { Self.caseID($0, key) } } }
        guard !reader.isUnrestricted, !ids.isEmpty else { return linksRedacted }
        let visible = try await visibleCaseIDs(ids, to: reader)
        return linksRedacted.map { event in
            guard case .object(var payload) = event.payload, let attributes = payload["attributes"] else { return event }
            payload["attributes"] = Self.redacting(keys, in: attributes, visible: visible)
            var redacted = event
            redacted.payload = .object(payload)
            return redacted
        }
    }

    private func referenceKeys(of module: String, _ type: String) -> Set<String> {
        (try? registry.caseType(module: module, type: type))?.caseReferenceAttributes ?? []
    }

    private static func caseID(_ attributes: JSONValue, _ key: String) -> UUID? {
        attributes.objectValue?[key]?.stringValue.flatMap(UUID.init(uuidString:))
    }

    private static func redacting(_ keys: Set<String>, in attributes: JSONValue, visible: Set<UUID>) -> JSONValue {
        guard case .object(var object) = attributes else { return attributes }
        for key in keys {
            if let id = caseID(attributes, key), !visible.contains(id) { object[key] = ["hidden": true] }
        }
        return .object(object)
    }
}
