public import DossierCore
public import Foundation
import PostgresNIO

extension CaseStore {
    /// Records a person with every name they are known by.
    /// - Parameter idempotencyKey: a retry with the same key returns the person first recorded.
    public func createPerson(_ new: NewPerson, by actor: Actor, idempotencyKey: String? = nil) async throws -> Person {
        try new.validate()
        let request = try JSONValue(encoding: new)
        return try await client.transaction(logger: logger) { connection in
          try await idempotent(key: idempotencyKey, actor: actor, operation: "create-person", request: request, on: connection) {
            let now = clock.now()
            let person = Person(
                id: UUID.v7(at: now), originalScriptName: new.originalScriptName, latinName: new.latinName,
                aliases: new.aliases, dateOfBirth: new.dateOfBirth, sex: new.sex, nationalities: new.nationalities,
                identityDocuments: new.identityDocuments, notices: new.notices, createdAt: now)
            try await connection.query(
                """
                INSERT INTO persons (id, original_script_name, latin_name, date_of_birth, sex, nationalities,
                                     identity_documents, notices, created_at, recorded_by_agency)
                VALUES (\(person.id), \(person.originalScriptName), \(person.latinName), \(person.dateOfBirth?.description),
                        \(person.sex?.rawValue), \(person.nationalities), \(try JSONValue(encoding: person.identityDocuments)),
                        \(try JSONValue(encoding: person.notices)), \(now), \(actor.isSystem ? nil : actor.agency))
                """, logger: logger)
            var names: [(String, String, String)] = [(person.latinName, "latin", "")]
            if let original = person.originalScriptName, !original.isEmpty { names.append((original, "original", "")) }
            names += person.aliases.map { ($0.name, $0.kind.rawValue, $0.source) }
            for (position, (name, kind, source)) in names.enumerated() {
                try await connection.query(
                    """
                    INSERT INTO person_names (person_id, position, name, kind, source)
                    VALUES (\(person.id), \(position), \(name), \(kind), \(source))
                    """, logger: logger)
            }
            return person
          }
        }
    }

    /// The person, if `reader` may see them (they appear in a case `reader` may see, or were
    /// recorded by `reader`'s agency); otherwise `notFound`, as for a person that does not exist.
    public func getPerson(id: UUID, visibleTo reader: Actor) async throws -> Person {
        try await client.withConnection { connection in try await getPerson(id: id, visibleTo: reader, on: connection) }
    }

    func getPerson(id: UUID, visibleTo reader: Actor, on connection: PostgresConnection) async throws -> Person {
        let rows = try await connection.query(
            "SELECT 1 FROM persons p WHERE p.id = \(id) AND \(personsVisibleTo: reader)", logger: logger)
        var visible = false
        for try await _ in rows { visible = true }
        guard visible, let person = try await getPersons(ids: [id], on: connection)[id] else {
            throw DossierError.notFound("person \(id.uuidString.lowercased()) does not exist")
        }
        return person
    }

    /// The persons `reader` may see who carry the notice `id`, in INTERPOL's published
    /// form (`2021/75051`) or its URL form (`2021-75051`); at most `limit`.
    public func persons(withNotice id: String, visibleTo reader: Actor, limit: Int = 20) async throws -> [Person] {
        let normalized = Notice(kind: .red, id: id.trimmingCharacters(in: .whitespaces)).id
        guard (1...64).contains(normalized.count) else { return [] }
        return try await client.withConnection { connection in
            let rows = try await connection.query(
                """
                SELECT p.id FROM persons p
                WHERE p.notices @> jsonb_build_array(jsonb_build_object('id', \(normalized)::text)) AND \(personsVisibleTo: reader)
                ORDER BY p.id LIMIT \(limit)
                """, logger: logger)
            var ids: [UUID] = []
            for try await id in rows.decode(UUID.self) { ids.append(id) }
            let found = try await getPersons(ids: ids, on: connection)
            return ids.compactMap { found[$0] }
        }
    }

    /// The persons with these ids that exist, with their aliases: two queries whatever
    /// their number.
    func getPersons(ids: [UUID], on connection: PostgresConnection) async throws -> [UUID: Person] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await connection.query(
            """
            SELECT id, original_script_name, latin_name, date_of_birth, sex, nationalities, identity_documents, notices,
                   created_at
            FROM persons WHERE id = ANY(\(ids))
            """, logger: logger)
        var persons: [UUID: Person] = [:]
        for try await (id, original, latin, dateOfBirth, sex, nationalities, documents, notices, createdAt)
            in rows.decode((UUID, String?, String, String?, String?, [String], JSONValue, JSONValue, Date).self)
        {
            persons[id] = Person(
                id: id, originalScriptName: original, latinName: latin, aliases: [],
                dateOfBirth: try dateOfBirth.map { text throws(DossierError) in try PartialDate(parsing: text) },
                sex: sex.flatMap(Sex.init(rawValue:)), nationalities: nationalities,
                identityDocuments: try documents.decode(), notices: try notices.decode(), createdAt: createdAt)
        }
        let names = try await connection.query(
            """
            SELECT person_id, name, kind, source FROM person_names
            WHERE person_id = ANY(\(ids)) AND kind NOT IN ('latin', 'original') ORDER BY person_id, position
            """, logger: logger)
        for try await (id, name, kind, source) in names.decode((UUID, String, String, String).self) {
            persons[id]?.aliases.append(PersonAlias(name: name, kind: PersonAlias.Kind(rawValue: kind) ?? .alias, source: source))
        }
        return persons
    }
}

extension CaseStore {
    /// The case's parties with their persons, in the order they were added: three queries
    /// whatever their number. For a case the reader may see: its parties are visible to
    /// them by that (``getPerson(id:visibleTo:)``).
    public func partiesWithPersons(caseID: UUID) async throws -> [(party: CaseParty, person: Person)] {
        let parties = try await parties(caseID: caseID)
        let persons = try await client.withConnection { connection in
            try await getPersons(ids: parties.map(\.personID), on: connection)
        }
        return parties.compactMap { party in persons[party.personID].map { (party, $0) } }
    }
}
