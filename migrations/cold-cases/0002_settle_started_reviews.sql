-- Core migration 0006 keeps a fired timer overdue until something settles it; before it, a
-- review started after review_due had fired settled nothing. Settle those now, as of the
-- start_review that acted on them.
UPDATE case_timers t SET settled_at = greatest(t.fired_at, started.at)
FROM (
    SELECT e.case_id, min(e.occurred_at) AS at, t2.id AS timer_id
    FROM case_events e
    JOIN case_timers t2 ON t2.case_id = e.case_id AND t2.name = 'review_due' AND t2.fired_at IS NOT NULL
    WHERE e.kind = 'transition' AND e.payload ->> 'transition' = 'start_review' AND e.occurred_at >= t2.fired_at
    GROUP BY e.case_id, t2.id
) started
WHERE t.id = started.timer_id AND t.settled_at IS NULL;
