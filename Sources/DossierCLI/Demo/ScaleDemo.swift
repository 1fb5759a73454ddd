import DossierCore
import DossierPostgres
import Foundation
import PostgresNIO

/// `dossier demo --scale N`: N generated cases with about five chained events each, N/5
/// persons with aliases, and the modules' own generated rows (the directory: N/10
/// entries), written in bulk transactions of a few thousand rows.
///
/// Everything generated is marked with ``ScaleDemoContext/tag``; a rerun counts what is
/// there and adds only the rest, so an interrupted run resumes.
struct ScaleDemo {
    let session: Session
    let scale: Int
    let casesPerTransaction = 5_000
    let personsPerTransaction = 10_000

    struct Summary: Encodable {
        var cases: Int
        var events: Int
        var persons: Int
        var seconds: Int
    }

    var modules: [any ScaleDemoModule] {
        session.registry.modules.compactMap { $0 as? any ScaleDemoModule }.sorted { $0.id < $1.id }
    }

    func load() async throws -> Summary {
        let clock = ContinuousClock()
        let started = clock.now
        let now = session.store.clock.now()
        let persons = try await loadPersons(target: max(1, scale / 5), at: now)
        let context = ScaleDemoContext(
            store: session.store, client: session.client, logger: session.logger, scale: scale, persons: persons, now: now,
            progress: Progress.factory)
        try await loadCases(context)
        for module in modules { try await module.loadScaleData(into: context) }
        // Fresh bulk rows have no visibility-map bits or planner statistics yet: the first
        // reads would set hint bits (writes) and plans would guess.
        try await session.client.query(
            "VACUUM (ANALYZE) cases, case_events, case_members, case_parties, persons, person_names",
            logger: session.logger)
        let counts = try await session.client.query(
            """
            SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM case_events), (SELECT count(*) FROM persons)
            """, logger: session.logger)
        var summary = Summary(cases: 0, events: 0, persons: 0, seconds: 0)
        for try await (cases, events, persons) in counts.decode((Int, Int, Int).self) {
            summary = Summary(cases: cases, events: events, persons: persons, seconds: 0)
        }
        summary.seconds = Int((clock.now - started).components.seconds)
        return summary
    }

    /// Generated persons with three or four names each, up to `target`.
    private func loadPersons(target: Int, at now: Date) async throws -> [(id: UUID, name: String)] {
        var persons = try await generatedPersons()
        guard persons.count < target else { return persons }
        let progress = Progress("generated persons", total: target)
        var index = persons.count
        while index < target {
            let batch = (index..<min(target, index + personsPerTransaction)).map(Self.person)
            let ids = try await session.store.writeBulk(batch, nameSource: ScaleDemoContext.tag, at: now)
            persons += zip(ids, batch).map { ($0, $1.latinName) }
            index += batch.count
            progress.update(index)
        }
        return persons
    }

    private func generatedPersons() async throws -> [(id: UUID, name: String)] {
        let rows = try await session.client.query(
            """
            SELECT person_id, name FROM person_names WHERE position = 0 AND source = \(ScaleDemoContext.tag)
            ORDER BY person_id
            """, logger: session.logger)
        var persons: [(id: UUID, name: String)] = []
        for try await (id, name) in rows.decode((UUID, String).self) { persons.append((id, name)) }
        return persons
    }

    /// The `index`-th generated person: a spelling variant and the passport form as aliases.
    static func person(_ index: Int) -> NewPerson {
        let (given, surname) = DemoNames.name(index)
        let nationalities = ["GB", "DE", "FR", "ES", "IT", "PL", "RO", "TR", "RU", "UA", "RS", "AL", "NG", "GH", "MA", "EG",
                             "CN", "VN", "IN", "PK", "BR", "CO", "MX", "US", "JM"]
        var aliases = [
            PersonAlias(name: "\(DemoNames.variant(of: given)) \(DemoNames.variant(of: surname))", kind: .spelling,
                        source: "visa application"),
            PersonAlias(name: DemoNames.machineReadable(given: given, surname: surname), kind: .mrz, source: "passport"),
        ]
        if index % 4 == 0 {
            aliases.append(PersonAlias(name: DemoNames.name(index * 31 + 7).given + " " + surname, kind: .alias,
                                       source: "informant report"))
        }
        let year = 1950 + index % 55
        return NewPerson(
            latinName: "\(given) \(surname)", aliases: aliases,
            dateOfBirth: try? PartialDate(parsing: index % 3 == 0 ? "\(year)" : "\(year)-\((index % 12 + 1).zeroPadded(2))"),
            sex: index % 3 == 1 ? .female : .male, nationalities: [nationalities[index % nationalities.count]])
    }

    /// Generated cases up to `context.scale`, dealt to the modules by their shares.
    private func loadCases(_ context: ScaleDemoContext) async throws {
        let dealt = modules.flatMap { module in Array(repeating: module, count: max(0, module.scaleDemoCaseShare)) }
        guard !dealt.isEmpty else { return }
        var index = try await generatedCaseCount(modules: Set(dealt.map(\.id)).sorted())
        guard index < scale else { return }
        let progress = Progress("generated cases", total: scale)
        // Two batches in flight: one is chained (hashing, in Swift) while the other is
        // inserted (in PostgreSQL), which keeps both cores busy. A rerun resumes from the
        // number of generated cases; should the earlier of the two fail after the later
        // committed, the rerun generates that many cases again (new references, same kind
        // of content): generated data only, never a gap in hand-made cases.
        var writing: [Task<Void, any Error>] = []
        while index < scale {
            var batch: [BulkCase] = []
            for caseIndex in index..<min(scale, index + casesPerTransaction) {
                guard var bulk = dealt[caseIndex % dealt.count].scaleDemoCase(caseIndex, in: context) else { continue }
                bulk.new.tags.append(ScaleDemoContext.tag)
                batch.append(bulk)
            }
            if writing.count == 2 { try await writing.removeFirst().value }
            progress.update(index)
            let store = session.store
            writing.append(Task { try await store.writeBulk(batch) })
            index = min(scale, index + casesPerTransaction)
        }
        for task in writing { try await task.value }
        progress.update(scale)
    }

    /// The generated cases of the modules that take a share (modules that generate cases of
    /// their own in `loadScaleData` count theirs).
    private func generatedCaseCount(modules: [String]) async throws -> Int {
        let rows = try await session.client.query(
            "SELECT count(*) FROM cases WHERE tags @> ARRAY[\(ScaleDemoContext.tag)] AND module = ANY(\(modules))",
            logger: session.logger)
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }
}
