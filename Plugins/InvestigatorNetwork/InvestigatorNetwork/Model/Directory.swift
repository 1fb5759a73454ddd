import DossierCore
public import Foundation

/// An agency on the network.
public struct Agency: Codable, Sendable, Hashable {
    public var id: UUID
    /// The agency code Dossier users carry (`User.agency`), e.g. `MET`, `BKA`; entries
    /// visible to their own agency only are shown to users with this code.
    public var code: String
    public var name: String
    public var country: String
    public var kind: AgencyKind
    public var parentID: UUID?
}

/// An agency to register.
public struct NewAgency: Sendable, Hashable {
    public var code: String
    public var name: String
    public var country: String
    public var kind: AgencyKind
    public var parentID: UUID?

    public init(code: String, name: String, country: String, kind: AgencyKind, parentID: UUID? = nil) {
        self.code = code.trimmingCharacters(in: .whitespaces)
        self.name = name.trimmingCharacters(in: .whitespaces)
        self.country = country
        self.kind = kind
        self.parentID = parentID
    }

    func validate() throws(DossierError) {
        try FreeText.require(code, field: "code", max: 32)
        try FreeText.require(name, field: "name", max: 300)
        try CountryCode.validate(country, field: "country")
    }
}

/// An investigator in the directory, as a search shows them.
public struct Investigator: Codable, Sendable, Hashable {
    public var id: UUID
    /// The name in its original script, when it is not Latin.
    public var originalName: String?
    public var latinName: String
    public var agency: Agency
    public var country: String
    public var role: String
    /// ISO 639-2/T codes.
    public var languages: [String]
    /// The codes as they were given (e.g. INTERPOL's `GER`).
    public var languagesRaw: [String]
    public var specialties: [Specialty]
    public var channels: [SecureChannel]
    /// IANA time zone, e.g. `Europe/Madrid`.
    public var timeZone: String
    public var availability: Availability
    public var verifiedBy: String
    public var verifiedAt: Date
    public var verificationExpiresAt: Date
    public var visibility: Visibility

    /// Whether the verification has expired: shown, but marked, never silently dropped.
    public func isStale(at date: Date) -> Bool { verificationExpiresAt <= date }
}

/// An investigator to register.
public struct NewInvestigator: Sendable, Hashable {
    public var originalName: String?
    public var latinName: String
    public var agencyID: UUID
    public var country: String
    public var role: String
    public var languages: [String]
    public var specialties: [Specialty]
    public var channels: [SecureChannel]
    public var timeZone: String
    public var availability: Availability
    public var verifiedBy: String
    public var verifiedAt: Date
    public var verificationExpiresAt: Date
    public var visibility: Visibility

    public init(
        originalName: String? = nil, latinName: String, agencyID: UUID, country: String, role: String, languages: [String],
        specialties: [Specialty], channels: [SecureChannel], timeZone: String, availability: Availability = .available,
        verifiedBy: String, verifiedAt: Date, verificationExpiresAt: Date, visibility: Visibility = .network
    ) {
        self.originalName = originalName.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        self.latinName = latinName.trimmingCharacters(in: .whitespaces)
        self.agencyID = agencyID
        self.country = country
        self.role = role
        self.languages = languages
        self.specialties = specialties
        self.channels = channels
        self.timeZone = timeZone
        self.availability = availability
        self.verifiedBy = verifiedBy
        self.verifiedAt = verifiedAt
        self.verificationExpiresAt = verificationExpiresAt
        self.visibility = visibility
    }

    /// Web-mail domains: a personal address is private contact data, which the directory
    /// never holds.
    static let privateMailDomains: Set<String> = [
        "gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com", "icloud.com", "aol.com",
        "gmx.de", "gmx.net", "web.de", "mail.ru", "yandex.ru", "proton.me", "protonmail.com",
    ]

    /// Checks every field, naming the first that is wrong, and returns the languages
    /// normalised to ISO 639-2/T.
    func validate() throws(DossierError) -> [String] {
        try FreeText.require(latinName, field: "latin_name", max: 200)
        if let originalName { try FreeText.require(originalName, field: "original_name", max: 200) }
        try CountryCode.validate(country, field: "country")
        try FreeText.require(role, field: "role", max: 200)
        guard !languages.isEmpty else { throw .invalidInput("languages must list at least one ISO 639 code") }
        var normalised: [String] = []
        for (index, raw) in languages.enumerated() {
            normalised.append(try LanguageCode.normalise(raw, field: "languages[\(index)]"))
        }
        guard !channels.isEmpty else { throw .invalidInput("channels must list at least one secure channel") }
        for (index, channel) in channels.enumerated() {
            try FreeText.require(channel.address, field: "channels[\(index)].address", max: 200)
            if channel.kind == .agencyMailbox {
                let domain = channel.address.split(separator: "@").last.map { $0.lowercased() } ?? ""
                guard channel.address.contains("@"), !Self.privateMailDomains.contains(domain) else {
                    throw .invalidInput(
                        "channels[\(index)].address '\(channel.address)' is not an agency mailbox; the directory holds "
                            + "official channels only (agency mailbox, I-24/7, SIENA, secure network), no private contact data")
                }
            }
        }
        guard TimeZone(identifier: timeZone) != nil else {
            throw .invalidInput("time_zone '\(timeZone)' is not an IANA time zone, e.g. Europe/Madrid")
        }
        try FreeText.require(verifiedBy, field: "verified_by", max: 200)
        guard verificationExpiresAt > verifiedAt else {
            throw .invalidInput("verification_expires_at must be after verified_at")
        }
        return Array(Set(normalised)).sorted()
    }
}
