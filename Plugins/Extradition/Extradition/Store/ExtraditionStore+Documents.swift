public import DossierCore
public import DossierPostgres
public import Foundation
import PostgresNIO

extension ExtraditionStore {
    /// Registers a document on the case with the SHA-256 of its file, and records an
    /// `extradition.document_registered` event. A file is registered once per case.
    /// - Parameter options: `If-Match` and an idempotency key, so a retried request
    ///   registers the document once.
    public func registerDocument(
        caseID: UUID, _ new: NewExtraditionDocument, by actor: Actor, options: ChangeOptions = .init()
    ) async throws -> ExtraditionDocument {
        try actor.require(oneOf: Roles.documentKeepers, to: "registering documents")
        try FreeText.require(new.title, field: "title", max: 500)
        guard new.fileName.count <= 255 else { throw DossierError.invalidInput("file_name must be at most 255 characters") }
        guard new.sha256.utf8.count == 64, new.sha256.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            throw DossierError.invalidInput("sha256 '\(new.sha256)' must be 64 hexadecimal digits (the SHA-256 of the file)")
        }
        guard new.language.isEmpty || ((2...3).contains(new.language.count) && new.language.allSatisfy({ $0.isASCII && $0.isLowercase })) else {
            throw DossierError.invalidInput("language '\(new.language)' must be an ISO 639 code in small letters, such as fr or en")
        }
        let now = cases.clock.now()
        // The latest day it is anywhere (UTC+14): a document received today somewhere is not refused.
        let latestDay = CalendarDate(now, in: TimeZone(secondsFromGMT: 14 * 3600) ?? .gmt)
        if let receivedOn = new.receivedOn, receivedOn > latestDay {
            throw DossierError.invalidInput("received_on \(receivedOn) is in the future")
        }
        let document = ExtraditionDocument(
            id: UUID.v7(at: now), caseID: caseID, kind: new.kind, title: new.title, fileName: new.fileName,
            sha256: new.sha256, language: new.language, receivedOn: new.receivedOn, registeredAt: now, registeredBy: actor.id)
        let request: JSONValue = [
            "kind": .string(new.kind.rawValue), "title": .string(new.title), "file_name": .string(new.fileName),
            "sha256": .string(new.sha256), "language": .string(new.language),
            "received_on": new.receivedOn.map { .string($0.description) } ?? .null,
        ]
        return try await cases.recordModuleEvent(
            EventKind("extradition.document_registered"), caseID: caseID, actor: actor, options: options, request: request
        ) { found, connection in
            try Self.requireExtradition(found)
            let existing = try await connection.query(
                """
                SELECT kind, title FROM extradition_documents WHERE case_id = \(caseID) AND sha256 = \(new.sha256)
                """, logger: logger)
            for try await (kind, title) in existing.decode((String, String).self) {
                throw DossierError(
                    .alreadyExists, "this file is already registered on \(found.reference) as \(kind): '\(title)'")
            }
            try await connection.query(
                """
                INSERT INTO extradition_documents
                    (id, case_id, kind, title, file_name, sha256, language, received_on, registered_at, registered_by)
                VALUES (\(document.id), \(caseID), \(document.kind.rawValue), \(document.title), \(document.fileName),
                        \(document.sha256), \(document.language), \(document.receivedOn), \(now), \(actor.id))
                """, logger: logger)
            let payload: JSONValue = [
                "document_id": .string(document.id.lowercased), "kind": .string(document.kind.rawValue),
                "title": .string(document.title), "sha256": .string(document.sha256),
                "language": .string(document.language),
                "received_on": document.receivedOn.map { .string($0.description) } ?? .null,
            ]
            return (payload: payload, result: document)
        }.result
    }

    /// The case's documents, in the order they were registered.
    public func documents(caseID: UUID) async throws -> [ExtraditionDocument] {
        let rows = try await client.query(
            """
            SELECT id, case_id, kind, title, file_name, sha256, language, received_on, registered_at, registered_by
            FROM extradition_documents WHERE case_id = \(caseID) ORDER BY id
            """, logger: logger)
        var documents: [ExtraditionDocument] = []
        for try await (id, caseID, kind, title, fileName, sha256, language, receivedOn, registeredAt, registeredBy)
            in rows.decode((UUID, UUID, String, String, String, String, String, CalendarDate?, Date, String).self)
        {
            documents.append(ExtraditionDocument(
                id: id, caseID: caseID, kind: try DocumentKind.parse(kind, field: "kind"), title: title, fileName: fileName,
                sha256: sha256, language: language, receivedOn: receivedOn, registeredAt: registeredAt,
                registeredBy: registeredBy))
        }
        return documents
    }
}
