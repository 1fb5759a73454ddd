public import DossierCore
import Foundation

/// What kind of offence a cold case is about.
public enum OffenceCategory: String, Sendable, Hashable, ChoiceCodable {
    case homicide
    case attemptedHomicide = "attempted_homicide"
    case sexualOffence = "sexual_offence"
    case missingPerson = "missing_person"
    case kidnapping
    case robbery
    case arson
    case other
}

/// The typed attributes of a `cold-case`, stored in the case's `attributes` as
/// `offence_category`, `offence_date`, `offence_place`, `went_cold_on`, `jurisdiction`
/// and `limitation_date`.
///
/// ```json
/// {"offence_category": "homicide", "offence_date": "1994-06-12", "offence_place": "Leeds",
///  "went_cold_on": "1995-09-01", "jurisdiction": "GB"}
/// ```
public struct ColdCaseAttributes: Codable, Sendable, Hashable {
    public var offenceCategory: OffenceCategory
    public var offenceDate: CalendarDate
    public var offencePlace: String
    /// When the last viable line of enquiry ran out; the first review is timed from it.
    public var wentColdOn: CalendarDate
    /// ISO 3166-1 alpha-2 code of the jurisdiction whose law applies.
    public var jurisdiction: String
    /// The statute-of-limitation date, where one applies (none for murder in most systems).
    public var limitationDate: CalendarDate?

    public init(
        offenceCategory: OffenceCategory, offenceDate: CalendarDate, offencePlace: String, wentColdOn: CalendarDate,
        jurisdiction: String, limitationDate: CalendarDate? = nil
    ) {
        self.offenceCategory = offenceCategory
        self.offenceDate = offenceDate
        self.offencePlace = offencePlace
        self.wentColdOn = wentColdOn
        self.jurisdiction = jurisdiction
        self.limitationDate = limitationDate
    }

    enum CodingKeys: String, CodingKey {
        case offenceCategory = "offence_category"
        case offenceDate = "offence_date"
        case offencePlace = "offence_place"
        case wentColdOn = "went_cold_on"
        case jurisdiction
        case limitationDate = "limitation_date"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        offenceCategory = try container.decode(OffenceCategory.self, forKey: .offenceCategory)
        offenceDate = try Self.date(in: container, .offenceDate)
        offencePlace = try container.decode(String.self, forKey: .offencePlace)
        wentColdOn = try Self.date(in: container, .wentColdOn)
        jurisdiction = try container.decode(String.self, forKey: .jurisdiction)
        let hasLimitation = try container.contains(.limitationDate) && !container.decodeNil(forKey: .limitationDate)
        limitationDate = hasLimitation ? try Self.date(in: container, .limitationDate) : nil
    }

    /// A `YYYY-MM-DD` date, or a decoding error that names the field.
    static func date(in container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> CalendarDate {
        let text = try container.decode(String.self, forKey: key)
        guard let date = try? CalendarDate(parsing: text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "'\(text)' is not a valid YYYY-MM-DD date")
        }
        return date
    }

    /// Checks what decoding cannot: non-empty text, the country code, dates in order and
    /// none after `today` (the day the case opens, by the store's clock).
    public func validate(today: CalendarDate) throws(DossierError) {
        if offencePlace.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw .invalidInput("attributes.offence_place must not be empty")
        }
        guard CountryCode.isValid(jurisdiction) else {
            throw .invalidInput(
                "attributes.jurisdiction '\(jurisdiction)' is not an ISO 3166-1 alpha-2 code (two capital letters, e.g. GB)")
        }
        if offenceDate > today {
            throw .invalidInput("attributes.offence_date \(offenceDate) is in the future")
        }
        if wentColdOn < offenceDate {
            throw .invalidInput("attributes.went_cold_on \(wentColdOn) is before attributes.offence_date \(offenceDate)")
        }
        if wentColdOn > today {
            throw .invalidInput("attributes.went_cold_on \(wentColdOn) is in the future")
        }
        if let limitationDate, limitationDate < offenceDate {
            throw .invalidInput(
                "attributes.limitation_date \(limitationDate) is before attributes.offence_date \(offenceDate)")
        }
    }
}
