public import DossierCore
import DossierPostgres
public import Foundation
import PostgresNIO

extension ColdCaseStore {
    /// Cold cases in the order to review them: cases boosted by a new lead first, then by
    /// tier, score (highest first) and review due date (most overdue first).
    ///
    /// Only cases `actor` may see are listed (the one visibility rule, in the query), so
    /// a page and the position it ends at never come from another user's case.
    /// Keyset-paginated: pass the last entry of a page as `after` for the next one. Served
    /// by the partial index `cold_cases_queue`, whose expressions the ORDER BY repeats.
    public func reviewQueue(
        visibleTo actor: Actor, limit: Int = 50, after: ReviewQueueEntry? = nil, now: Date? = nil,
        filter: ReviewQueueFilter = ReviewQueueFilter()
    ) async throws
        -> [ReviewQueueEntry]
    {
        let now = now ?? cases.clock.now()
        try Self.checkLimit(limit)
        let query: PostgresQuery = """
            SELECT \(unescaped: Self.queueColumns) FROM cold_cases q JOIN cases c ON c.id = q.case_id
            WHERE q.state = 'cold' AND \(casesVisibleTo: actor)
              AND (\(filter.agency)::text IS NULL OR q.agency = \(filter.agency))
              AND (\(filter.tier?.rawValue)::int IS NULL OR q.tier = \(filter.tier?.rawValue))
              AND (\(filter.offence?.rawValue)::text IS NULL OR c.attributes->>'offence_category' = \(filter.offence?.rawValue))
              AND (\(filter.reviewer)::text IS NULL OR EXISTS (
                       SELECT 1 FROM cold_case_reviews r WHERE r.case_id = q.case_id AND r.reviewer = \(filter.reviewer)))
              AND (\(filter.overdueOnly) = false OR q.review_due_at <= \(now))
              AND (\(after == nil)
                   OR ((q.boosted_at IS NULL), q.tier, (-q.score), coalesce(q.review_due_at, 'infinity'::timestamptz), q.case_id)
                      > (\(after.map { !$0.isBoosted })::boolean, \(after?.tier.rawValue)::int, \(after.map { -$0.score })::int,
                         coalesce(\(after?.reviewDueAt)::timestamptz, 'infinity'::timestamptz), \(after?.caseID)::uuid))
            ORDER BY (q.boosted_at IS NULL), q.tier, (-q.score), coalesce(q.review_due_at, 'infinity'::timestamptz), q.case_id
            LIMIT \(limit)
            """
        return try await queueEntries(query, now: now)
    }

    /// Where a case stands in `actor`'s review queue (1 is first), and how long that queue
    /// is; nil when the case is not waiting in `cold`. Counts in the queue's own order.
    public func queuePosition(of caseID: UUID, visibleTo actor: Actor) async throws -> (position: Int, of: Int)? {
        let rows = try await client.query(
            """
            WITH me AS (
                SELECT (q.boosted_at IS NULL) AS unboosted, q.tier, -q.score AS score,
                       coalesce(q.review_due_at, 'infinity'::timestamptz) AS due, q.case_id
                FROM cold_cases q JOIN cases c ON c.id = q.case_id
                WHERE q.case_id = \(caseID) AND q.state = 'cold' AND \(casesVisibleTo: actor)
            )
            SELECT count(*) FILTER (
                       WHERE ((q.boosted_at IS NULL), q.tier, (-q.score), coalesce(q.review_due_at, 'infinity'::timestamptz), q.case_id)
                           < (me.unboosted, me.tier, me.score, me.due, me.case_id))::int,
                   count(*)::int
            FROM me, cold_cases q JOIN cases c ON c.id = q.case_id
            WHERE q.state = 'cold' AND \(casesVisibleTo: actor)
            GROUP BY me.case_id
            """, logger: logger)
        for try await (ahead, total) in rows.decode((Int, Int).self) { return (ahead + 1, total) }
        return nil
    }

    /// Cold cases `actor` may see whose review was due by `now`, most overdue first (index
    /// `cold_cases_review_due`). Keyset-paginated through `after`.
    public func overdueForReview(
        visibleTo actor: Actor, now: Date? = nil, limit: Int = 100, after: ReviewQueueEntry? = nil
    ) async throws
        -> [ReviewQueueEntry]
    {
        let now = now ?? cases.clock.now()
        try Self.checkLimit(limit)
        let query: PostgresQuery = """
            SELECT \(unescaped: Self.queueColumns) FROM cold_cases q JOIN cases c ON c.id = q.case_id
            WHERE q.state = 'cold' AND q.review_due_at IS NOT NULL AND q.review_due_at <= \(now) AND \(casesVisibleTo: actor)
              AND (\(after == nil) OR (q.review_due_at, q.case_id) > (\(after?.reviewDueAt)::timestamptz, \(after?.caseID)::uuid))
            ORDER BY q.review_due_at, q.case_id
            LIMIT \(limit)
            """
        return try await queueEntries(query, now: now)
    }

    /// Open cases `actor` may see whose limitation date falls within `days` of `now` (from
    /// today, GMT, to today + `days`, inclusive), soonest first (index
    /// `cold_cases_limitation`). Keyset-paginated through `after`.
    public func limitationWarnings(
        within days: Int, visibleTo actor: Actor, now: Date? = nil, limit: Int = 100, after: LimitationWarning? = nil
    ) async throws -> [LimitationWarning] {
        let now = now ?? cases.clock.now()
        guard (0...Self.maximumLimitationWindow).contains(days) else {
            throw DossierError.invalidInput("within must be a whole number of days from 0 to \(Self.maximumLimitationWindow), not \(days)")
        }
        try Self.checkLimit(limit)
        let today = CalendarDate(now, in: .gmt)
        let query: PostgresQuery = """
            SELECT q.case_id, c.reference, c.title, q.state, q.limitation_date
            FROM cold_cases q JOIN cases c ON c.id = q.case_id
            WHERE NOT q.closed AND q.limitation_date IS NOT NULL AND \(casesVisibleTo: actor)
              AND q.limitation_date BETWEEN \(today) AND \(today.adding(days: days))
              AND (\(after == nil)
                   OR (q.limitation_date, q.case_id) > (\(after?.limitationDate)::date, \(after?.caseID)::uuid))
            ORDER BY q.limitation_date, q.case_id
            LIMIT \(limit)
            """
        let rows = try await client.query(query, logger: logger)
        var warnings: [LimitationWarning] = []
        for try await (caseID, reference, title, state, date) in rows.decode((UUID, String, String, String, CalendarDate).self) {
            warnings.append(LimitationWarning(
                caseID: caseID, reference: reference, title: title, state: state, limitationDate: date,
                daysRemaining: date.daysSinceEpoch - today.daysSinceEpoch))
        }
        return warnings
    }

    /// The furthest ahead a limitation warning list looks, in days (ten years).
    public static let maximumLimitationWindow = 3650

    static let queueColumns = """
        q.case_id, c.reference, c.title, q.agency, q.tier::int, q.score, q.boosted_at, q.review_due_at, \
        q.limitation_date, \
        (SELECT count(*)::int FROM cold_case_leads l WHERE l.case_id = q.case_id AND l.outcome IS NULL)
        """

    func queueEntries(_ query: PostgresQuery, now: Date) async throws -> [ReviewQueueEntry] {
        let rows = try await client.query(query, logger: logger)
        var entries: [ReviewQueueEntry] = []
        for try await (caseID, reference, title, agency, tier, score, boostedAt, reviewDueAt, limitation, leadsWaiting)
            in rows.decode((UUID, String, String, String, Int, Int, Date?, Date?, CalendarDate?, Int).self)
        {
            entries.append(ReviewQueueEntry(
                caseID: caseID, reference: reference, title: title, agency: agency,
                tier: PriorityTier(rawValue: tier) ?? .three, score: score, boostedAt: boostedAt, reviewDueAt: reviewDueAt,
                overdueDays: reviewDueAt.map { max(0, Int(now.timeIntervalSince($0) / 86_400)) } ?? 0,
                limitationDate: limitation, leadsWaiting: leadsWaiting))
        }
        return entries
    }
}
