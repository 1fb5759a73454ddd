/// Who is doing something: a user, or the system itself (timers, jobs).
///
/// Every change is attributed to an actor in the case's event chain.
public struct Actor: Sendable, Hashable, Codable {
    /// A stable identifier: a user name, or `system` for the engine itself.
    public var id: String
    public var roles: Set<Role>
    /// The agency the actor belongs to, if any.
    public var agency: String?
    public var clearance: Classification

    public init(id: String, roles: Set<Role>, agency: String? = nil, clearance: Classification = .official) {
        self.id = id
        self.roles = roles
        self.agency = agency
        self.clearance = clearance
    }

    /// The engine acting on its own account (fired timers, background jobs); it passes
    /// role checks but not guards.
    public static let system = Actor(id: "system", roles: Set(Role.allCases), clearance: .secret)

    public var isSystem: Bool { id == Actor.system.id }

    /// Whether the actor answers to no agency: the system itself, or the local operator of
    /// the command line, who holds the database anyway. Every signed-in user has an agency;
    /// an unrestricted actor sees every case and every person.
    public var isUnrestricted: Bool { isSystem || agency == nil }
}

extension Actor {
    /// Refuses an actor with none of `roles`, naming the action, the roles it needs and
    /// the ones the actor has. The system passes.
    public func require(oneOf roles: Set<Role>, to action: String) throws(DossierError) {
        guard isSystem || !roles.isDisjoint(with: self.roles) else {
            throw DossierError(
                .roleNotAllowed,
                "\(action) needs the role \(roles.sorted().map(\.rawValue).joined(separator: " or ")); "
                    + "\(id) has \(self.roles.sorted().map(\.rawValue).joined(separator: ", "))")
        }
    }
}
