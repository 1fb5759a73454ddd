public import DossierCore
public import DossierPostgres
public import Foundation
import PostgresNIO

extension ColdCaseStore {
    /// Adds an exhibit to the case's evidence inventory and records a
    /// `cold-cases.evidence_added` event. Exhibit references are unique per case.
    /// - Parameter options: `If-Match` and an idempotency key, so a retried request adds
    ///   the exhibit once.
    public func addEvidence(
        caseID: UUID, _ new: NewEvidenceItem, by actor: Actor, options: ChangeOptions = .init()
    ) async throws -> EvidenceItem {
        try require(actor, oneOf: Roles.evidenceKeepers, to: "adding evidence")
        let now = cases.clock.now()
        try new.validate(today: CalendarDate(now, in: .gmt))
        let item = EvidenceItem(
            id: UUID.v7(at: now), caseID: caseID, item: new.item, exhibitReference: new.exhibitReference,
            storageLocation: new.storageLocation, condition: new.condition, lastVerifiedOn: new.lastVerifiedOn,
            forensicOpportunity: new.forensicOpportunity, submissionStatus: new.submissionStatus, addedAt: now,
            addedBy: actor.id)

        let request: JSONValue = [
            "item": .string(new.item), "exhibit_reference": .string(new.exhibitReference),
            "storage_location": .string(new.storageLocation), "condition": .string(new.condition.rawValue),
        ]
        return try await cases.recordModuleEvent(
            EventKind("cold-cases.evidence_added"), caseID: caseID, actor: actor, options: options, request: request
        ) {
            found, connection in
            try Self.requireColdCase(found)
            let existing = try await connection.query(
                """
                SELECT count(*) FROM cold_case_evidence
                WHERE case_id = \(caseID) AND exhibit_reference = \(new.exhibitReference)
                """, logger: logger)
            for try await count in existing.decode(Int.self) where count > 0 {
                throw DossierError(
                    .alreadyExists, "exhibitReference '\(new.exhibitReference)' is already in \(found.reference)'s inventory")
            }
            try await connection.query(
                """
                INSERT INTO cold_case_evidence (id, case_id, item, exhibit_reference, storage_location, condition,
                    last_verified_on, forensic_opportunity, submission_status, added_at, added_by)
                VALUES (\(item.id), \(caseID), \(item.item), \(item.exhibitReference), \(item.storageLocation),
                    \(item.condition.rawValue), \(item.lastVerifiedOn), \(item.forensicOpportunity),
                    \(item.submissionStatus.rawValue), \(now), \(actor.id))
                """, logger: logger)
            let payload: JSONValue = [
                "evidence_id": .string(item.id.lowercased), "exhibit_reference": .string(item.exhibitReference),
                "item": .string(item.item), "condition": .string(item.condition.rawValue),
                "forensic_opportunity": .string(item.forensicOpportunity),
                "submission_status": .string(item.submissionStatus.rawValue),
            ]
            return (payload: payload, result: item)
        }.result
    }

    /// The case's evidence inventory, in the order it was added.
    public func evidence(caseID: UUID) async throws -> [EvidenceItem] {
        let rows = try await client.query(
            """
            SELECT id, case_id, item, exhibit_reference, storage_location, condition,
                   last_verified_on, forensic_opportunity, submission_status, added_at, added_by
            FROM cold_case_evidence WHERE case_id = \(caseID) ORDER BY id
            """, logger: logger)
        var items: [EvidenceItem] = []
        for try await (id, caseID, item, exhibit, location, condition, verified, opportunity, status, addedAt, addedBy)
            in rows.decode((UUID, UUID, String, String, String, String, CalendarDate?, String, String, Date, String).self)
        {
            items.append(EvidenceItem(
                id: id, caseID: caseID, item: item, exhibitReference: exhibit, storageLocation: location,
                condition: try EvidenceCondition.parse(condition, field: "condition"),
                lastVerifiedOn: verified, forensicOpportunity: opportunity,
                submissionStatus: try SubmissionStatus.parse(status, field: "submission_status"), addedAt: addedAt,
                addedBy: addedBy))
        }
        return items
    }
}
