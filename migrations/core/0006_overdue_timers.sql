-- A fired timer is overdue until something settles it: the step that would have stopped
-- it had it still been running (a transition leaving its state, a cancel effect, a module
-- ending the deadline, a new period of the same name, the case closing), or its own expiry
-- transition. Deadline lists show overdue timers first, so a passed "must release" is never
-- hidden by a "due in the next N days" window.
ALTER TABLE case_timers ADD COLUMN settled_at timestamptz;
ALTER TABLE case_timers ADD CONSTRAINT case_timers_settled_after_firing
    CHECK (settled_at IS NULL OR (fired_at IS NOT NULL AND settled_at >= fired_at));

-- Timers fired before this column existed: settled where the case has closed, where a later
-- timer of the same name replaced them, or where the expiry transition ran (the system's
-- transition event at the firing instant; a refused one left none). Modules settle what
-- only they can tell in migrations of their own.
UPDATE case_timers t SET settled_at = greatest(t.fired_at, coalesce(c.closed_at, t.fired_at))
FROM cases c
WHERE c.id = t.case_id AND t.fired_at IS NOT NULL
  AND (c.closed_at IS NOT NULL
       OR EXISTS (SELECT 1 FROM case_events e
                  WHERE e.case_id = t.case_id AND e.kind = 'transition' AND e.actor = 'system'
                    AND e.occurred_at = t.fired_at
                    AND e.payload ->> 'transition' = t.expiry -> 'takeTransition' ->> '_0')
       OR EXISTS (SELECT 1 FROM case_timers later
                  WHERE later.case_id = t.case_id AND later.name = t.name AND later.started_at > t.fired_at));

-- Overdue timers across cases, oldest first.
CREATE INDEX case_timers_overdue ON case_timers (due_at, case_id)
    WHERE fired_at IS NOT NULL AND settled_at IS NULL;
