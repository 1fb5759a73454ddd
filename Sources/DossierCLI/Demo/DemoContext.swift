public import DossierCore
public import DossierPostgres
public import Foundation

/// What a module's demo loader works with: the session, the demo's people and persons,
/// and how many cases to make.
public struct DemoContext: Sendable {
    public let session: Session
    /// Persons with aliases and transliterations, to add as parties.
    public let persons: [Person]
    /// The demo's users, by role.
    public let investigator = Actor(id: "a.okafor", roles: [.investigator], agency: "MET", clearance: .secret)
    public let supervisor = Actor(id: "s.mendes", roles: [.supervisor], agency: "MET", clearance: .secret)
    public let legal = Actor(id: "l.chen", roles: [.legal], agency: "CPS", clearance: .secret)
    public let analyst = Actor(id: "r.haddad", roles: [.analyst], agency: "MET", clearance: .confidential)

    /// Opens a demo case once: a later run gets the same case back with `isNew` false, so
    /// loaders skip what they already did.
    public func open(_ new: NewCase, key: String, by actor: Actor? = nil) async throws -> (case: Case, isNew: Bool) {
        let opened = try await session.store.openCase(new, by: actor ?? investigator, idempotencyKey: "demo:" + key)
        let current = try await session.store.getCase(id: opened.id)
        return (current, current.version == 1)
    }

    /// A progress line for `total` steps (drawn only on a terminal).
    public func progress(_ label: String, total: Int) -> Progress { Progress(label, total: total) }

    /// A deterministic pick from a list: demo data is the same on every run.
    public func pick<Element>(_ elements: [Element], _ index: Int) -> Element { elements[index % elements.count] }
}
