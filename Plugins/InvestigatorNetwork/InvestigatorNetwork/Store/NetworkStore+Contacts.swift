public import DossierCore
public import DossierPostgres
public import Foundation
import PostgresNIO

/// A country's point of contact for fugitive matters.
public struct CountryContact: Codable, Sendable, Hashable {
    public var priority: Int
    public var investigator: Investigator
    public var stale: Bool
}

/// A directory entry linked to a case as its external contact.
public struct CaseContact: Codable, Sendable, Hashable {
    public var linkID: UUID
    public var investigator: Investigator
    public var stale: Bool
    public var linkedAt: Date
    public var linkedBy: String
}

extension NetworkStore {
    /// The link kind of a case's external contacts.
    public static let contactLinkKind = "external-contact"

    /// A country's points of contact that `actor` may see, by priority; stale ones marked.
    public func contacts(country: String, visibleTo actor: Actor) async throws -> [CountryContact] {
        try CountryCode.validate(country, field: "country")
        let viewer = Self.viewer(actor)
        let rows = try await client.query(
            """
            SELECT c.priority, \(unescaped: Self.investigatorColumns), i.verification_expires_at <= \(cases.clock.now())
            FROM network_contacts c
            JOIN network_investigators i ON i.id = c.investigator_id
            JOIN network_agencies a ON a.id = i.agency_id
            WHERE c.country = \(country)::char(2) AND (\(viewer.all) OR i.visibility = 'network' OR a.code = \(viewer.agency))
            ORDER BY c.priority, i.latin_name
            """, logger: logger)
        var contacts: [CountryContact] = []
        for try await row in rows.decode(
            (Int, UUID, String?, String, UUID, String, String, String, String, UUID?, String, String, [String], [String],
             [String], JSONValue, String, String, String, Date, Date, String, Bool).self)
        {
            let investigator = try Self.investigator(from: (
                row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8, row.9, row.10, row.11, row.12, row.13, row.14, row.15,
                row.16, row.17, row.18, row.19, row.20, row.21))
            contacts.append(CountryContact(priority: row.0, investigator: investigator, stale: row.22))
        }
        return contacts
    }

    /// Replaces a country's points of contact (administrators and supervisors).
    public func setContacts(country: String, _ entries: [(investigatorID: UUID, priority: Int)], by actor: Actor) async throws {
        try actor.require(oneOf: Roles.editors, to: "setting points of contact")
        try CountryCode.validate(country, field: "country")
        for entry in entries where !(1...99).contains(entry.priority) {
            throw DossierError.invalidInput("priority must be from 1 to 99, not \(entry.priority)")
        }
        try await client.transaction(logger: logger) { connection in
            try await connection.query("DELETE FROM network_contacts WHERE country = \(country)::char(2)", logger: logger)
            for entry in entries {
                try await connection.query(
                    """
                    INSERT INTO network_contacts (country, investigator_id, priority)
                    VALUES (\(country), \(entry.investigatorID), \(entry.priority))
                    """, logger: logger)
            }
        }
    }

    /// Links a directory entry to a case as an external contact (a core link, so it is on
    /// the case's timeline). The entry must be one `actor` may see.
    public func linkContact(caseID: UUID, investigatorID: UUID, by actor: Actor, options: ChangeOptions = .init()) async throws -> CaseLink {
        try actor.require(oneOf: Roles.linkers, to: "linking an external contact")
        do {
            _ = try await investigator(id: investigatorID, visibleTo: actor)
        } catch let error as DossierError where error.code == .notFound {
            throw DossierError.invalidInput("investigator \(investigatorID.lowercased) does not exist")
        }
        return try await cases.addLink(
            caseID: caseID, kind: Self.contactLinkKind, to: .entry(module: InvestigatorNetwork.moduleID, id: investigatorID.lowercased),
            by: actor, options: options)
    }

    /// A case's external contacts that `actor` may see, with their freshness.
    public func caseContacts(caseID: UUID, visibleTo actor: Actor) async throws -> [CaseContact] {
        let links = try await cases.links(caseID: caseID, visibleTo: .system).filter { $0.kind == Self.contactLinkKind }
        var contacts: [CaseContact] = []
        let now = cases.clock.now()
        for link in links {
            guard case .entry(let module, let id) = link.target, module == InvestigatorNetwork.moduleID, let investigatorID = UUID(uuidString: id),
                let investigator = try? await investigator(id: investigatorID, visibleTo: actor)
            else { continue }
            contacts.append(CaseContact(
                linkID: link.id, investigator: investigator, stale: investigator.isStale(at: now), linkedAt: link.createdAt,
                linkedBy: link.createdBy))
        }
        return contacts
    }
}
