public import DossierCore
public import Foundation

/// The typed attributes of an `extradition` case.
///
/// ```json
/// {"person_id": "0193...", "red_notice_id": "2024/81234", "requesting_state": "US",
///  "requested_state": "GB", "instrument": "uk-ea-2003-part-2",
///  "offences": [{"description": "wire fraud", "legal_provision": "18 U.S.C. §1343",
///                "maximum_penalty": "20 years' imprisonment"}]}
/// ```
public struct ExtraditionAttributes: Codable, Sendable, Hashable {
    /// The person sought: a core person, added to the case as its fugitive.
    public var personID: UUID
    public var redNoticeID: RedNoticeID?
    /// ISO 3166-1 alpha-2 code of the state asking for the person.
    public var requestingState: String
    /// ISO 3166-1 alpha-2 code of the state holding the person; its holiday calendar
    /// counts working days.
    public var requestedState: String
    /// The id of the legal instrument the extradition proceeds under, e.g. `ece-1957`.
    public var instrument: String
    public var offences: [Offence]
    /// The case this extradition came from, if any; linked as `originating-case`.
    public var originatingCaseID: UUID?

    public init(
        personID: UUID, redNoticeID: RedNoticeID? = nil, requestingState: String, requestedState: String,
        instrument: String, offences: [Offence], originatingCaseID: UUID? = nil
    ) {
        self.personID = personID
        self.redNoticeID = redNoticeID
        self.requestingState = requestingState
        self.requestedState = requestedState
        self.instrument = instrument
        self.offences = offences
        self.originatingCaseID = originatingCaseID
    }

    enum CodingKeys: String, CodingKey {
        case personID = "person_id"
        case redNoticeID = "red_notice_id"
        case requestingState = "requesting_state"
        case requestedState = "requested_state"
        case instrument
        case offences
        case originatingCaseID = "originating_case_id"
    }

    public func validate() throws(DossierError) {
        try CountryCode.validate(requestingState, field: "attributes.requesting_state")
        try CountryCode.validate(requestedState, field: "attributes.requested_state")
        guard requestingState != requestedState else {
            throw .invalidInput("attributes.requesting_state and requested_state must differ (both are \(requestedState))")
        }
        guard !offences.isEmpty else { throw .invalidInput("attributes.offences must list at least one offence") }
        guard offences.count <= 100 else { throw .invalidInput("attributes.offences may list at most 100 offences") }
        for (index, offence) in offences.enumerated() {
            try offence.validate(field: "attributes.offences[\(index)]")
        }
    }
}

/// An offence the person is sought for, with the law that makes it one.
public struct Offence: Codable, Sendable, Hashable {
    public var description: String
    /// The provision of the requesting state's law, e.g. "18 U.S.C. §1343".
    public var legalProvision: String
    /// As the law states it, e.g. "20 years' imprisonment".
    public var maximumPenalty: String

    public init(description: String, legalProvision: String, maximumPenalty: String) {
        self.description = description
        self.legalProvision = legalProvision
        self.maximumPenalty = maximumPenalty
    }

    enum CodingKeys: String, CodingKey {
        case description
        case legalProvision = "legal_provision"
        case maximumPenalty = "maximum_penalty"
    }

    func validate(field: String) throws(DossierError) {
        try FreeText.require(description, field: "\(field).description", max: 2000)
        try FreeText.require(legalProvision, field: "\(field).legal_provision", max: 500)
        try FreeText.require(maximumPenalty, field: "\(field).maximum_penalty", max: 200)
    }
}

/// An INTERPOL notice id, `YYYY/NNNNN`. The public API's URLs write it `YYYY-NNNNN`; both
/// are accepted and stored with the slash (DOMAIN.md §2).
public struct RedNoticeID: Codable, Sendable, Hashable, CustomStringConvertible {
    public let description: String

    public init(parsing text: String) throws(DossierError) {
        let normalised = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "-", with: "/")
        let parts = normalised.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, (1...9).contains(parts[1].count),
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else {
            throw .invalidInput("red notice id '\(text)' must look like 1993/27493 (year, slash or hyphen, number)")
        }
        description = normalised
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        do {
            try self.init(parsing: container.decode(String.self))
        } catch let error as DossierError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Where the person is while the extradition runs.
public enum CustodyStatus: String, Sendable, Hashable, ChoiceCodable {
    case atLarge = "at_large"
    case custody
    case bail
    case released
}
