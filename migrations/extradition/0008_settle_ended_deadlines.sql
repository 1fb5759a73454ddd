-- Core migration 0006 keeps a fired timer overdue until something settles it. A deadline
-- this module ended before that column existed (met late, superseded, postponed, closed)
-- settled nothing: settle its core timer now, as of when the deadline ended. A deadline
-- still expired (its release task open, or held lawfully) stays overdue.
UPDATE case_timers t SET settled_at = greatest(t.fired_at, coalesce(ended.ended_at, t.fired_at))
FROM (
    SELECT case_id, timer, max(ended_at) AS ended_at
    FROM extradition_deadlines
    GROUP BY case_id, timer
    HAVING bool_and(status NOT IN ('running', 'expired'))
) ended
WHERE ended.case_id = t.case_id AND ended.timer = t.name
  AND t.fired_at IS NOT NULL AND t.settled_at IS NULL;
