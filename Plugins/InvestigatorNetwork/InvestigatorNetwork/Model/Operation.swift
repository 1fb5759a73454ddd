public import DossierCore
public import Foundation

/// A coordinated round-up in the style of INTERPOL's Infra operations.
public struct RoundUp: Codable, Sendable, Hashable {
    public var id: UUID
    public var name: String
    public var startsOn: CalendarDate
    public var endsOn: CalendarDate
    public var coordinatingAgency: Agency
    public var countries: [String]
}

/// What became of a target.
public enum TargetOutcome: String, Sendable, Hashable, ChoiceCodable {
    case arrested
    case located
    case stillWanted = "still_wanted"
}

/// A fugitive an operation looks for: a core person, and their case where there is one.
public struct RoundUpTarget: Codable, Sendable, Hashable {
    public var id: UUID
    public var operationID: UUID
    public var personID: UUID
    public var caseID: UUID?
    /// Where the target is believed to be, or was found.
    public var country: String
    public var outcome: TargetOutcome
    public var outcomeAt: Date?
    public var note: String
}

/// An operation's results, by country and in total.
public struct RoundUpTally: Codable, Sendable, Hashable {
    public struct Line: Codable, Sendable, Hashable {
        public var country: String
        public var targets: Int
        public var arrested: Int
        public var located: Int
        public var stillWanted: Int
    }

    public var operation: String
    public var byCountry: [Line]
    public var total: Line
}
