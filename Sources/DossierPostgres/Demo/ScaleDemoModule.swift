public import DossierCore
public import Foundation
public import Logging
public import PostgresNIO

/// A module's part in `dossier demo --scale N`: generated cases written in bulk, and rows
/// of its own tables. Generation is deterministic by index, so an interrupted run resumes.
public protocol ScaleDemoModule: CaseModule {
    /// This module's share of the generated cases, relative to the other modules' shares.
    var scaleDemoCaseShare: Int { get }
    /// The module's `index`-th generated case (tagged ``ScaleDemoContext/tag`` by the caller).
    func scaleDemoCase(_ index: Int, in context: ScaleDemoContext) -> BulkCase?
    /// Brings the module's own generated rows up to what `context.scale` asks for.
    func loadScaleData(into context: ScaleDemoContext) async throws
}

extension ScaleDemoModule {
    public var scaleDemoCaseShare: Int { 0 }
    public func scaleDemoCase(_ index: Int, in context: ScaleDemoContext) -> BulkCase? { nil }
    public func loadScaleData(into context: ScaleDemoContext) async throws {}
}

/// What a module's scale generator works with.
public struct ScaleDemoContext: Sendable {
    /// Marks generated cases, persons' Latin names and module rows, so reruns find them.
    public static let tag = "scale-demo"

    public let store: CaseStore
    public let client: PostgresClient
    public let logger: Logger
    /// Cases asked for; persons are a fifth of it, directory entries a tenth.
    public let scale: Int
    /// Generated persons, to add as parties.
    public let persons: [(id: UUID, name: String)]
    /// When generation runs; generated cases were opened over the ten years before it.
    public let now: Date
    private let makeProgress: DemoProgress.Factory

    public init(
        store: CaseStore, client: PostgresClient, logger: Logger, scale: Int, persons: [(id: UUID, name: String)],
        now: Date, progress: @escaping DemoProgress.Factory = DemoProgress.silent
    ) {
        self.store = store
        self.client = client
        self.logger = logger
        self.scale = scale
        self.persons = persons
        self.now = now
        self.makeProgress = progress
    }

    /// The agencies generated cases belong to, with their countries. The demo users'
    /// agency (MET) comes first.
    public static let agencies: [(code: String, country: String)] = [
        ("MET", "GB"), ("NCA", "GB"), ("GMP", "GB"), ("PSNI", "GB"), ("BKA", "DE"),
        ("PJ", "FR"), ("FBI", "US"), ("USMS", "US"), ("AFP", "AU"), ("RCMP", "CA"),
    ]

    /// The agency of the `index`-th generated case; every module's cases spread over all ten.
    public func agency(_ index: Int) -> (code: String, country: String) {
        Self.agencies[(index * 7 + index / 10) % Self.agencies.count]
    }

    /// An investigator of the `index`-th case's agency (50 per agency, `met.inv07`); users
    /// created with these ids see the cases they are members of.
    public func investigator(_ index: Int, number: Int = 0) -> String {
        "\(agency(index).code.lowercased()).inv\(((index / 10 + number) % 50).zeroPadded(2))"
    }

    /// A deterministic pick from a list.
    public func pick<Element>(_ elements: [Element], _ index: Int) -> Element { elements[index % elements.count] }

    /// When the `index`-th generated case was opened: spread over the last ten years.
    public func openedAt(_ index: Int) -> Date {
        now.addingTimeInterval(-Double((index * 7_919) % 3_650) * 86_400 - Double((index * 104_729) % 86_400))
    }

    public func progress(_ label: String, total: Int) -> DemoProgress { makeProgress(label, total) }
}
