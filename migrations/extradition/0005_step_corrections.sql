-- Issue 17, "Corrections": a step's effective time or place can be corrected, as a
-- chained event with the old and new values and a reason; every deadline the step started
-- is recomputed (the one it replaces is kept, superseded, with the reason) and the
-- deadlines it met are met at the corrected time. Deadlines name the step that started
-- them, so a correction finds them.

ALTER TABLE extradition_deadlines ADD COLUMN step_id uuid REFERENCES extradition_steps (id);
UPDATE extradition_deadlines d SET step_id = (
    SELECT s.id FROM extradition_steps s
    WHERE s.case_id = d.case_id AND s.transition = d.started_by AND s.occurred_at <= d.runs_from + interval '1 day'
    ORDER BY abs(extract(epoch FROM d.runs_from - s.occurred_at)), s.id DESC LIMIT 1);
CREATE INDEX extradition_deadlines_step ON extradition_deadlines (step_id) WHERE step_id IS NOT NULL;

CREATE TABLE extradition_step_corrections (
    id                uuid        PRIMARY KEY,
    case_id           uuid        NOT NULL REFERENCES cases (id),
    step_id           uuid        NOT NULL REFERENCES extradition_steps (id),
    old_occurred_at   timestamptz NOT NULL,
    new_occurred_at   timestamptz NOT NULL,
    old_time_zone     text        NOT NULL,
    new_time_zone     text        NOT NULL,
    reason            text        NOT NULL CHECK (reason <> ''),
    corrected_at      timestamptz NOT NULL,
    corrected_by      text        NOT NULL
);
CREATE INDEX extradition_step_corrections_step ON extradition_step_corrections (step_id, corrected_at);
