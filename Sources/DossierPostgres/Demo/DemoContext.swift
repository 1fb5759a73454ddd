public import DossierCore
public import Foundation
public import Logging
public import PostgresNIO

/// A module that contributes to `dossier demo`.
public protocol DemoDataModule: CaseModule {
    /// Loads the module's demo data; must be idempotent (use ``DemoContext/open(_:key:by:)``).
    func loadDemoData(into context: DemoContext) async throws
}

/// What a module's demo loader works with: the store, the demo's people and persons, and
/// a progress line for long work.
public struct DemoContext: Sendable {
    public let store: CaseStore
    public let client: PostgresClient
    public let logger: Logger
    /// Persons with aliases and transliterations, to add as parties.
    public let persons: [Person]
    /// When the demo loads, from the store's clock: demo dates count back and forward from it.
    public let now: Date
    /// The demo's users, by role.
    public let investigator = Actor(id: "a.okafor", roles: [.investigator], agency: "MET", clearance: .secret)
    public let supervisor = Actor(id: "s.mendes", roles: [.supervisor], agency: "MET", clearance: .secret)
    public let legal = Actor(id: "l.chen", roles: [.legal], agency: "CPS", clearance: .secret)
    public let analyst = Actor(id: "r.haddad", roles: [.analyst], agency: "MET", clearance: .confidential)
    private let makeProgress: DemoProgress.Factory

    public init(
        store: CaseStore, client: PostgresClient, logger: Logger, persons: [Person],
        progress: @escaping DemoProgress.Factory = DemoProgress.silent
    ) {
        self.store = store
        self.client = client
        self.logger = logger
        self.persons = persons
        self.now = store.clock.now()
        self.makeProgress = progress
    }

    /// Opens a demo case once: a later run gets the same case back with `isNew` false, so
    /// loaders skip what they already did.
    public func open(_ new: NewCase, key: String, by actor: Actor? = nil) async throws -> (case: Case, isNew: Bool) {
        let opened = try await store.openCase(new, by: actor ?? investigator, idempotencyKey: "demo:" + key)
        let current = try await store.getCase(id: opened.id)
        return (current, current.version == 1)
    }

    /// A progress line for `total` steps (the CLI draws it only on a terminal).
    public func progress(_ label: String, total: Int) -> DemoProgress { makeProgress(label, total) }

    /// A deterministic pick from a list: demo data is the same on every run.
    public func pick<Element>(_ elements: [Element], _ index: Int) -> Element { elements[index % elements.count] }
}

/// Where a demo loader reports how far it got; the caller decides how to show it.
public struct DemoProgress: Sendable {
    /// Makes the progress of a step labelled `label` with `total` units.
    public typealias Factory = @Sendable (_ label: String, _ total: Int) -> DemoProgress

    private let report: @Sendable (Int) -> Void

    public init(report: @escaping @Sendable (Int) -> Void) { self.report = report }

    /// Reports that `done` units of the total are done.
    public func update(_ done: Int) { report(done) }

    /// Progress that shows nothing: for tests and non-interactive loads.
    public static let silent: Factory = { _, _ in DemoProgress { _ in } }
}
