public import DossierCore

/// What kind of body an agency is.
public enum AgencyKind: String, Sendable, Hashable, ChoiceCodable {
    case police
    case prosecution
    case ministryOfJustice = "ministry_of_justice"
    /// An INTERPOL National Central Bureau.
    case nationalCentralBureau = "ncb"
    case border
    case customs
    case other
}

/// The controlled vocabulary of specialties (crime areas).
public enum Specialty: String, Sendable, Hashable, ChoiceCodable {
    case homicide
    case drugTrafficking = "drug_trafficking"
    case traffickingInHumanBeings = "trafficking_in_human_beings"
    case peopleSmuggling = "people_smuggling"
    case sexualOffences = "sexual_offences"
    case firearms
    case cybercrime
    case environmentalCrime = "environmental_crime"
    case financialCrime = "financial_crime"
    case warCrimes = "war_crimes"
    case fugitiveTracking = "fugitive_tracking"
    case organisedCrime = "organised_crime"
    case terrorism
}

/// Whether an investigator can take a request now.
public enum Availability: String, Sendable, Hashable, ChoiceCodable {
    case available
    case limited
    case unavailable

    /// Lower ranks first in search results.
    var rank: Int {
        switch self {
        case .available: 0
        case .limited: 1
        case .unavailable: 2
        }
    }
}

/// Who may see a directory entry.
public enum Visibility: String, Sendable, Hashable, ChoiceCodable {
    /// Everyone on the network.
    case network
    /// Only users of the entry's own agency.
    case ownAgency = "own_agency"
}

/// The kinds of channel the directory holds: official and secure only, never private
/// contact data.
public enum ChannelKind: String, Sendable, Hashable, ChoiceCodable {
    /// INTERPOL's I-24/7 network (an NCB or unit handle).
    case i247 = "i24_7"
    /// Europol's SIENA.
    case siena
    /// An agency's functional mailbox (not a personal or web-mail address).
    case agencyMailbox = "agency_mailbox"
    /// Another secure network, e.g. a national police network handle.
    case secureNetwork = "secure_network"
}

/// A secure channel to reach an investigator.
public struct SecureChannel: Codable, Sendable, Hashable {
    public var kind: ChannelKind
    public var address: String

    public init(kind: ChannelKind, address: String) {
        self.kind = kind
        self.address = address
    }
}
