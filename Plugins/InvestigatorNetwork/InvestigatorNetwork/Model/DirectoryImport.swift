import DossierCore
import Foundation

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
    /// Every problem of one row, so a user fixes the row once rather than once per field.
    struct Rejections: Error {
        var all: [ImportReport.Rejection]
    }

    /// Reads a row by column name; throws the field and reason of each problem it has.
    static func read(
        _ values: [String: String], line: Int, agencies: [String: UUID]
    ) throws(Rejections) -> (ImportRow, [String]) {
        var problems: [ImportReport.Rejection] = []
        func value(_ name: String) -> String { (values[name] ?? "").trimmingCharacters(in: .whitespaces) }
        func reject(_ field: String, _ reason: String) -> ImportReport.Rejection {
            ImportReport.Rejection(line: line, field: field, reason: reason)
        }
        /// The value `read` gives, or nil with its problem noted.
        func checked<Value>(_ read: () throws(ImportReport.Rejection) -> Value) -> Value? {
            do { return try read() } catch {
                problems.append(error)
                return nil
            }
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
        if code.isEmpty { problems.append(reject("agency_code", "must not be empty")) }
        var newAgency: NewAgency?
        if !code.isEmpty, agencies[code] == nil {
            if value("agency_name").isEmpty || value("agency_country").isEmpty || value("agency_kind").isEmpty {
                problems.append(reject(
                    "agency_code",
                    "'\(code)' is not a registered agency; give agency_name, agency_country and agency_kind to register it"))
            } else if let kind = checked({ () throws(ImportReport.Rejection) in try parse("agency_kind", value("agency_kind"), as: AgencyKind.self) }) {
                let agency = NewAgency(code: code, name: value("agency_name"), country: value("agency_country"), kind: kind)
                do throws(DossierError) {
                    try agency.validate()
                    newAgency = agency
                } catch {
                    problems.append(reject("agency_country", error.message))
                }
            }
        }
        let specialties = list("specialties").compactMap { raw in
            checked { () throws(ImportReport.Rejection) in try parse("specialties", raw, as: Specialty.self) }
        }
        let channels = list("channels").compactMap { raw in
            checked { () throws(ImportReport.Rejection) -> SecureChannel in
                guard let colon = raw.firstIndex(of: ":") else {
                    throw reject("channels", "'\(raw)' must be kind:address, e.g. i24_7:NCB-MADRID")
                }
                return SecureChannel(
                    kind: try parse("channels", String(raw[..<colon]), as: ChannelKind.self),
                    address: String(raw[raw.index(after: colon)...]))
            }
        }
        let availability = value("availability").isEmpty ? .available
            : checked { () throws(ImportReport.Rejection) in try parse("availability", value("availability"), as: Availability.self) }
        let verifiedAt = checked { () throws(ImportReport.Rejection) in try date("verified_at") }
        let expiresAt = checked { () throws(ImportReport.Rejection) in try date("verification_expires_at") }
        let visibility = value("visibility").isEmpty ? .network
            : checked { () throws(ImportReport.Rejection) in try parse("visibility", value("visibility"), as: Visibility.self) }
        guard problems.isEmpty, let availability, let verifiedAt, let expiresAt, let visibility else {
            throw Rejections(all: problems)
        }
        let investigator = NewInvestigator(
            originalName: value("original_name"), latinName: value("latin_name"), agencyID: agencies[code] ?? UUID(),
            country: value("country"), role: value("role"), languages: list("languages"), specialties: specialties,
            channels: channels, timeZone: value("time_zone"), availability: availability,
            verifiedBy: value("verified_by"), verifiedAt: verifiedAt, verificationExpiresAt: expiresAt, visibility: visibility)
        let languages: [String]
        do throws(DossierError) {
            languages = try investigator.validate()
        } catch {
            // The validation message starts with the field it is about.
            let field = error.message.split(separator: " ").first.map { String($0.split(separator: "[").first ?? $0) } ?? "row"
            throw Rejections(all: [reject(field, error.message)])
        }
        return (ImportRow(line: line, agencyCode: code, newAgency: newAgency, investigator: investigator), languages)
    }
}
