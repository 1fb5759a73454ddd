public import DossierCore
public import DossierPostgres
public import Foundation
import Logging
import PostgresNIO

extension SurveillanceStore {
    /// Records an authorisation on the operation, refusing one longer than its legal basis
    /// allows or with a method the basis does not cover, and starts its expiry warnings
    /// (and reviews where the basis requires them).
    public func createAuthorisation(
        caseID: UUID, _ new: NewAuthorisation, by actor: Actor, options: ChangeOptions = .init()
    ) async throws -> Authorisation {
        try actor.require(oneOf: Roles.authorisers, to: "recording an authorisation")
        let now = cases.clock.now()
        let request: JSONValue = [
            "reference": .string(new.reference), "legal_basis": .string(new.legalBasis),
            "subjects": .array(new.subjects.map(JSONValue.string)), "methods": .array(new.methods.map { .string($0.rawValue) }),
            "valid_from": .string(new.validFrom.formatted(.iso8601)), "valid_to": .string(new.validTo.formatted(.iso8601)),
        ]
        let id = try await cases.recordModuleEvent(
            EventKind("surveillance.authorisation_recorded"), caseID: caseID, actor: actor, options: options, request: request
        ) { found, connection in
            try Self.requireOperation(found)
            let basis = try await LegalBases.basis(new.legalBasis, on: connection, logger: logger)
            let zone = new.timeZone ?? basis.timeZone
            let calendar = try await LegalBases.workingDays(of: basis, in: zone, on: connection, logger: logger)
            try new.validate(against: basis, calendar: calendar)
            let authorisation = Authorisation(
                id: UUID.v7(at: now), caseID: caseID, reference: new.reference, legalBasis: basis.id,
                issuingAuthority: new.issuingAuthority, applicant: new.applicant, approver: new.approver, subjects: new.subjects,
                facilities: new.facilities, methods: new.methods, urgent: new.urgent, timeZone: zone, validFrom: new.validFrom,
                originalValidTo: new.validTo, validTo: new.validTo, cancelledAt: nil, cancelledBy: nil, cancellationReason: nil,
                recordedAt: now, recordedBy: actor.id, renewals: [])
            if try await Self.exists(
                "SELECT 1 FROM surveillance_authorisations WHERE case_id = \(caseID) AND reference = \(new.reference)",
                on: connection, logger: logger)
            {
                throw DossierError(.alreadyExists, "authorisation \(new.reference) is already recorded on \(found.reference)")
            }
            try await connection.query(
                """
                INSERT INTO surveillance_authorisations (id, case_id, reference, legal_basis_id, issuing_authority, applicant,
                    approver, subjects, facilities, methods, urgent, time_zone, valid_from, original_valid_to, valid_to,
                    recorded_at, recorded_by)
                VALUES (\(authorisation.id), \(caseID), \(new.reference), \(basis.id), \(new.issuingAuthority), \(new.applicant),
                        \(new.approver), \(new.subjects), \(new.facilities), \(new.methods.map(\.rawValue)), \(new.urgent),
                        \(zone), \(new.validFrom), \(new.validTo), \(new.validTo), \(now), \(actor.id))
                """, logger: logger)
            try await AuthorisationTimers.start(for: authorisation, basis: basis, at: now, on: connection, logger: logger)
            let payload: JSONValue = [
                "authorisation_id": .string(authorisation.id.lowercased), "reference": .string(new.reference),
                "legal_basis": .string(basis.id), "valid_from": .string(new.validFrom.formatted(.iso8601)),
                "valid_to": .string(new.validTo.formatted(.iso8601)), "urgent": .bool(new.urgent),
            ]
            return (payload: payload, result: authorisation.id)
        }.result
        return try await authorisation(id: id)
    }

    /// Extends an authorisation to `newValidTo`, recording when it was granted, when and by
    /// whom it was entered and who approved it. Refused when granted after it expired or
    /// was cancelled (a new authorisation is needed then), outside the legal basis's renewal
    /// window, or for longer than the basis allows. A renewal granted in time may be
    /// entered after the old end; it says so.
    /// - Parameter grantedAt: when the authority granted it (default: now).
    public func renewAuthorisation(
        _ id: UUID, until newValidTo: Date, grantedAt: Date? = nil, approver: String, note: String = "", by actor: Actor
    ) async throws -> Authorisation {
        try actor.require(oneOf: Roles.authorisers, to: "renewing an authorisation")
        try FreeText.require(approver, field: "approver", max: 200)
        let current = try await authorisation(id: id)
        let now = cases.clock.now()
        let granted = grantedAt ?? now
        guard granted <= now.addingTimeInterval(300) else {
            throw DossierError.invalidInput("granted_at \(granted.formatted(.iso8601)) is in the future")
        }
        _ = try await cases.recordModuleEvent(EventKind("surveillance.authorisation_renewed"), caseID: current.caseID, actor: actor) {
            found, connection in
            let locked = try await Self.authorisation(id, on: connection, logger: logger)
            guard locked.cancelledAt == nil else {
                throw DossierError(.wrongState, "authorisation \(locked.reference) was cancelled; record a new one instead")
            }
            guard locked.validTo > granted else {
                throw DossierError(
                    .wrongState,
                    "authorisation \(locked.reference) expired at \(locked.validTo.formatted(.iso8601)), before the renewal was "
                        + "granted at \(granted.formatted(.iso8601)); record a new one instead")
            }
            guard granted >= locked.validFrom else {
                throw DossierError.invalidInput(
                    "granted_at \(granted.formatted(.iso8601)) is before authorisation \(locked.reference) took effect")
            }
            guard newValidTo > locked.validTo else {
                throw DossierError.invalidInput(
                    "the new end \(newValidTo.formatted(.iso8601)) must be after the current end \(locked.validTo.formatted(.iso8601))")
            }
            let basis = try await LegalBases.basis(locked.legalBasis, on: connection, logger: logger)
            let calendar = try await LegalBases.workingDays(of: basis, in: locked.timeZone, on: connection, logger: logger)
            // The last day covered (valid_to is usually the midnight that ends it).
            let lastCovered = locked.validTo.addingTimeInterval(-0.000_001)
            try Self.checkRenewalWindow(granted: granted, lastCovered: lastCovered, basis: basis, calendar: calendar)
            // A renewal runs from the day after the last one covered: "beginning with" that
            // day (IPA s.32, RIPA s.43) counts it as day one, which differs from "after" the
            // last covered day at month ends (last covered 30 April: to 31 October, not 30th).
            let firstDay = CalendarDate(lastCovered, in: calendar.timeZone).adding(days: 1)
            let (from, counting): (Date, CountingRule) = basis.counting == .startingWithTheDay
                ? (firstDay.start(in: calendar.timeZone), .startingWithTheDay) : (lastCovered, .dayAfterEvent)
            try NewAuthorisation.checkPeriod(
                from: from, to: newValidTo, limit: basis.maximum, counting: counting, calendar: calendar,
                basis: basis, what: "a renewal", rule: basis.countingText)
            try await connection.query(
                """
                INSERT INTO surveillance_renewals (id, authorisation_id, case_id, granted_at, renewed_at, renewed_by, approver,
                    previous_valid_to, new_valid_to, note)
                VALUES (\(UUID.v7(at: now)), \(id), \(locked.caseID), \(granted), \(now), \(actor.id), \(approver),
                        \(locked.validTo), \(newValidTo), \(note))
                """, logger: logger)
            try await connection.query(
                "UPDATE surveillance_authorisations SET valid_to = \(newValidTo) WHERE id = \(id)", logger: logger)
            var renewed = locked
            renewed.validTo = newValidTo
            try await AuthorisationTimers.start(for: renewed, basis: basis, at: now, on: connection, logger: logger)
            let payload: JSONValue = [
                "authorisation_id": .string(id.lowercased), "reference": .string(locked.reference),
                "previous_valid_to": .string(locked.validTo.formatted(.iso8601)),
                "new_valid_to": .string(newValidTo.formatted(.iso8601)), "approver": .string(approver),
                "granted_at": .string(granted.formatted(.iso8601)),
            ]
            return (payload: payload, result: true)
        }
        return try await authorisation(id: id)
    }

    /// Refuses a renewal granted before the legal basis's renewal window opens: the window
    /// is the period ending with the last covered day (IPA s.33: 30 days).
    static func checkRenewalWindow(
        granted: Date, lastCovered: Date, basis: LegalBasis, calendar: WorkingDayCalendar
    ) throws(DossierError) {
        guard let window = basis.renewalWindow else { return }
        let lastDay = CalendarDate(lastCovered, in: calendar.timeZone)
        let opens = DeadlineCalculator(calendar: calendar).firstDay(ofPeriodEndingWith: lastDay, duration: window)
        let grantedDay = CalendarDate(granted, in: calendar.timeZone)
        guard grantedDay >= opens else {
            throw .invalidInput(
                "a renewal under \(basis.name) may be made only from \(opens) to \(lastDay) (\(calendar.timeZone.identifier)); "
                    + "this one was granted on \(grantedDay). \(basis.renewalWindowText)")
        }
    }

    /// Cancels an authorisation from now on: entries after this moment are refused.
    public func cancelAuthorisation(_ id: UUID, reason: String, by actor: Actor) async throws -> Authorisation {
        try actor.require(oneOf: Roles.authorisers, to: "cancelling an authorisation")
        try FreeText.require(reason, field: "reason", max: 2000)
        let current = try await authorisation(id: id)
        let now = cases.clock.now()
        _ = try await cases.recordModuleEvent(EventKind("surveillance.authorisation_cancelled"), caseID: current.caseID, actor: actor) {
            found, connection in
            let locked = try await Self.authorisation(id, on: connection, logger: logger)
            guard locked.cancelledAt == nil else {
                throw DossierError(.wrongState, "authorisation \(locked.reference) is already cancelled")
            }
            try await connection.query(
                """
                UPDATE surveillance_authorisations SET cancelled_at = \(now), cancelled_by = \(actor.id),
                    cancellation_reason = \(reason)
                WHERE id = \(id)
                """, logger: logger)
            try await AuthorisationTimers.cancel(for: locked, at: now, on: connection, logger: logger)
            let payload: JSONValue = [
                "authorisation_id": .string(id.lowercased), "reference": .string(locked.reference), "reason": .string(reason),
            ]
            return (payload: payload, result: true)
        }
        return try await authorisation(id: id)
    }

    public func authorisation(id: UUID) async throws -> Authorisation {
        try await client.withConnection { connection in try await Self.authorisation(id, on: connection, logger: logger) }
    }

    /// The operation's authorisations with their renewals, in the order they were recorded.
    public func authorisations(caseID: UUID) async throws -> [Authorisation] {
        try await client.withConnection { connection in
            try await Self.authorisations(where: "case_id = \(caseID)", on: connection, logger: logger)
        }
    }

    /// The authorisations of several operations at once (a page of them), by operation.
    public func authorisations(caseIDs: [UUID]) async throws -> [UUID: [Authorisation]] {
        guard !caseIDs.isEmpty else { return [:] }
        let found = try await client.withConnection { connection in
            try await Self.authorisations(where: "case_id = ANY(\(caseIDs))", on: connection, logger: logger)
        }
        return Dictionary(grouping: found, by: \.caseID)
    }

    static func authorisation(_ id: UUID, on connection: PostgresConnection, logger: Logger) async throws -> Authorisation {
        guard let found = try await authorisations(where: "id = \(id)", on: connection, logger: logger).first else {
            throw DossierError.notFound("authorisation \(id.lowercased) does not exist")
        }
        return found
    }

    static func authorisations(
        where condition: SQLFragment, on connection: PostgresConnection, logger: Logger
    ) async throws -> [Authorisation] {
        let query: PostgresQuery = """
            SELECT id, case_id, reference, legal_basis_id, issuing_authority, applicant, approver, subjects, facilities,
                   methods, urgent, valid_from, original_valid_to, valid_to, cancelled_at, cancelled_by,
                   cancellation_reason, recorded_at, recorded_by, time_zone
            FROM surveillance_authorisations WHERE \(condition) ORDER BY id
            """
        var found: [Authorisation] = []
        for try await row in try await connection.query(query, logger: logger).decode(
            (UUID, UUID, String, String, String, String, String, [String], [String], [String], Bool, Date, Date, Date, Date?,
             String?, String?, Date, String, String).self)
        {
            found.append(Authorisation(
                id: row.0, caseID: row.1, reference: row.2, legalBasis: row.3, issuingAuthority: row.4, applicant: row.5,
                approver: row.6, subjects: row.7, facilities: row.8,
                methods: try row.9.map { text throws(DossierError) in try SurveillanceMethod.parse(text, field: "methods") },
                urgent: row.10, timeZone: row.19, validFrom: row.11, originalValidTo: row.12, validTo: row.13,
                cancelledAt: row.14, cancelledBy: row.15, cancellationReason: row.16, recordedAt: row.17, recordedBy: row.18,
                renewals: []))
        }
        guard !found.isEmpty else { return [] }
        let index = Dictionary(uniqueKeysWithValues: found.enumerated().map { ($1.id, $0) })
        let renewals = try await connection.query(
            """
            SELECT authorisation_id, granted_at, renewed_at, renewed_by, approver, previous_valid_to, new_valid_to, note
            FROM surveillance_renewals WHERE authorisation_id = ANY(\(found.map(\.id))) ORDER BY renewed_at, id
            """, logger: logger)
        for try await (authorisationID, grantedAt, renewedAt, renewedBy, approver, previous, new, note)
            in renewals.decode((UUID, Date, Date, String, String, Date, Date, String).self)
        {
            guard let position = index[authorisationID] else { continue }
            found[position].renewals.append(Renewal(
                grantedAt: grantedAt, renewedAt: renewedAt, recordedAfterExpiry: renewedAt > previous, renewedBy: renewedBy,
                approver: approver, previousValidTo: previous, newValidTo: new, note: note))
        }
        return found
    }

    static func exists(_ query: PostgresQuery, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        for try await _ in try await connection.query(query, logger: logger) { return true }
        return false
    }
}
