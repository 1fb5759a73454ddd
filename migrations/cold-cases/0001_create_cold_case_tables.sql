-- Cold cases: the module's per-case queue row, review policies per agency, reviews with
-- their solvability assessment, the evidence inventory and incoming leads.
-- Every case-scoped table carries case_id, so the schema can be distributed by it.

-- How often an agency reviews its cold cases. The row for agency '*' is the default for
-- agencies without a row of their own (ACPO MIRSAP 2000: after 28 days, then at least
-- every two years).
CREATE TABLE cold_review_policies (
    agency               text        PRIMARY KEY CHECK (agency <> ''),
    first_review_value   int         NOT NULL CHECK (first_review_value BETWEEN 0 AND 3650),
    first_review_unit    text        NOT NULL CHECK (first_review_unit IN ('calendar_days', 'working_days', 'calendar_months')),
    interval_value       int         NOT NULL CHECK (interval_value BETWEEN 1 AND 3650),
    interval_unit        text        NOT NULL CHECK (interval_unit IN ('calendar_days', 'working_days', 'calendar_months')),
    legal_basis          text        NOT NULL DEFAULT '',
    updated_at           timestamptz NOT NULL,
    updated_by           text        NOT NULL
);
INSERT INTO cold_review_policies
    (agency, first_review_value, first_review_unit, interval_value, interval_unit, legal_basis, updated_at, updated_by)
VALUES ('*', 28, 'calendar_days', 24, 'calendar_months', 'ACPO MIRSAP (2000), Hansard 8 March 2001', now(), 'system');

-- One row per cold case, kept in step with the core case by the module's hooks (in the
-- core's transaction): what the review queue, the overdue list and the limitation
-- warnings sort and filter on, so each is served by an index of this table alone.
CREATE TABLE cold_cases (
    case_id          uuid        PRIMARY KEY REFERENCES cases (id),
    state            text        NOT NULL,
    closed           boolean     NOT NULL DEFAULT false,
    agency           text        NOT NULL,
    went_cold_on     date        NOT NULL,
    limitation_date  date,
    -- The latest recorded assessment; unassessed cases rank as tier 3, score 0.
    tier             smallint    NOT NULL DEFAULT 3 CHECK (tier BETWEEN 1 AND 3),
    score            int         NOT NULL DEFAULT 0 CHECK (score BETWEEN 0 AND 100),
    -- Set when a lead arrives on a case; cleared when a review starts.
    boosted_at       timestamptz,
    -- Mirrors the running review_due timer; NULL while none runs.
    review_due_at    timestamptz,
    last_reviewed_at timestamptz
);

-- reviewQueue: cold cases, boosted first, then tier, score desc, most overdue first.
CREATE INDEX cold_cases_queue ON cold_cases (
    (boosted_at IS NULL), tier, (-score), (coalesce(review_due_at, 'infinity'::timestamptz)), case_id)
    WHERE state = 'cold';
-- overdueForReview: cold cases by review due date.
CREATE INDEX cold_cases_review_due ON cold_cases (review_due_at, case_id)
    WHERE state = 'cold' AND review_due_at IS NOT NULL;
-- limitationWarnings: open cases by limitation date.
CREATE INDEX cold_cases_limitation ON cold_cases (limitation_date, case_id)
    WHERE NOT closed AND limitation_date IS NOT NULL;

CREATE TABLE cold_case_reviews (
    id                    uuid        PRIMARY KEY,
    case_id               uuid        NOT NULL REFERENCES cases (id),
    review_type           text        NOT NULL CHECK (review_type IN ('periodic', 'new_information', 'forensic')),
    reviewer              text        NOT NULL CHECK (reviewer <> ''),
    started_at            timestamptz NOT NULL,
    completed_at          timestamptz,
    -- Solvability factors, as the reviewer found them.
    suspect_identified    boolean,
    forensic_evidence     boolean,
    witnesses_available   boolean,
    family_contact        boolean,
    new_technique         boolean,
    limitation_open       boolean,
    -- Points per factor with the weights in force when recorded, e.g. {"suspect_identified": 30, ...}.
    score_breakdown       jsonb       CHECK (score_breakdown IS NULL OR jsonb_typeof(score_breakdown) = 'object'),
    score                 int         CHECK (score BETWEEN 0 AND 100),
    tier                  smallint    CHECK (tier BETWEEN 1 AND 3),
    findings              text        NOT NULL DEFAULT '',
    recommendations       text        NOT NULL DEFAULT '',
    decision              text        CHECK (decision IN ('remain_cold', 'reopen')),
    approver              text,
    approved_at           timestamptz,
    next_review_due       timestamptz,
    -- A recorded review has every factor, a score, a tier and a decision.
    CHECK ((completed_at IS NULL) = (decision IS NULL)),
    CHECK (completed_at IS NULL OR num_nulls(suspect_identified, forensic_evidence, witnesses_available,
        family_contact, new_technique, limitation_open, score_breakdown, score, tier) = 0),
    -- Segregation of duties, also held by the database: approved only once recorded, and
    -- never by the reviewer.
    CHECK ((approver IS NULL) = (approved_at IS NULL)),
    CHECK (approved_at IS NULL OR completed_at IS NOT NULL),
    CHECK (approver IS DISTINCT FROM reviewer)
);
-- At most one review awaiting approval per case; a case's reviews in order.
CREATE UNIQUE INDEX cold_case_reviews_open ON cold_case_reviews (case_id) WHERE approved_at IS NULL;
CREATE INDEX cold_case_reviews_case ON cold_case_reviews (case_id, started_at, id);

CREATE TABLE cold_case_evidence (
    id                    uuid        PRIMARY KEY,
    case_id               uuid        NOT NULL REFERENCES cases (id),
    item                  text        NOT NULL CHECK (length(item) BETWEEN 1 AND 500),
    exhibit_reference     text        NOT NULL CHECK (length(exhibit_reference) BETWEEN 1 AND 100),
    storage_location      text        NOT NULL CHECK (length(storage_location) BETWEEN 1 AND 500),
    condition             text        NOT NULL CHECK (condition IN ('good', 'degraded', 'poor', 'destroyed', 'missing', 'unknown')),
    last_verified_on      date,
    forensic_opportunity  text        NOT NULL DEFAULT '',
    submission_status     text        NOT NULL CHECK (submission_status IN
                              ('not_submitted', 'submitted', 'results_received', 'not_suitable')),
    added_at              timestamptz NOT NULL,
    added_by              text        NOT NULL,
    UNIQUE (case_id, exhibit_reference)
);
CREATE INDEX cold_case_evidence_case ON cold_case_evidence (case_id, id);

CREATE TABLE cold_case_leads (
    id           uuid        PRIMARY KEY,
    case_id      uuid        NOT NULL REFERENCES cases (id),
    source       text        NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
    received_at  timestamptz NOT NULL,
    summary      text        NOT NULL CHECK (length(summary) BETWEEN 1 AND 10000),
    assigned_to  text,
    outcome      text,
    recorded_at  timestamptz NOT NULL,
    recorded_by  text        NOT NULL
);
CREATE INDEX cold_case_leads_case ON cold_case_leads (case_id, received_at, id);
