public import Foundation

/// A person in one or more cases: fugitive, suspect, victim, witness.
///
/// Names are kept as they were found: the original script, the Latin form, and every alias
/// and transliteration with where it came from, since one Arabic name can have 32 Latin
/// spellings (DOMAIN.md §6).
public struct Person: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    /// The name in its original script (Cyrillic, Arabic, ...), if known.
    public var originalScriptName: String?
    /// The name in Latin script, as the primary display form.
    public var latinName: String
    public var aliases: [PersonAlias]
    public var dateOfBirth: PartialDate?
    public var sex: Sex?
    /// ISO 3166-1 alpha-2 codes.
    public var nationalities: [String]
    public var identityDocuments: [IdentityDocument]
    public var notices: [Notice]
    public var createdAt: Date

    public init(
        id: UUID, originalScriptName: String?, latinName: String, aliases: [PersonAlias], dateOfBirth: PartialDate?,
        sex: Sex?, nationalities: [String], identityDocuments: [IdentityDocument], notices: [Notice], createdAt: Date
    ) {
        self.id = id
        self.originalScriptName = originalScriptName
        self.latinName = latinName
        self.aliases = aliases
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.nationalities = nationalities
        self.identityDocuments = identityDocuments
        self.notices = notices
        self.createdAt = createdAt
    }
}

/// What it takes to record a person.
public struct NewPerson: Sendable, Hashable, Codable {
    public var originalScriptName: String?
    public var latinName: String
    public var aliases: [PersonAlias]
    public var dateOfBirth: PartialDate?
    public var sex: Sex?
    public var nationalities: [String]
    public var identityDocuments: [IdentityDocument]
    public var notices: [Notice]

    public init(
        originalScriptName: String? = nil, latinName: String, aliases: [PersonAlias] = [], dateOfBirth: PartialDate? = nil,
        sex: Sex? = nil, nationalities: [String] = [], identityDocuments: [IdentityDocument] = [], notices: [Notice] = []
    ) {
        self.originalScriptName = originalScriptName
        self.latinName = latinName
        self.aliases = aliases
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.nationalities = nationalities
        self.identityDocuments = identityDocuments
        self.notices = notices
    }

    public func validate() throws(DossierError) {
        guard !latinName.trimmingCharacters(in: .whitespaces).isEmpty, latinName.count <= 300 else {
            throw .invalidInput("latinName must be 1 to 300 characters")
        }
        for code in nationalities where !CountryCode.isValid(code) {
            throw .invalidInput("nationality '\(code)' is not an ISO 3166-1 alpha-2 code (two capital letters, e.g. DE)")
        }
        for alias in aliases where alias.name.trimmingCharacters(in: .whitespaces).isEmpty {
            throw .invalidInput("alias names must not be empty")
        }
        for document in identityDocuments where !CountryCode.isValid(document.issuingCountry) {
            throw .invalidInput(
                "identity document issuingCountry '\(document.issuingCountry)' is not an ISO 3166-1 alpha-2 code")
        }
    }
}

public enum Sex: String, Sendable, Hashable, Codable, CaseIterable {
    case female = "F"
    case male = "M"
    case unknown = "U"
}

/// Another name a person is known by, and where it came from.
public struct PersonAlias: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A name the person used.
        case alias
        /// A rendering of the original-script name in another script.
        case transliteration
        /// The ICAO 9303 machine-readable-zone form (A–Z and `<`).
        case mrz
        /// A different spelling found in a source.
        case spelling
    }

    public var name: String
    public var kind: Kind
    /// Where the name came from: a notice, a passport, an informant report.
    public var source: String

    public init(name: String, kind: Kind = .alias, source: String) {
        self.name = name
        self.kind = kind
        self.source = source
    }
}

/// A date that may be known only to the year or the month, as dates of birth often are.
public struct PartialDate: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Precision: String, Sendable, Hashable, Codable { case year, month, day }

    public var year: Int
    public var month: Int?
    public var day: Int?

    public var precision: Precision { day != nil ? .day : (month != nil ? .month : .year) }

    public init(year: Int, month: Int? = nil, day: Int? = nil) throws(DossierError) {
        guard (1...9999).contains(year) else { throw .invalidInput("year \(year) is out of range 1...9999") }
        if let month, !(1...12).contains(month) { throw .invalidInput("month \(month) is out of range 1...12") }
        if day != nil, month == nil { throw .invalidInput("a day needs a month") }
        if let day, let month, !(1...CalendarDate.daysIn(month: month, year: year)).contains(day) {
            throw .invalidInput("day \(day) does not exist in \(year)-\(month)")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (also `YYYY/MM/DD`, INTERPOL's form).
    public init(parsing text: String) throws(DossierError) {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" }).map { Int($0) }
        guard (1...3).contains(parts.count), parts.allSatisfy({ $0 != nil }) else {
            throw .invalidInput("date '\(text)' must be YYYY, YYYY-MM or YYYY-MM-DD")
        }
        try self.init(year: parts[0]!, month: parts.count > 1 ? parts[1] : nil, day: parts.count > 2 ? parts[2] : nil)
    }

    public var description: String {
        var text = year.zeroPadded(4)
        if let month { text += "-" + month.zeroPadded(2) }
        if let day { text += "-" + day.zeroPadded(2) }
        return text
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(parsing: text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

public struct IdentityDocument: Sendable, Hashable, Codable {
    public var kind: String
    public var number: String
    /// ISO 3166-1 alpha-2.
    public var issuingCountry: String
    public var expiresOn: String?

    public init(kind: String, number: String, issuingCountry: String, expiresOn: String? = nil) {
        self.kind = kind
        self.number = number
        self.issuingCountry = issuingCountry
        self.expiresOn = expiresOn
    }
}

/// An INTERPOL notice or diffusion about the person (DOMAIN.md §2).
public struct Notice: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case red, yellow, blue, black, green, orange, purple, silver
        case unSpecial = "un-special"
        case diffusion
    }

    public var kind: Kind
    /// Normalised to INTERPOL's URL form, `1993-27493` (the published form is `1993/27493`).
    public var id: String
    public var issuedBy: String?

    public init(kind: Kind, id: String, issuedBy: String? = nil) {
        self.kind = kind
        self.id = id.replacingOccurrences(of: "/", with: "-")
        self.issuedBy = issuedBy
    }
}
