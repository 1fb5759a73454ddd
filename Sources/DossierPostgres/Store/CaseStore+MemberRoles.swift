import DossierCore
import Foundation
import PostgresNIO

extension CaseStore {
    /// Refuses a change by a member whose role on the case is read-only (analyst,
    /// observer; ``CaseMember``), unless they supervise the owning agency. Runs in the
    /// change's transaction, after the case is locked.
    func requireMayChange(_ value: Case, by actor: Actor, on connection: PostgresConnection) async throws {
        guard !actor.isSystem, !Self.supervises(value, actor) else { return }
        guard let role = try await memberRole(of: actor.id, in: value.id, on: connection), !role.mayChange else { return }
        throw DossierError(
            .roleNotAllowed,
            "you are a member of \(value.reference) as \(role.rawValue): you may read the case, not change it; "
                + "its lead or a supervisor of \(value.owningAgency) can give you another role")
    }

    /// Refuses a change of membership by anyone but the case's lead and the supervisors of
    /// its owning agency.
    func requireMayChangeMembers(_ value: Case, by actor: Actor, on connection: PostgresConnection) async throws {
        guard !actor.isSystem, !Self.supervises(value, actor) else { return }
        guard try await memberRole(of: actor.id, in: value.id, on: connection) == .lead else {
            throw DossierError(
                .roleNotAllowed, "only the lead of \(value.reference) or a supervisor of \(value.owningAgency) changes who works it")
        }
    }

    static func supervises(_ value: Case, _ actor: Actor) -> Bool {
        actor.roles.contains(.supervisor) && actor.agency == value.owningAgency
    }

    func memberRole(of userID: String, in caseID: UUID, on connection: PostgresConnection) async throws -> CaseMember.Role? {
        let rows = try await connection.query(
            "SELECT role FROM case_members WHERE case_id = \(caseID) AND user_id = \(userID)", logger: logger)
        for try await role in rows.decode(String.self) { return CaseMember.Role(rawValue: role) }
        return nil
    }

    /// The agency of a registered user, or nil for a name the users table does not hold.
    func agency(ofUser userID: String, on connection: PostgresConnection) async throws -> String? {
        let rows = try await connection.query("SELECT agency FROM users WHERE id = \(userID)", logger: logger)
        for try await agency in rows.decode(String.self) { return agency }
        return nil
    }
}
