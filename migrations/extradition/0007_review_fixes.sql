-- Fixes to 0004-0006 found in review, for databases that applied them.
--
-- 1. UK Part 1 s.35(4)(a): the surrender period is "10 days starting with the first day
--    after the period permitted under section 26 for giving notice of appeal" (read on
--    legislation.gov.uk), not from the order: a new runs_from, after_appeal_period.
-- 2. 18 U.S.C. §3188 counts "two calendar months after such commitment": the judge's
--    commitment under §3184 (find_extraditable), not the surrender order.
-- 3. Steps and deadlines backfilled with 'UTC' (their country had no calendar row) take
--    their country's default zone; a final discharge counts in the requesting state.
-- 4. A deadline records the extension granted to it, so rules applied later keep it.

ALTER TABLE extradition_instrument_timers DROP CONSTRAINT extradition_instrument_timers_runs_from_check;
ALTER TABLE extradition_instrument_timers ADD CONSTRAINT extradition_instrument_timers_runs_from_check
    CHECK (runs_from IN ('step', 'appointed_date', 'after_appeal_period'));

UPDATE extradition_instrument_timers SET
    runs_from = 'after_appeal_period',
    legal_basis = 'Extradition Act 2003 s.35(4)(a): removal within 10 days starting with the first day after the '
        || 'period permitted under s.26 for giving notice of appeal; s.36: 10 days starting with the day the appeal '
        || 'decision becomes final; else discharge on application unless reasonable cause (s.35(5)). Orders after '
        || 'consent fall under s.47 [UNVERIFIED]'
WHERE instrument_id = 'uk-ea-2003-part-1' AND timer = 'surrender';

UPDATE extradition_instrument_timers SET
    started_by = ARRAY['find_extraditable', 'postpone_surrender'],
    legal_basis = '18 U.S.C. §3188: discharge may be sought if the person is not delivered up "within two calendar '
        || 'months after such commitment" (the judge''s commitment under §3184); whether habeas proceedings suspend '
        || 'it is [UNVERIFIED]'
WHERE instrument_id = 'us-in-1997' AND timer = 'surrender';

UPDATE extradition_steps s SET time_zone = z.time_zone
FROM extraditions e, extradition_country_zones z
WHERE s.case_id = e.case_id AND s.time_zone = 'UTC' AND z.is_default
  AND z.country = CASE WHEN s.transition = 'record_final_discharge' THEN e.requesting_state ELSE e.requested_state END;

UPDATE extradition_deadlines d SET country = e.requesting_state
FROM extraditions e WHERE d.case_id = e.case_id AND d.timer = 'speciality' AND d.country = e.requested_state;
UPDATE extradition_deadlines d SET time_zone = z.time_zone
FROM extradition_country_zones z WHERE d.time_zone = 'UTC' AND z.country = d.country AND z.is_default;

ALTER TABLE extradition_deadlines ADD COLUMN extended_by int NOT NULL DEFAULT 0 CHECK (extended_by >= 0);
UPDATE extradition_deadlines d SET extended_by = x.value
FROM extradition_instrument_extensions x
WHERE d.extensions > 0 AND x.instrument_id = d.instrument_id AND x.timer = d.timer;
