public import Foundation

/// What happened to a case. Modules add kinds of their own, prefixed with their id
/// (`cold-cases.lead_received`).
public struct EventKind: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let opened = EventKind("opened")
    public static let transition = EventKind("transition")
    public static let note = EventKind("note")
    public static let fieldChanged = EventKind("field_changed")
    public static let partyAdded = EventKind("party_added")
    public static let memberAdded = EventKind("member_added")
    public static let linkAdded = EventKind("link_added")
    public static let documentRegistered = EventKind("document_registered")
    public static let timerStarted = EventKind("timer_started")
    public static let timerCancelled = EventKind("timer_cancelled")
    public static let timerFired = EventKind("timer_fired")

    public init(from decoder: any Decoder) throws { self.rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// One entry of a case's append-only, hash-chained timeline.
public struct CaseEvent: Sendable, Hashable, Codable {
    public var caseID: UUID
    /// 1 for the opening event, then gapless.
    public var sequence: Int64
    public var kind: EventKind
    public var actor: String
    public var occurredAt: Date
    public var payload: JSONValue
    /// The previous event's hash; 32 zero bytes for the first event.
    public var previousHash: [UInt8]
    /// SHA-256(previousHash ‖ canonical event).
    public var hash: [UInt8]

    public init(
        caseID: UUID, sequence: Int64, kind: EventKind, actor: String, occurredAt: Date, payload: JSONValue,
        previousHash: [UInt8], hash: [UInt8]
    ) {
        self.caseID = caseID
        self.sequence = sequence
        self.kind = kind
        self.actor = actor
        self.occurredAt = occurredAt
        self.payload = payload
        self.previousHash = previousHash
        self.hash = hash
    }
}
