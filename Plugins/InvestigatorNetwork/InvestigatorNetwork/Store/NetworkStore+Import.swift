public import DossierCore
import DossierPostgres
import Foundation
import PostgresNIO

extension NetworkStore {
    /// Imports investigators from CSV (a header row naming ``DirectoryColumns``), with a
    /// report of every rejected row: its line, field and reason.
    ///
    /// All or nothing by default: when any row is rejected nothing is written. With
    /// `skipInvalid`, the valid rows are written and the others reported. A dry run checks
    /// everything and writes nothing. Unknown agency codes are registered from the row's
    /// agency name, country and kind.
    public func importCSV(_ text: String, dryRun: Bool = false, skipInvalid: Bool = false, by actor: Actor) async throws -> ImportReport {
        try actor.require(oneOf: Roles.editors, to: "importing the directory")
        let records: [CSV.Record]
        do {
            records = try CSV.parse(text)
        } catch {
            throw DossierError.invalidInput("line \(error.line): \(error.reason)")
        }
        guard let header = records.first else { throw DossierError.invalidInput("the file is empty; the first line must name the columns") }
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let unknown = columns.filter { !DirectoryColumns.all.contains($0) }
        guard unknown.isEmpty else {
            throw DossierError.invalidInput(
                "line 1: unknown column \(unknown.joined(separator: ", ")); the columns are \(DirectoryColumns.all.joined(separator: ", "))")
        }
        let missing = DirectoryColumns.required.filter { !columns.contains($0) }
        guard missing.isEmpty else {
            throw DossierError.invalidInput("line 1: missing column \(missing.joined(separator: ", "))")
        }

        var agencies: [String: UUID] = [:]
        // An agency is one per country and name: a new code for a registered agency is refused with the code it has.
        var registeredCodes: [AgencyName: String] = [:]
        for agency in try await self.agencies() {
            agencies[agency.code] = agency.id
            registeredCodes[AgencyName(agency.country, agency.name)] = agency.code
        }
        var rows: [(ImportRow, [String])] = []
        var rejected: [ImportReport.Rejection] = []
        var newAgencies: [String: Agency] = [:]
        for record in records.dropFirst() {
            guard record.fields.count == columns.count else {
                rejected.append(.init(line: record.line, field: "row", reason: "has \(record.fields.count) fields; the header has \(columns.count)"))
                continue
            }
            let values = Dictionary(zip(columns, record.fields), uniquingKeysWith: { first, _ in first })
            do {
                var (row, languages) = try ImportRow.read(values, line: record.line, agencies: agencies)
                if let new = row.newAgency {
                    if let code = registeredCodes[AgencyName(new.country, new.name)], code != new.code {
                        throw ImportReport.Rejection(
                            line: record.line, field: "agency_code",
                            reason: "'\(new.code)' is new, but \(new.name) (\(new.country)) is already registered as \(code); use that code")
                    }
                    registeredCodes[AgencyName(new.country, new.name)] = new.code
                    // Later rows of the same new agency use the one this row registers.
                    let agency = newAgencies[new.code] ?? Agency(
                        id: UUID.v7(), code: new.code, name: new.name, country: new.country, kind: new.kind, parentID: nil)
                    newAgencies[new.code] = agency
                    agencies[new.code] = agency.id
                    row.investigator.agencyID = agency.id
                }
                rows.append((row, languages))
            } catch let rejections as ImportRow.Rejections {
                rejected += rejections.all
            } catch let rejection as ImportReport.Rejection {
                rejected.append(rejection)
            }
        }
        let writes = !dryRun && (rejected.isEmpty || skipInvalid)
        let usedAgencies = Set(rows.map(\.0.agencyCode))
        let agenciesToCreate = newAgencies.values.filter { usedAgencies.contains($0.code) }
        if writes, !rows.isEmpty {
            try await client.transaction(logger: logger) { connection in
                for agency in agenciesToCreate { try await Self.insert(agency, on: connection, logger: logger) }
                for (row, languages) in rows {
                    try await Self.insert(
                        row.investigator, id: UUID.v7(), languages: languages, by: actor.id, at: cases.clock.now(),
                        on: connection, logger: logger)
                }
            }
        }
        return ImportReport(
            rows: records.count - 1, valid: rows.count, rejected: rejected, imported: writes ? rows.count : 0,
            agenciesCreated: writes ? agenciesToCreate.count : 0, dryRun: dryRun)
    }

    /// The entries `actor` may see as CSV with the import's columns, so an export imports again.
    public func exportCSV(visibleTo actor: Actor) async throws -> String {
        let investigators = try await export(visibleTo: actor)
        var lines = [CSV.line(DirectoryColumns.all)]
        for entry in investigators {
            lines.append(CSV.line([
                entry.latinName, entry.originalName ?? "", entry.agency.code, entry.agency.name, entry.agency.country,
                entry.agency.kind.rawValue, entry.country, entry.role, entry.languages.joined(separator: ";"),
                entry.specialties.map(\.rawValue).joined(separator: ";"),
                entry.channels.map { "\($0.kind.rawValue):\($0.address)" }.joined(separator: ";"), entry.timeZone,
                entry.availability.rawValue, entry.verifiedBy, entry.verifiedAt.formatted(.iso8601),
                entry.verificationExpiresAt.formatted(.iso8601), entry.visibility.rawValue,
            ]))
        }
        return lines.map { $0 + "\n" }.joined()
    }
}

/// An agency's identity besides its code: its country and its name, compared without case.
private struct AgencyName: Hashable {
    var country: String
    var name: String

    init(_ country: String, _ name: String) {
        self.country = country.uppercased()
        self.name = name.trimmingCharacters(in: .whitespaces).lowercased()
    }
}
