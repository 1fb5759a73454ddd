public import DossierCore
public import Foundation
import PostgresNIO

extension CaseStore {
    /// Adds a note to the case's timeline.
    @discardableResult
    public func addNote(caseID: UUID, text: String, by actor: Actor, options: ChangeOptions = .init()) async throws -> CaseEvent {
        let text = try Self.noteText(text)
        return try await changeCase(caseID, by: actor, operation: "add-note", request: ["text": .string(text)], options: options) {
            locked, connection, now in
            try await appendEvent(.note, payload: ["text": .string(text)], actor: actor.id, at: now, to: &locked, on: connection)
        }
    }

    /// Checks a note's text: 1 to 20,000 characters once trimmed.
    static func noteText(_ text: String) throws(DossierError) -> String {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...20_000).contains(text.count) else {
            throw DossierError.invalidInput("a note must be 1 to 20000 characters, not \(text.count)")
        }
        return text
    }

    /// Records a person's part in the case and runs `partyAdded` hooks.
    @discardableResult
    public func addParty(
        caseID: UUID, personID: UUID, role: CaseParty.Role, note: String = "", by actor: Actor, options: ChangeOptions = .init()
    ) async throws -> CaseParty {
        let request: JSONValue = ["person": .string(personID.uuidString), "role": .string(role.rawValue), "note": .string(note)]
        return try await changeCase(caseID, by: actor, operation: "add-party", request: request, options: options) {
            locked, connection, now in
            try await insertParty(personID: personID, role: role, note: note, by: actor, at: now, to: &locked, on: connection)
        }
    }

    /// Adds the party to the case locked in this transaction, chains `party_added` and runs
    /// the `partyAdded` hooks: the one way a party is recorded, by the store or by a hook.
    func insertParty(
        personID: UUID, role: CaseParty.Role, note: String, by actor: Actor, at now: Date, to locked: inout LockedCase,
        on connection: PostgresConnection
    ) async throws -> CaseParty {
        let caseID = locked.value.id
        let person = try await getPerson(id: personID, visibleTo: actor, on: connection)
        let inserted = try await connection.query(
            """
            INSERT INTO case_parties (case_id, person_id, role, note, added_at, added_by)
            VALUES (\(caseID), \(personID), \(role.rawValue), \(note), \(now), \(actor.id))
            ON CONFLICT DO NOTHING RETURNING 1
            """, logger: logger)
        var isNew = false
        for try await _ in inserted { isNew = true }
        guard isNew else {
            throw DossierError(.alreadyExists, "\(person.latinName) is already a \(role.rawValue) in case \(locked.value.reference)")
        }
        try await appendEvent(
            .partyAdded,
            payload: ["person": .string(personID.uuidString.lowercased()), "name": .string(person.latinName),
                      "role": .string(role.rawValue), "note": .string(note)],
            actor: actor.id, at: now, to: &locked, on: connection)
        try await runHooks(
            .partyAdded(.init(case: locked.value, actor: actor, personID: personID, role: role, note: note, now: now)),
            locked: &locked, on: connection)
        return CaseParty(caseID: caseID, personID: personID, role: role, note: note, addedAt: now, addedBy: actor.id)
    }

    /// Adds a user to the people working the case, or changes their role on it.
    @discardableResult
    ///
    /// Only the case's lead and the supervisors of its owning agency change who works a
    /// case. Adding a user of another agency gives that agency's user the case, so it is a
    /// decision with a `reason`, kept in the event.
    public func addMember(
        caseID: UUID, userID: String, role: CaseMember.Role, reason: String = "", by actor: Actor,
        options: ChangeOptions = .init()
    ) async throws -> CaseMember {
        let userID = userID.trimmingCharacters(in: .whitespaces)
        guard !userID.isEmpty else { throw DossierError.invalidInput("the member's user id must not be empty") }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count <= 2000 else { throw DossierError.invalidInput("reason must be at most 2000 characters") }
        let request: JSONValue = ["user": .string(userID), "role": .string(role.rawValue), "reason": .string(reason)]
        return try await changeCase(caseID, by: actor, operation: "add-member", request: request, options: options) {
            locked, connection, now in
            try await requireMayChangeMembers(locked.value, by: actor, on: connection)
            var payload: [String: JSONValue] = ["user": .string(userID), "role": .string(role.rawValue)]
            if let agency = try await agency(ofUser: userID, on: connection), agency != locked.value.owningAgency {
                guard !reason.isEmpty || actor.isSystem else {
                    throw DossierError.invalidInput(
                        "\(userID) belongs to \(agency), not \(locked.value.owningAgency): adding them gives another agency's user "
                            + "\(locked.value.reference); give a reason (reason in the API, --reason on the command line)")
                }
                payload["agency"] = .string(agency)
            }
            if !reason.isEmpty { payload["reason"] = .string(reason) }
            try await connection.query(
                """
                INSERT INTO case_members (case_id, user_id, role, added_at, added_by)
                VALUES (\(caseID), \(userID), \(role.rawValue), \(now), \(actor.id))
                ON CONFLICT (case_id, user_id) DO UPDATE SET role = EXCLUDED.role
                """, logger: logger)
            try await appendEvent(.memberAdded, payload: .object(payload), actor: actor.id, at: now, to: &locked, on: connection)
            return CaseMember(caseID: caseID, userID: userID, role: role, addedAt: now, addedBy: actor.id)
        }
    }

    /// Links the case to another case, a person, or a module's entry.
    @discardableResult
    public func addLink(
        caseID: UUID, kind: String, to target: CaseLink.Target, by actor: Actor, options: ChangeOptions = .init()
    ) async throws -> CaseLink {
        let request: JSONValue = ["kind": .string(kind), "target": (try? JSONValue(encoding: target)) ?? .null]
        return try await changeCase(caseID, by: actor, operation: "add-link", request: request, options: options) {
            locked, connection, now in
            try await insertLink(kind: kind, to: target, by: actor, at: now, to: &locked, on: connection)
        }
    }

    /// Links the case locked in this transaction and chains `link_added`: the one way a link
    /// is recorded, by the store or by a hook.
    func insertLink(
        kind: String, to target: CaseLink.Target, by actor: Actor, at now: Date, to locked: inout LockedCase,
        on connection: PostgresConnection
    ) async throws -> CaseLink {
        guard isValidLinkKind(kind) else {
            throw DossierError.invalidInput("link kind '\(kind)' must be lower-case letters, digits, - and _ (e.g. related)")
        }
        let caseID = locked.value.id
        let link = CaseLink(id: UUID.v7(at: now), caseID: caseID, kind: kind, target: target, createdAt: now, createdBy: actor.id)
        var targetCase: UUID?
        var targetPerson: UUID?
        var targetModule: String?
        var targetEntry: String?
        let targetJSON: JSONValue
        switch target {
        case .case(let id):
            guard id != caseID else { throw DossierError.invalidInput("a case cannot be linked to itself") }
            // A case the actor may not see is answered as one that does not exist.
            guard try await isVisible(caseID: id, to: actor, on: connection) else {
                throw DossierError.notFound("case \(id.uuidString.lowercased()) does not exist")
            }
            targetCase = id
            targetJSON = ["case": .string(id.uuidString.lowercased())]
        case .hiddenCase, .hiddenPerson:
            throw DossierError.invalidInput("a link needs its target's id")
        case .person(let id):
            _ = try await getPerson(id: id, visibleTo: actor, on: connection)
            targetPerson = id
            targetJSON = ["person": .string(id.uuidString.lowercased())]
        case .entry(let module, let id):
            guard registry.module(module) != nil else {
                throw DossierError.invalidInput("module '\(module)' is not registered")
            }
            (targetModule, targetEntry) = (module, id)
            targetJSON = ["module": .string(module), "entry": .string(id)]
        }
        try await connection.query(
            """
            INSERT INTO case_links (id, case_id, kind, target_case_id, target_person_id, target_module, target_entry,
                                    created_at, created_by)
            VALUES (\(link.id), \(caseID), \(kind), \(targetCase), \(targetPerson), \(targetModule), \(targetEntry),
                    \(now), \(actor.id))
            """, logger: logger)
        try await appendEvent(
            .linkAdded, payload: ["kind": .string(kind), "target": targetJSON],
            actor: actor.id, at: now, to: &locked, on: connection)
        return link
    }

    public func parties(caseID: UUID) async throws -> [CaseParty] {
        let rows = try await client.query(
            """
            SELECT case_id, person_id, role, note, added_at, added_by FROM case_parties
            WHERE case_id = \(caseID) ORDER BY added_at, person_id
            """, logger: logger)
        var parties: [CaseParty] = []
        for try await (caseID, personID, role, note, addedAt, addedBy) in rows.decode((UUID, UUID, String, String, Date, String).self) {
            parties.append(CaseParty(
                caseID: caseID, personID: personID, role: try CaseParty.Role.parse(role, field: "role"), note: note,
                addedAt: addedAt, addedBy: addedBy))
        }
        return parties
    }

    public func members(caseID: UUID) async throws -> [CaseMember] {
        let rows = try await client.query(
            "SELECT case_id, user_id, role, added_at, added_by FROM case_members WHERE case_id = \(caseID) ORDER BY added_at, user_id",
            logger: logger)
        var members: [CaseMember] = []
        for try await (caseID, userID, role, addedAt, addedBy) in rows.decode((UUID, String, String, Date, String).self) {
            members.append(CaseMember(
                caseID: caseID, userID: userID, role: try CaseMember.Role.parse(role, field: "role"), addedAt: addedAt,
                addedBy: addedBy))
        }
        return members
    }

    ///
    /// A linked case `reader` may not see (the one visibility rule, in the query) is shown
    /// as ``CaseLink/Target/hiddenCase``: the link's existence, never the case's id.
    public func links(caseID: UUID, visibleTo reader: Actor) async throws -> [CaseLink] {
        let rows = try await client.query(
            """
            SELECT id, case_id, kind, target_case_id, target_person_id, target_module, target_entry, created_at, created_by
            FROM case_links WHERE case_id = \(caseID) ORDER BY id
            """, logger: logger)
        var found: [(UUID, UUID, String, UUID?, UUID?, String?, String?, Date, String)] = []
        for try await row in rows.decode((UUID, UUID, String, UUID?, UUID?, String?, String?, Date, String).self) { found.append(row) }
        // The visibility rules are asked only about the cases and persons linked, if any:
        // most cases link to none, and those rules are the costly part to plan.
        let cases = found.compactMap(\.3), persons = found.compactMap(\.4)
        let visibleCases = cases.isEmpty ? [] : try await visibleCaseIDs(cases, to: reader)
        let visiblePersons = persons.isEmpty ? [] : try await visiblePersonIDs(persons, to: reader)
        return found.map { id, caseID, kind, targetCase, targetPerson, module, entry, createdAt, createdBy in
            let target: CaseLink.Target
            if let targetCase { target = visibleCases.contains(targetCase) ? .case(targetCase) : .hiddenCase }
            else if let targetPerson { target = visiblePersons.contains(targetPerson) ? .person(targetPerson) : .hiddenPerson }
            else { target = .entry(module: module ?? "", id: entry ?? "") }
            return CaseLink(id: id, caseID: caseID, kind: kind, target: target, createdAt: createdAt, createdBy: createdBy)
        }
    }

    /// Locks the case, checks the expected version, runs `change`, bumps the version; all
    /// in one transaction, replayed rather than repeated for a known idempotency key.
    func changeCase<Result: Codable & Sendable>(
        _ caseID: UUID, by actor: Actor, operation: String, request: JSONValue, options: ChangeOptions,
        _ change: (inout LockedCase, PostgresConnection, Date) async throws -> Result
    ) async throws -> Result {
        let fingerprint: JSONValue = ["case": .string(caseID.uuidString), "change": request]
        return try await client.transaction(logger: logger) { connection in
            try await idempotent(key: options.idempotencyKey, actor: actor, operation: operation, request: fingerprint, on: connection) {
                var locked = try await lockCase(caseID, on: connection)
                try Self.check(expectedVersion: options.expectedVersion, of: locked.value)
                try await requireMayChange(locked.value, by: actor, on: connection)
                let result = try await change(&locked, connection, clock.now())
                try await saveCase(&locked, on: connection)
                return result
            }
        }
    }

    /// Refuses a change made against a version of the case that is no longer current.
    static func check(expectedVersion: Int64?, of value: Case) throws(DossierError) {
        guard let expectedVersion, expectedVersion != value.version else { return }
        throw DossierError(
            .staleVersion,
            "case \(value.reference) is at version \(value.version), not \(expectedVersion); reload it and try again")
    }
}

/// Link kinds are short lower-case words: `related`, `originating-case`, `external_contact`.
private func isValidLinkKind(_ kind: String) -> Bool {
    guard let first = kind.utf8.first, (97...122).contains(first), kind.count <= 64 else { return false }
    return kind.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 45 || $0 == 95 }
}

/// How a change to a case guards against lost updates and retries.
public struct ChangeOptions: Sendable, Hashable {
    /// Refuse unless the case is still at this version (the HTTP `If-Match`).
    public var expectedVersion: Int64?
    /// A retry with the same key gets the first result and writes nothing.
    public var idempotencyKey: String?

    public init(expectedVersion: Int64? = nil, idempotencyKey: String? = nil) {
        self.expectedVersion = expectedVersion
        self.idempotencyKey = idempotencyKey
    }
}

extension CaseStore {
    /// The events with each `link_added` target `reader` may not see replaced by
    /// `{"hidden": true}`: a timeline shows that a link was made, never the hidden case's or
    /// person's id (as ``links(caseID:visibleTo:)`` does).
    public func redactingHiddenLinks(_ events: [CaseEvent], for reader: Actor) async throws -> [CaseEvent] {
        guard !reader.isUnrestricted else { return events }
        func target(_ event: CaseEvent, _ key: String) -> UUID? {
            event.payload.objectValue?["target"]?.objectValue?[key]?.stringValue.flatMap(UUID.init(uuidString:))
        }
        let links = events.filter { $0.kind == .linkAdded }
        let caseIDs = links.compactMap { target($0, "case") }
        let personIDs = links.compactMap { target($0, "person") }
        guard !caseIDs.isEmpty || !personIDs.isEmpty else { return events }
        let visibleCases = try await visibleCaseIDs(caseIDs, to: reader)
        var visiblePersons: Set<UUID> = []
        if !personIDs.isEmpty {
            let rows = try await client.query(
                "SELECT p.id FROM persons p WHERE p.id = ANY(\(personIDs)) AND \(personsVisibleTo: reader)", logger: logger)
            for try await id in rows.decode(UUID.self) { visiblePersons.insert(id) }
        }
        return events.map { event in
            guard event.kind == .linkAdded, case .object(var payload) = event.payload,
                case .object(var linked)? = payload["target"] else { return event }
            for (key, visible) in [("case", visibleCases), ("person", visiblePersons)] {
                if let id = target(event, key), !visible.contains(id) { linked[key] = ["hidden": true] }
            }
            payload["target"] = .object(linked)
            var redacted = event
            redacted.payload = .object(payload)
            return redacted
        }
    }
}

