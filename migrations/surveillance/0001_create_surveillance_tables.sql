-- Surveillance logs: legal bases with their maximum durations as data, authorisations
-- (warrants) with renewals and cancellation, and the append-only, hash-chained log of
-- each operation. Every case-scoped table carries case_id, so the schema can be
-- distributed by it.

-- The law an authorisation is granted under (DOMAIN.md §4).
CREATE TABLE surveillance_legal_bases (
    id                  text    PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name                text    NOT NULL CHECK (name <> ''),
    citation            text    NOT NULL CHECK (citation <> ''),
    max_value           int     NOT NULL CHECK (max_value > 0),
    max_unit            text    NOT NULL CHECK (max_unit IN ('hours', 'calendar_days', 'working_days', 'calendar_months')),
    urgent_max_value    int     CHECK (urgent_max_value > 0),
    urgent_max_unit     text    CHECK (urgent_max_unit IN ('hours', 'calendar_days', 'working_days', 'calendar_months')),
    review_value        int     CHECK (review_value > 0),
    review_unit         text    CHECK (review_unit IN ('hours', 'calendar_days', 'working_days', 'calendar_months')),
    methods             text[]  NOT NULL CHECK (methods <@ ARRAY['interception', 'location_tracking', 'visual', 'device']),
    CHECK ((urgent_max_value IS NULL) = (urgent_max_unit IS NULL)),
    CHECK ((review_value IS NULL) = (review_unit IS NULL))
);

INSERT INTO surveillance_legal_bases
    (id, name, citation, max_value, max_unit, urgent_max_value, urgent_max_unit, review_value, review_unit, methods)
VALUES
('us-title-iii', 'US Title III interception order',
 '18 U.S.C. §2518(5): no longer than necessary and never more than 30 days; each extension at most 30 days; §2518(7): emergency interception needs an application within 48 hours',
 30, 'calendar_days', 48, 'hours', NULL, NULL, ARRAY['interception']),
('uk-ipa-targeted-interception', 'UK targeted interception warrant',
 'Investigatory Powers Act 2016 s.32: 6 months; an urgent warrant ends on the 5th working day unless renewed',
 6, 'calendar_months', 5, 'working_days', NULL, NULL, ARRAY['interception']),
('uk-ripa-directed', 'UK directed surveillance authorisation',
 'Regulation of Investigatory Powers Act 2000 s.43(3)(c): 3 months, renewable; reviewed regularly (Covert Surveillance and Property Interference Code of Practice)',
 3, 'calendar_months', 72, 'hours', 1, 'calendar_months', ARRAY['visual', 'location_tracking', 'device']);

-- Warrants and authorisations. valid_to is the current end (renewals move it; each is in
-- surveillance_renewals); a cancelled authorisation covers nothing from cancelled_at on.
CREATE TABLE surveillance_authorisations (
    id                   uuid        PRIMARY KEY,
    case_id              uuid        NOT NULL REFERENCES cases (id),
    reference            text        NOT NULL CHECK (reference <> ''),
    legal_basis_id       text        NOT NULL REFERENCES surveillance_legal_bases (id),
    issuing_authority    text        NOT NULL CHECK (issuing_authority <> ''),
    applicant            text        NOT NULL CHECK (applicant <> ''),
    approver             text        NOT NULL CHECK (approver <> ''),
    subjects             text[]      NOT NULL CHECK (cardinality(subjects) > 0),
    facilities           text[]      NOT NULL,
    methods              text[]      NOT NULL CHECK (cardinality(methods) > 0),
    urgent               boolean     NOT NULL,
    valid_from           timestamptz NOT NULL,
    original_valid_to    timestamptz NOT NULL,
    valid_to             timestamptz NOT NULL CHECK (valid_to > valid_from),
    cancelled_at         timestamptz,
    cancelled_by         text,
    cancellation_reason  text,
    recorded_at          timestamptz NOT NULL,
    recorded_by          text        NOT NULL,
    UNIQUE (case_id, reference)
);

CREATE TABLE surveillance_renewals (
    id                 uuid        PRIMARY KEY,
    authorisation_id   uuid        NOT NULL REFERENCES surveillance_authorisations (id),
    case_id            uuid        NOT NULL REFERENCES cases (id),
    renewed_at         timestamptz NOT NULL,
    renewed_by         text        NOT NULL,
    approver           text        NOT NULL,
    previous_valid_to  timestamptz NOT NULL,
    new_valid_to       timestamptz NOT NULL CHECK (new_valid_to > previous_valid_to),
    note               text        NOT NULL DEFAULT ''
);
CREATE INDEX surveillance_renewals_authorisation ON surveillance_renewals (authorisation_id, renewed_at);

-- The log. Append-only (the trigger below refuses UPDATE, DELETE and TRUNCATE); a
-- correction is a new entry naming the entry it corrects. Each operation's entries form
-- one chain: hash = SHA-256(previous_hash ‖ canonical JSON of the entry).
CREATE TABLE surveillance_entries (
    id                    uuid        PRIMARY KEY,
    case_id               uuid        NOT NULL REFERENCES cases (id),
    sequence              bigint      NOT NULL CHECK (sequence > 0),
    authorisation_id      uuid        NOT NULL REFERENCES surveillance_authorisations (id),
    started_at            timestamptz NOT NULL,
    ended_at              timestamptz NOT NULL CHECK (ended_at >= started_at),
    time_zone             text        NOT NULL,
    location              text        NOT NULL,
    subject               text        NOT NULL,
    method                text        NOT NULL,
    device                text        NOT NULL DEFAULT '',
    observers             text[]      NOT NULL,
    text                  text        NOT NULL CHECK (text <> ''),
    exhibits              text[]      NOT NULL,
    collateral_intrusion  boolean     NOT NULL,
    privileged_material   boolean     NOT NULL,
    minimisation          text        NOT NULL DEFAULT '',
    author                text        NOT NULL,
    recorded_at           timestamptz NOT NULL,
    corrects_entry_id     uuid        REFERENCES surveillance_entries (id),
    correction_reason     text,
    previous_hash         bytea       NOT NULL,
    hash                  bytea       NOT NULL,
    UNIQUE (case_id, sequence),
    CHECK ((corrects_entry_id IS NULL) = (correction_reason IS NULL))
);
CREATE INDEX surveillance_entries_time ON surveillance_entries (case_id, started_at);
CREATE INDEX surveillance_entries_subject ON surveillance_entries (case_id, subject);
CREATE INDEX surveillance_entries_corrects ON surveillance_entries (corrects_entry_id) WHERE corrects_entry_id IS NOT NULL;

CREATE FUNCTION surveillance_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'surveillance log entries are append-only: % refused; record a correction instead', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER surveillance_entries_no_update_or_delete
    BEFORE UPDATE OR DELETE ON surveillance_entries
    FOR EACH ROW EXECUTE FUNCTION surveillance_entries_append_only();
CREATE TRIGGER surveillance_entries_no_truncate
    BEFORE TRUNCATE ON surveillance_entries
    FOR EACH STATEMENT EXECUTE FUNCTION surveillance_entries_append_only();
