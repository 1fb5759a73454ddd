-- The case list sorts by when a case last changed and by its next deadline, as well as by
-- when it was opened; both are kept on the case row so each order pages by an index.

-- When the case last changed: the time of its newest event. The store sets it with the
-- chain position it already writes on every change.
ALTER TABLE cases ADD COLUMN updated_at timestamptz;
UPDATE cases c SET updated_at = coalesce(
    (SELECT max(e.occurred_at) FROM case_events e WHERE e.case_id = c.id), c.opened_at);
ALTER TABLE cases ALTER COLUMN updated_at SET NOT NULL;

-- The case's next deadline: the earliest due time among its timers that are running, or
-- that fired and nothing has settled yet (overdue; counted from when they fired, if that
-- was earlier), as every deadline list counts them. Null when it has none. So a case with
-- a deadline overdue or due by a time T has next_due_at <= T, which lets deadline lists
-- read only such cases, by index. Kept by the triggers below, so whatever changes a timer
-- (a transition, the scheduler, a module's correction) keeps it right.
ALTER TABLE cases ADD COLUMN next_due_at timestamptz;

CREATE FUNCTION cases_refresh_next_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE cases c SET next_due_at = d.next_due
    FROM (
        SELECT changed.case_id, (
            SELECT min(least(t.due_at, t.fired_at)) FROM case_timers t
            WHERE t.case_id = changed.case_id
              AND ((t.fired_at IS NULL AND t.cancelled_at IS NULL) OR (t.fired_at IS NOT NULL AND t.settled_at IS NULL))
        ) AS next_due
        FROM (SELECT DISTINCT case_id FROM changed_timers) changed
    ) d
    WHERE c.id = d.case_id AND c.next_due_at IS DISTINCT FROM d.next_due;
    RETURN NULL;
END
$$;

-- Statement-level, with the changed rows as a table: a bulk insert of a million timers
-- refreshes each case once, not once per row.
CREATE TRIGGER case_timers_next_due_insert AFTER INSERT ON case_timers
    REFERENCING NEW TABLE AS changed_timers FOR EACH STATEMENT EXECUTE FUNCTION cases_refresh_next_due();
CREATE TRIGGER case_timers_next_due_update AFTER UPDATE ON case_timers
    REFERENCING NEW TABLE AS changed_timers FOR EACH STATEMENT EXECUTE FUNCTION cases_refresh_next_due();

UPDATE cases c SET next_due_at = t.next_due
FROM (
    SELECT case_id, min(least(due_at, fired_at)) AS next_due FROM case_timers
    WHERE (fired_at IS NULL AND cancelled_at IS NULL) OR (fired_at IS NOT NULL AND settled_at IS NULL)
    GROUP BY case_id
) t
WHERE c.id = t.case_id;

-- Each order pages an agency's cases (a supervisor's view) and all cases by an index;
-- a member's own cases are few and sorted as they are read.
CREATE INDEX cases_updated_id ON cases (updated_at, id);
CREATE INDEX cases_agency_updated_id ON cases (owning_agency, updated_at, id);
CREATE INDEX cases_next_due_id ON cases (next_due_at, id);
CREATE INDEX cases_agency_next_due_id ON cases (owning_agency, next_due_at, id);
