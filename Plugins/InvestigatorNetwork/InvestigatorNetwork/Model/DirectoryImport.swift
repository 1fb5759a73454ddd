public import DossierCore
public import Foundation

/// What a CSV import did, or would do with `--dry-run`.
public struct ImportReport: Codable, Sendable, Hashable {
    /// A rejected row: its line in the file, the field, and why.
    public struct Rejection: Error, Codable, Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var field: String
        public var reason: String

        public var description: String { "line \(line), \(field): \(reason)" }
    }

    public var rows: Int
    public var valid: Int
    public var rejected: [Rejection]
    /// Rows written (0 on a dry run, and 0 when any row was rejected unless invalid rows are skipped).
    public var imported: Int
    public var agenciesCreated: Int
    public var dryRun: Bool
}

/// The directory's CSV columns, in the order export writes them.
public enum DirectoryColumns {
    public static let all = [
        "latin_name", "original_name", "agency_code", "agency_name", "agency_country", "agency_kind", "country", "role",
        "languages", "specialties", "channels", "time_zone", "availability", "verified_by", "verified_at",
        "verification_expires_at", "visibility",
    ]
    /// Columns every file must have (the agency's name, country and kind only register a new agency).
    public static let required = [
        "latin_name", "agency_code", "country", "role", "languages", "specialties", "channels", "time_zone", "verified_by",
        "verified_at", "verification_expires_at",
    ]
}

/// One CSV row read into a new investigator, or the field that stopped it.
struct ImportRow {
    var line: Int
    var agencyCode: String
    var newAgency: NewAgency?
    var investigator: NewInvestigator
}

extension ImportRow {
    /// Reads a row by column name; throws the field and reason of the first problem.
    static func read(
        _ values: [String: String], line: Int, agencies: [String: UUID]
    ) throws(ImportReport.Rejection) -> (ImportRow, [String]) {
        func value(_ name: String) -> String { (values[name] ?? "").trimmingCharacters(in: .whitespaces) }
        func reject(_ field: String, _ reason: String) -> ImportReport.Rejection {
            ImportReport.Rejection(line: line, field: field, reason: reason)
        }
        func list(_ name: String) -> [String] {
            value(name).split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        func date(_ name: String) throws(ImportReport.Rejection) -> Date {
            let text = value(name)
            if let date = try? Date(text, strategy: .iso8601) { return date }
            if let day = try? CalendarDate(parsing: text) { return day.start(in: .gmt) }
            throw reject(name, "'\(text)' is not an ISO 8601 date or timestamp (e.g. 2026-03-01)")
        }
        func parse<Value: CaseIterable & RawRepresentable>(_ name: String, _ raw: String, as: Value.Type) throws(ImportReport.Rejection) -> Value
        where Value.RawValue == String {
            guard let parsed = Value(rawValue: raw) else {
                throw reject(name, "'\(raw)' is not allowed; use \(Value.allowedValuesText)")
            }
            return parsed
        }

        let code = value("agency_code")
        guard !code.isEmpty else { throw reject("agency_code", "must not be empty") }
        var newAgency: NewAgency?
        if agencies[code] == nil {
            guard !value("agency_name").isEmpty, !value("agency_country").isEmpty, !value("agency_kind").isEmpty else {
                throw reject(
                    "agency_code",
                    "'\(code)' is not a registered agency; give agency_name, agency_country and agency_kind to register it")
            }
            let agency = NewAgency(
                code: code, name: value("agency_name"), country: value("agency_country"),
                kind: try parse("agency_kind", value("agency_kind"), as: AgencyKind.self))
            do throws(DossierError) { try agency.validate() } catch { throw reject("agency_country", error.message) }
            newAgency = agency
        }
        let specialties = try list("specialties").map { raw throws(ImportReport.Rejection) in
            try parse("specialties", raw, as: Specialty.self)
        }
        let channels = try list("channels").map { raw throws(ImportReport.Rejection) -> SecureChannel in
            guard let colon = raw.firstIndex(of: ":") else {
                throw reject("channels", "'\(raw)' must be kind:address, e.g. i24_7:NCB-MADRID")
            }
            return SecureChannel(
                kind: try parse("channels", String(raw[..<colon]), as: ChannelKind.self),
                address: String(raw[raw.index(after: colon)...]))
        }
        let investigator = NewInvestigator(
            originalName: value("original_name"), latinName: value("latin_name"), agencyID: agencies[code] ?? UUID(),
            country: value("country"), role: value("role"), languages: list("languages"), specialties: specialties,
            channels: channels, timeZone: value("time_zone"),
            availability: value("availability").isEmpty ? .available : try parse("availability", value("availability"), as: Availability.self),
            verifiedBy: value("verified_by"), verifiedAt: try date("verified_at"),
            verificationExpiresAt: try date("verification_expires_at"),
            visibility: value("visibility").isEmpty ? .network : try parse("visibility", value("visibility"), as: Visibility.self))
        let languages: [String]
        do throws(DossierError) {
            languages = try investigator.validate()
        } catch {
            // The validation message starts with the field it is about.
            let field = error.message.split(separator: " ").first.map { String($0.split(separator: "[").first ?? $0) } ?? "row"
            throw reject(field, error.message)
        }
        return (ImportRow(line: line, agencyCode: code, newAgency: newAgency, investigator: investigator), languages)
    }
}
