public import DossierCore
public import Foundation
import PostgresNIO

extension CaseStore {
    /// Writes cases with their members, parties and hash-chained timelines, a few
    /// statements whatever their number: references are reserved per module prefix and
    /// year in one short transaction, then rows go in as column arrays in another.
    ///
    /// For demo and benchmark data only (see ``BulkCase``): a failed insert leaves its
    /// reserved references unused, which opening a case through ``openCase(_:by:idempotencyKey:)``
    /// never does.
    @discardableResult
    public func writeBulk(_ cases: [BulkCase]) async throws -> [UUID] {
        guard !cases.isEmpty else { return [] }
        let references = try await client.transaction(logger: logger) { connection in
            try await reserveReferences(for: cases, on: connection)
        }
        var rows = BulkRows()
        for (index, bulk) in cases.enumerated() {
            let workflow = try registry.caseType(module: bulk.new.module, type: bulk.new.type).workflow
            try rows.add(bulk, reference: references[index], initialState: workflow.initialState)
        }
        try await client.transaction(logger: logger) { connection in
            try await rows.insert(on: connection, logger: logger)
        }
        return rows.caseIDs
    }

    /// One reference per case, numbered on from each prefix and year's counter.
    private func reserveReferences(for cases: [BulkCase], on connection: PostgresConnection) async throws -> [String] {
        var prefixes: [String: String] = [:]
        var groups: [String: [Int]] = [:]
        for (index, bulk) in cases.enumerated() {
            guard let module = registry.module(bulk.new.module) else { throw DossierError.notFound("module \(bulk.new.module)") }
            let year = CalendarDate(bulk.openedAt, in: .gmt).components.year
            let key = "\(module.referencePrefix)-\(year.zeroPadded(4))"
            prefixes[key] = module.referencePrefix
            groups[key, default: []].append(index)
        }
        var references = [String](repeating: "", count: cases.count)
        for (key, indexes) in groups.sorted(by: { $0.key < $1.key }) {
            let prefix = prefixes[key]!
            let year = Int(key.suffix(4))!
            let count = Int64(indexes.count)
            let rows = try await connection.query(
                """
                INSERT INTO reference_counters (prefix, year, last_value) VALUES (\(prefix), \(year), \(count))
                ON CONFLICT (prefix, year) DO UPDATE SET last_value = reference_counters.last_value + \(count)
                RETURNING last_value
                """, logger: logger)
            var last: Int64 = 0
            for try await value in rows.decode(Int64.self) { last = value }
            for (offset, index) in indexes.enumerated() {
                references[index] = "\(key)-\((last - count + 1 + Int64(offset)).zeroPadded(6))"
            }
        }
        return references
    }

    /// Writes persons with all their names in one transaction, for demo and benchmark data.
    /// `nameSource` is recorded as the source of each Latin name, so the set can be found again.
    @discardableResult
    public func writeBulk(_ persons: [NewPerson], nameSource: String, at date: Date) async throws -> [UUID] {
        guard !persons.isEmpty else { return [] }
        var ids: [UUID] = [], originals: [String] = [], latins: [String] = [], births: [String] = [], sexes: [String] = []
        var nationalities: [String] = [], notices: [String] = []
        var namePersons: [UUID] = [], positions: [Int64] = [], names: [String] = [], kinds: [String] = [], sources: [String] = []
        for person in persons {
            try person.validate()
            let id = UUID.v7(at: date)
            ids.append(id)
            originals.append(person.originalScriptName ?? "")
            latins.append(person.latinName)
            births.append(person.dateOfBirth?.description ?? "")
            sexes.append(person.sex?.rawValue ?? "")
            nationalities.append(person.nationalities.joined(separator: ","))
            notices.append(String(decoding: try JSONValue(encoding: person.notices).canonicalBytes, as: UTF8.self))
            var personNames = [(person.latinName, "latin", nameSource)]
            if let original = person.originalScriptName, !original.isEmpty { personNames.append((original, "original", "")) }
            personNames += person.aliases.map { ($0.name, $0.kind.rawValue, $0.source) }
            for (position, (name, kind, source)) in personNames.enumerated() {
                namePersons.append(id)
                positions.append(Int64(position))
                names.append(name)
                kinds.append(kind)
                sources.append(source)
            }
        }
        let createdAt = EventChain.microseconds(date)
        try await client.transaction(logger: logger) { connection in
            try await connection.query(
                """
                INSERT INTO persons (id, original_script_name, latin_name, date_of_birth, sex, nationalities, notices, created_at)
                SELECT id, nullif(original, ''), latin, nullif(born, ''), nullif(sex, ''), string_to_array(nationalities, ','),
                       notices::jsonb, timestamptz 'epoch' + \(createdAt) * interval '1 microsecond'
                FROM unnest(\(ids)::uuid[], \(originals)::text[], \(latins)::text[], \(births)::text[], \(sexes)::text[],
                            \(nationalities)::text[], \(notices)::text[])
                     AS p (id, original, latin, born, sex, nationalities, notices)
                """, logger: logger)
            try await connection.query(
                """
                INSERT INTO person_names (person_id, position, name, kind, source)
                SELECT * FROM unnest(\(namePersons)::uuid[], \(positions)::int8[], \(names)::text[], \(kinds)::text[],
                                     \(sources)::text[])
                """, logger: logger)
        }
        return ids
    }
}

/// Bulk cases flattened into column arrays, one per inserted column.
private struct BulkRows {
    var caseIDs: [UUID] = [], references: [String] = [], modules: [String] = [], types: [String] = []
    var titles: [String] = [], summaries: [String] = [], states: [String] = [], priorities: [String] = []
    var classifications: [String] = [], agencies: [String] = [], countries: [String] = []
    var openedAt: [Int64] = [], closedAt: [Int64] = [], attributes: [String] = [], tags: [String] = []
    var versions: [Int64] = [], eventCounts: [Int64] = [], heads: [String] = [], updatedAt: [Int64] = []

    var eventCases: [UUID] = [], sequences: [Int64] = [], kinds: [String] = [], actors: [String] = []
    var eventTimes: [Int64] = [], payloads: [String] = [], previousHashes: [String] = [], hashes: [String] = []

    var memberCases: [UUID] = [], memberUsers: [String] = [], memberRoles: [String] = [], memberTimes: [Int64] = []
    var memberAddedBy: [String] = []

    var partyCases: [UUID] = [], partyPersons: [UUID] = [], partyRoles: [String] = [], partyTimes: [Int64] = []
    var partyAddedBy: [String] = []

    mutating func add(_ bulk: BulkCase, reference: String, initialState: String) throws {
        let new = bulk.new
        guard !new.tags.contains(where: { $0.contains(",") }) else {
            throw DossierError.invalidInput("bulk case tags must not contain commas: \(new.tags)")
        }
        let id = UUID.v7(at: bulk.openedAt)
        let opened = EventChain.microseconds(bulk.openedAt)
        let hour: Int64 = 3_600_000_000
        var timeline: [(EventKind, String, JSONValue)] = [(.opened, bulk.lead, [
            "reference": .string(reference), "module": .string(new.module), "type": .string(new.type),
            "title": .string(new.title), "summary": .string(new.summary), "state": .string(initialState),
            "priority": .string(new.priority.rawValue), "classification": .string(new.classification.rawValue),
            "owning_agency": .string(new.owningAgency), "country": .string(new.country), "attributes": new.attributes,
            "tags": .array(new.tags.map(JSONValue.string)), "lead": .string(bulk.lead), "timers_started": [],
        ])]
        addMember(caseID: id, user: bulk.lead, role: .lead, at: opened, by: bulk.lead)
        for member in bulk.members {
            let at = opened + Int64(timeline.count) * hour
            addMember(caseID: id, user: member.user, role: member.role, at: at, by: bulk.lead)
            timeline.append((.memberAdded, bulk.lead, ["user": .string(member.user), "role": .string(member.role.rawValue)]))
        }
        for party in bulk.parties {
            partyCases.append(id)
            partyPersons.append(party.personID)
            partyRoles.append(party.role.rawValue)
            partyTimes.append(opened + Int64(timeline.count) * hour)
            partyAddedBy.append(bulk.lead)
            timeline.append((.partyAdded, bulk.lead, [
                "person": .string(party.personID.lowercased), "name": .string(party.name),
                "role": .string(party.role.rawValue), "note": "",
            ]))
        }
        timeline += bulk.events.map { ($0.kind, $0.actor, $0.payload) }

        var previous = EventChain.genesisHash
        for (offset, (kind, actor, payload)) in timeline.enumerated() {
            let event = EventChain.seal(
                caseID: id, sequence: Int64(offset + 1), kind: kind, actor: actor,
                occurredAt: Date(microsecondsSince1970: opened + Int64(offset) * hour), payload: payload,
                previousHash: previous)
            eventCases.append(id)
            sequences.append(event.sequence)
            kinds.append(kind.rawValue)
            actors.append(actor)
            eventTimes.append(opened + Int64(offset) * hour)
            payloads.append(String(decoding: payload.canonicalBytes, as: UTF8.self))
            previousHashes.append(previous.hexString)
            hashes.append(event.hash.hexString)
            previous = event.hash
        }

        caseIDs.append(id)
        references.append(reference)
        modules.append(new.module)
        types.append(new.type)
        titles.append(new.title)
        summaries.append(new.summary)
        states.append(bulk.state)
        priorities.append(new.priority.rawValue)
        classifications.append(new.classification.rawValue)
        agencies.append(new.owningAgency)
        countries.append(new.country)
        openedAt.append(opened)
        closedAt.append(bulk.closedAt.map(EventChain.microseconds) ?? -1)
        attributes.append(String(decoding: new.attributes.canonicalBytes, as: UTF8.self))
        tags.append(new.tags.joined(separator: ","))
        versions.append(Int64(timeline.count))
        eventCounts.append(Int64(timeline.count))
        heads.append(previous.hexString)
        updatedAt.append(opened + Int64(timeline.count - 1) * hour)
    }

    private mutating func addMember(caseID: UUID, user: String, role: CaseMember.Role, at: Int64, by: String) {
        memberCases.append(caseID)
        memberUsers.append(user)
        memberRoles.append(role.rawValue)
        memberTimes.append(at)
        memberAddedBy.append(by)
    }

    func insert(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO cases (id, reference, module, type, title, summary, state, priority, classification, owning_agency,
                               country, opened_at, closed_at, attributes, tags, version, event_count, chain_head, updated_at)
            SELECT id, reference, module, type, title, summary, state, priority, classification, agency, country,
                   timestamptz 'epoch' + opened * interval '1 microsecond',
                   CASE WHEN closed < 0 THEN NULL ELSE timestamptz 'epoch' + closed * interval '1 microsecond' END,
                   attributes::jsonb, string_to_array(tags, ','), version, event_count, decode(head, 'hex'),
                   timestamptz 'epoch' + updated * interval '1 microsecond'
            FROM unnest(\(caseIDs)::uuid[], \(references)::text[], \(modules)::text[], \(types)::text[], \(titles)::text[],
                        \(summaries)::text[], \(states)::text[], \(priorities)::text[], \(classifications)::text[],
                        \(agencies)::text[], \(countries)::text[], \(openedAt)::int8[], \(closedAt)::int8[],
                        \(attributes)::text[], \(tags)::text[], \(versions)::int8[], \(eventCounts)::int8[], \(heads)::text[],
                        \(updatedAt)::int8[])
                 AS c (id, reference, module, type, title, summary, state, priority, classification, agency, country,
                       opened, closed, attributes, tags, version, event_count, head, updated)
            """, logger: logger)
        try await connection.query(
            """
            INSERT INTO case_events (case_id, sequence, kind, actor, occurred_at, payload, previous_hash, hash)
            SELECT case_id, sequence, kind, actor, timestamptz 'epoch' + at * interval '1 microsecond', payload::jsonb,
                   decode(previous_hash, 'hex'), decode(hash, 'hex')
            FROM unnest(\(eventCases)::uuid[], \(sequences)::int8[], \(kinds)::text[], \(actors)::text[], \(eventTimes)::int8[],
                        \(payloads)::text[], \(previousHashes)::text[], \(hashes)::text[])
                 AS e (case_id, sequence, kind, actor, at, payload, previous_hash, hash)
            """, logger: logger)
        try await connection.query(
            """
            INSERT INTO case_members (case_id, user_id, role, added_at, added_by)
            SELECT case_id, user_id, role, timestamptz 'epoch' + at * interval '1 microsecond', added_by
            FROM unnest(\(memberCases)::uuid[], \(memberUsers)::text[], \(memberRoles)::text[], \(memberTimes)::int8[],
                        \(memberAddedBy)::text[]) AS m (case_id, user_id, role, at, added_by)
            """, logger: logger)
        guard !partyCases.isEmpty else { return }
        try await connection.query(
            """
            INSERT INTO case_parties (case_id, person_id, role, added_at, added_by)
            SELECT case_id, person_id, role, timestamptz 'epoch' + at * interval '1 microsecond', added_by
            FROM unnest(\(partyCases)::uuid[], \(partyPersons)::uuid[], \(partyRoles)::text[], \(partyTimes)::int8[],
                        \(partyAddedBy)::text[]) AS p (case_id, person_id, role, at, added_by)
            """, logger: logger)
    }
}
