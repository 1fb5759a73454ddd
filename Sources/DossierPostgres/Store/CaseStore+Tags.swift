public import DossierCore
public import Foundation
import PostgresNIO

extension CaseStore {
    /// The most tags a case carries.
    public static let maximumTags = 50

    /// Adds and removes tags on a case, as anyone who may change it. The change is one
    /// `field_changed` event naming what was added and removed; a tag already there (or
    /// not there to remove) changes nothing, and a change that changes nothing writes
    /// nothing and keeps the version.
    @discardableResult
    public func changeTags(
        caseID: UUID, adding: [String] = [], removing: [String] = [], by actor: Actor, options: ChangeOptions = .init()
    ) async throws -> Case {
        let adding = try Self.tags(adding), removing = try Self.tags(removing)
        guard !adding.isEmpty || !removing.isEmpty else { throw DossierError.invalidInput("name a tag to add or to remove") }
        if let both = adding.first(where: removing.contains) {
            throw DossierError.invalidInput("tag '\(both)' is both added and removed; name it once")
        }
        let request: JSONValue = [
            "case": .string(caseID.uuidString), "add": .array(adding.map(JSONValue.string)), "remove": .array(removing.map(JSONValue.string)),
        ]
        return try await client.transaction(logger: logger) { connection in
            try await idempotent(key: options.idempotencyKey, actor: actor, operation: "change-tags", request: request, on: connection) {
                var locked = try await lockCase(caseID, on: connection)
                try Self.check(expectedVersion: options.expectedVersion, of: locked.value)
                try await requireMayChange(locked.value, by: actor, on: connection)
                let before = locked.value.tags
                let added = adding.filter { !before.contains($0) }
                let removed = removing.filter(before.contains)
                guard !added.isEmpty || !removed.isEmpty else { return locked.value }
                let after = before.filter { !removed.contains($0) } + added
                guard after.count <= Self.maximumTags else {
                    throw DossierError.invalidInput(
                        "\(locked.value.reference) would carry \(after.count) tags; a case carries at most \(Self.maximumTags)")
                }
                locked.value.tags = after
                try await appendEvent(
                    .fieldChanged,
                    payload: [
                        "field": "tags", "added": .array(added.map(JSONValue.string)), "removed": .array(removed.map(JSONValue.string)),
                    ],
                    actor: actor.id, at: clock.now(), to: &locked, on: connection)
                try await saveCase(&locked, on: connection)
                return locked.value
            }
        }
    }

    /// Tags as given, trimmed, each once and checked as a new case's are.
    static func tags(_ raw: [String]) throws(DossierError) -> [String] {
        var seen = Set<String>()
        var tags: [String] = []
        for tag in raw.map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }) where seen.insert(tag).inserted {
            guard (1...64).contains(tag.count) else { throw .invalidInput("tag '\(tag.prefix(80))' must be 1 to 64 characters") }
            tags.append(tag)
        }
        return tags
    }
}
