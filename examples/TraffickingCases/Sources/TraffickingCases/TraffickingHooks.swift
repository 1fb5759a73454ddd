import DossierCore
import DossierPostgres
import Foundation
import PostgresNIO

/// A hook on a core event: when a victim or suspect is added as a party to a trafficking
/// case, the module records them in its own tables, inside the core's transaction.
enum TraffickingHooks {
    static let partyAdded = CaseHook.postgres(.partyAdded) { event, connection, logger in
        guard let personID = event.personID, let role = event.inputs["role"]?.stringValue else { return }
        let now = event.now
        switch role {
        case "victim":
            try await connection.query(
                """
                INSERT INTO thb_victims (case_id, person_id, identified_at) VALUES (\(event.case.id), \(personID), \(now))
                ON CONFLICT DO NOTHING
                """, logger: logger)
        case "suspect":
            try await connection.query(
                """
                INSERT INTO thb_suspects (case_id, person_id, named_at) VALUES (\(event.case.id), \(personID), \(now))
                ON CONFLICT DO NOTHING
                """, logger: logger)
        default:
            break
        }
    }
}
