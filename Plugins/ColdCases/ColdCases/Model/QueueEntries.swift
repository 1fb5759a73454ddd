public import DossierCore
public import Foundation

/// A cold case in the review queue or the overdue list.
public struct ReviewQueueEntry: Sendable, Hashable {
    public var caseID: UUID
    public var reference: String
    public var title: String
    public var agency: String
    /// From the latest recorded review; tier 3 until the first one.
    public var tier: PriorityTier
    /// From the latest recorded review; 0 until the first one.
    public var score: Int
    /// When a lead put the case at the top of the queue; nil once a review started.
    public var boostedAt: Date?
    public var reviewDueAt: Date?
    /// Whole days past `reviewDueAt` at the time asked; 0 when not yet due.
    public var overdueDays: Int
    public var limitationDate: CalendarDate?
    /// Leads on the case without an outcome yet.
    public var leadsWaiting: Int = 0

    public var isBoosted: Bool { boostedAt != nil }
}

/// What the review queue is cut to; nil fields do not filter.
public struct ReviewQueueFilter: Sendable, Hashable {
    public var agency: String?
    public var tier: PriorityTier?
    public var offence: OffenceCategory?
    /// Cases this user has reviewed before.
    public var reviewer: String?
    /// Only cases whose review is due.
    public var overdueOnly: Bool

    public init(
        agency: String? = nil, tier: PriorityTier? = nil, offence: OffenceCategory? = nil, reviewer: String? = nil,
        overdueOnly: Bool = false
    ) {
        self.agency = agency
        self.tier = tier
        self.offence = offence
        self.reviewer = reviewer
        self.overdueOnly = overdueOnly
    }

    public var isEmpty: Bool { self == ReviewQueueFilter() }
}

/// An open case whose limitation date is near.
public struct LimitationWarning: Sendable, Hashable {
    public var caseID: UUID
    public var reference: String
    public var title: String
    public var state: String
    public var limitationDate: CalendarDate
    /// Days from the day asked to the limitation date (0 on the day itself).
    public var daysRemaining: Int
}
