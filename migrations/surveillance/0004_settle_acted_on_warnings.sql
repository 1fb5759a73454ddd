-- Core migration 0006 keeps a fired timer overdue until something settles it; before it, an
-- authorisation renewed or cancelled after its expiry warning or review had fired settled
-- nothing. Settle those now, as of the first renewal or cancellation after the firing
-- (the timers are named for their authorisation: expiry_warning_7d@REF, review@REF).
UPDATE case_timers t SET settled_at = acts.at
FROM (
    SELECT fired.id AS timer_id, min(act.at) AS at
    FROM case_timers fired
    JOIN surveillance_authorisations a
      ON a.case_id = fired.case_id AND substr(fired.name, strpos(fired.name, '@') + 1) = a.reference
    JOIN LATERAL (
        SELECT a.cancelled_at AS at WHERE a.cancelled_at IS NOT NULL
        UNION ALL
        SELECT r.renewed_at FROM surveillance_renewals r WHERE r.authorisation_id = a.id
    ) act ON act.at >= fired.fired_at
    WHERE fired.fired_at IS NOT NULL AND fired.settled_at IS NULL
      AND (fired.name LIKE 'review@%' OR fired.name LIKE 'expiry\_warning\_%')
    GROUP BY fired.id
) acts
WHERE t.id = acts.timer_id;
