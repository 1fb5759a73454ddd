import DossierCore
import Foundation
import DossierPostgres
import PostgresNIO

extension NetworkStore {
    /// Registers investigators in one transaction, a few statements whatever their
    /// number, each checked as ``createInvestigator(_:by:)`` checks it. For generated
    /// demo and benchmark sets: no role check; `createdBy` marks the set.
    func writeBulk(_ investigators: [NewInvestigator], createdBy: String, at now: Date) async throws {
        var ids: [UUID] = [], originalNames: [String] = [], latinNames: [String] = [], agencies: [UUID] = [], countries: [String] = [], roles: [String] = []
        var languages: [String] = [], rawLanguages: [String] = [], specialties: [String] = [], channels: [String] = []
        var timeZones: [String] = [], availabilities: [String] = [], verifiers: [String] = [], verifiedAt: [Date] = []
        var expiresAt: [Date] = [], visibilities: [String] = []
        for new in investigators {
            ids.append(UUID.v7(at: now))
            originalNames.append(new.originalName ?? "")
            latinNames.append(new.latinName)
            agencies.append(new.agencyID)
            countries.append(new.country)
            roles.append(new.role)
            languages.append(try new.validate().joined(separator: ","))
            rawLanguages.append(new.languages.joined(separator: ","))
            specialties.append(new.specialties.map(\.rawValue).joined(separator: ","))
            channels.append(String(decoding: try JSONValue(encoding: new.channels).canonicalBytes, as: UTF8.self))
            timeZones.append(new.timeZone)
            availabilities.append(new.availability.rawValue)
            verifiers.append(new.verifiedBy)
            verifiedAt.append(new.verifiedAt)
            expiresAt.append(new.verificationExpiresAt)
            visibilities.append(new.visibility.rawValue)
        }
        _ = try await cases.client.transaction(logger: logger) { connection in
            try await connection.query(
                """
                INSERT INTO network_investigators (id, original_name, latin_name, agency_id, country, role, languages, languages_raw,
                    specialties, channels, time_zone, availability, verified_by, verified_at, verification_expires_at,
                    visibility, created_at, created_by)
                SELECT id, nullif(original_name, ''), latin_name, agency_id, country, role, string_to_array(languages, ','),
                       string_to_array(languages_raw, ','), string_to_array(specialties, ','), channels::jsonb, time_zone,
                       availability, verified_by, verified_at, expires_at, visibility, \(now), \(createdBy)
                FROM unnest(\(ids)::uuid[], \(originalNames)::text[], \(latinNames)::text[], \(agencies)::uuid[], \(countries)::text[], \(roles)::text[],
                            \(languages)::text[], \(rawLanguages)::text[], \(specialties)::text[], \(channels)::text[],
                            \(timeZones)::text[], \(availabilities)::text[], \(verifiers)::text[], \(verifiedAt)::timestamptz[],
                            \(expiresAt)::timestamptz[], \(visibilities)::text[])
                     AS i (id, original_name, latin_name, agency_id, country, role, languages, languages_raw, specialties, channels,
                           time_zone, availability, verified_by, verified_at, expires_at, visibility)
                """, logger: logger)
        }
    }

    /// How many investigators `createdBy` registered.
    func investigatorCount(createdBy: String) async throws -> Int {
        let rows = try await cases.client.query(
            "SELECT count(*) FROM network_investigators WHERE created_by = \(createdBy)", logger: logger)
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }
}
