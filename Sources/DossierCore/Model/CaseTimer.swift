public import Foundation

/// A running or finished deadline on a case, started from a workflow's timer definition.
public struct CaseTimer: Sendable, Hashable, Codable, Identifiable {
    public enum Status: String, Sendable, Codable {
        case running, fired, cancelled
    }

    public var id: UUID
    public var caseID: UUID
    /// The timer definition's name, e.g. `request_due`.
    public var name: String
    public var dueAt: Date
    public var legalBasis: String
    public var obligation: TimerObligation
    public var expiry: TimerExpiry
    public var startedAt: Date
    public var firedAt: Date?
    public var cancelledAt: Date?

    public var status: Status {
        if firedAt != nil { return .fired }
        if cancelledAt != nil { return .cancelled }
        return .running
    }

    public init(
        id: UUID, caseID: UUID, name: String, dueAt: Date, legalBasis: String, obligation: TimerObligation,
        expiry: TimerExpiry, startedAt: Date, firedAt: Date?, cancelledAt: Date?
    ) {
        self.id = id
        self.caseID = caseID
        self.name = name
        self.dueAt = dueAt
        self.legalBasis = legalBasis
        self.obligation = obligation
        self.expiry = expiry
        self.startedAt = startedAt
        self.firedAt = firedAt
        self.cancelledAt = cancelledAt
    }
}
