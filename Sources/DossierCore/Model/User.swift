public import Foundation

/// A person who signs in: their roles, agency and clearance decide what they may see and do.
public struct User: Sendable, Hashable, Codable {
    /// The user name, also their id in the event chain and case memberships: `a.okafor`.
    public var id: String
    public var displayName: String
    public var roles: Set<Role>
    public var agency: String
    public var clearance: Classification
    public var createdAt: Date
    public var disabledAt: Date?

    public init(
        id: String, displayName: String, roles: Set<Role>, agency: String, clearance: Classification, createdAt: Date,
        disabledAt: Date? = nil
    ) {
        self.id = id
        self.displayName = displayName
        self.roles = roles
        self.agency = agency
        self.clearance = clearance
        self.createdAt = createdAt
        self.disabledAt = disabledAt
    }

    public var isDisabled: Bool { disabledAt != nil }

    /// The user as the actor of a change.
    public var actor: Actor { Actor(id: id, roles: roles, agency: agency, clearance: clearance) }

    /// User names: 1 to 64 of a-z, 0-9, `.`, `_`, `-`, starting with a letter; `system`
    /// is the engine's own name and can never be a user's.
    public static func isValidID(_ id: String) -> Bool {
        guard id != Actor.system.id, let first = id.utf8.first, (97...122).contains(first), id.utf8.count <= 64 else { return false }
        return id.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 46 || $0 == 95 || $0 == 45 }
    }
}
