import DossierCore
import DossierPostgres
import Foundation
import PostgresNIO

/// A hook on a core event: when a victim or suspect is added as a party to a trafficking
/// case, the module records them in its own tables, inside the core's transaction.
enum TraffickingHooks {
    static let partyAdded = CaseHook.partyAdded { event, transaction in
        let (connection, logger, personID, now) = (transaction.connection, transaction.logger, event.personID, event.now)
        switch event.role {
        case .victim:
            try await connection.query(
                """
                INSERT INTO thb_victims (case_id, person_id, identified_at) VALUES (\(event.case.id), \(personID), \(now))
                ON CONFLICT DO NOTHING
                """, logger: logger)
        case .suspect:
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
