-- Dossier core schema: cases, their append-only hash-chained timeline, timers, parties,
-- members, links, persons, reference counters, idempotency keys and the access log.
-- Every case-scoped table carries case_id so the schema can be distributed by it.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE reference_counters (
    prefix      text   NOT NULL CHECK (prefix ~ '^[A-Z]{1,8}$'),
    year        int    NOT NULL CHECK (year BETWEEN 1900 AND 9999),
    last_value  bigint NOT NULL CHECK (last_value >= 1),
    PRIMARY KEY (prefix, year)
);

CREATE TABLE cases (
    id              uuid        PRIMARY KEY,
    reference       text        NOT NULL UNIQUE CHECK (reference ~ '^[A-Z]{1,8}-[0-9]{4}-[0-9]{6,}$'),
    module          text        NOT NULL CHECK (module ~ '^[a-z][a-z0-9-]*$'),
    type            text        NOT NULL,
    title           text        NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    summary         text        NOT NULL DEFAULT '',
    state           text        NOT NULL,
    priority        text        NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'critical')),
    classification  text        NOT NULL CHECK (classification IN ('official', 'restricted', 'confidential', 'secret')),
    owning_agency   text        NOT NULL CHECK (owning_agency <> ''),
    country         text        NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    opened_at       timestamptz NOT NULL,
    closed_at       timestamptz CHECK (closed_at IS NULL OR closed_at >= opened_at),
    version         bigint      NOT NULL DEFAULT 1 CHECK (version >= 1),
    attributes      jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object'),
    tags            text[]      NOT NULL DEFAULT '{}',
    -- The event chain's length and head, kept on the row the transition locks.
    event_count     bigint      NOT NULL DEFAULT 0 CHECK (event_count >= 0),
    chain_head      bytea       CHECK (chain_head IS NULL OR length(chain_head) = 32),
    search          tsvector    GENERATED ALWAYS AS (
                        to_tsvector('simple', reference || ' ' || title || ' ' || summary)) STORED
);

-- List queries page by id (UUIDv7, creation order) under each filter.
CREATE INDEX cases_module_type_state_id ON cases (module, type, state, id);
CREATE INDEX cases_state_id ON cases (state, id);
CREATE INDEX cases_priority_id ON cases (priority, id);
CREATE INDEX cases_country_id ON cases (country, id);
CREATE INDEX cases_agency_id ON cases (owning_agency, id);
CREATE INDEX cases_tags ON cases USING gin (tags);
CREATE INDEX cases_search ON cases USING gin (search);

CREATE TABLE case_events (
    case_id        uuid        NOT NULL REFERENCES cases (id),
    sequence       bigint      NOT NULL CHECK (sequence >= 1),
    kind           text        NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.-]*$'),
    actor          text        NOT NULL CHECK (actor <> ''),
    occurred_at    timestamptz NOT NULL,
    payload        jsonb       NOT NULL,
    previous_hash  bytea       NOT NULL CHECK (length(previous_hash) = 32),
    hash           bytea       NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (case_id, sequence)
);

CREATE FUNCTION dossier_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER case_events_append_only
    BEFORE UPDATE OR DELETE ON case_events
    FOR EACH ROW EXECUTE FUNCTION dossier_reject_change();
CREATE TRIGGER case_events_no_truncate
    BEFORE TRUNCATE ON case_events
    FOR EACH STATEMENT EXECUTE FUNCTION dossier_reject_change();

CREATE TABLE case_timers (
    id            uuid        PRIMARY KEY,
    case_id       uuid        NOT NULL REFERENCES cases (id),
    name          text        NOT NULL,
    due_at        timestamptz NOT NULL,
    legal_basis   text        NOT NULL DEFAULT '',
    obligation    text        NOT NULL CHECK (obligation IN ('may', 'must')),
    expiry        jsonb       NOT NULL,
    started_at    timestamptz NOT NULL,
    fired_at      timestamptz,
    cancelled_at  timestamptz,
    CHECK (fired_at IS NULL OR cancelled_at IS NULL)
);

-- One running timer of a name per case; due timers found by the scheduler.
CREATE UNIQUE INDEX case_timers_running_name ON case_timers (case_id, name)
    WHERE fired_at IS NULL AND cancelled_at IS NULL;
CREATE INDEX case_timers_due ON case_timers (due_at)
    WHERE fired_at IS NULL AND cancelled_at IS NULL;
CREATE INDEX case_timers_case ON case_timers (case_id, due_at);

CREATE TABLE persons (
    id                    uuid        PRIMARY KEY,
    original_script_name  text,
    latin_name            text        NOT NULL CHECK (length(latin_name) BETWEEN 1 AND 300),
    date_of_birth         text        CHECK (date_of_birth ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$'),
    sex                   text        CHECK (sex IN ('F', 'M', 'U')),
    nationalities         text[]      NOT NULL DEFAULT '{}',
    identity_documents    jsonb       NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(identity_documents) = 'array'),
    notices               jsonb       NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(notices) = 'array'),
    created_at            timestamptz NOT NULL
);

-- Every name a person is known by, for fuzzy search across scripts and spellings.
CREATE TABLE person_names (
    person_id  uuid NOT NULL REFERENCES persons (id),
    position   int  NOT NULL,
    name       text NOT NULL CHECK (name <> ''),
    kind       text NOT NULL CHECK (kind IN ('latin', 'original', 'alias', 'transliteration', 'mrz', 'spelling')),
    source     text NOT NULL DEFAULT '',
    PRIMARY KEY (person_id, position)
);
CREATE INDEX person_names_trgm ON person_names USING gin (lower(name) gin_trgm_ops);
CREATE INDEX persons_nationalities ON persons USING gin (nationalities);

CREATE TABLE case_parties (
    case_id    uuid        NOT NULL REFERENCES cases (id),
    person_id  uuid        NOT NULL REFERENCES persons (id),
    role       text        NOT NULL CHECK (role IN ('fugitive', 'suspect', 'victim', 'witness', 'complainant', 'informant', 'associate', 'other')),
    note       text        NOT NULL DEFAULT '',
    added_at   timestamptz NOT NULL,
    added_by   text        NOT NULL,
    PRIMARY KEY (case_id, person_id, role)
);
CREATE INDEX case_parties_person ON case_parties (person_id, case_id);

CREATE TABLE case_members (
    case_id   uuid        NOT NULL REFERENCES cases (id),
    user_id   text        NOT NULL CHECK (user_id <> ''),
    role      text        NOT NULL CHECK (role IN ('lead', 'investigator', 'legal', 'analyst', 'observer')),
    added_at  timestamptz NOT NULL,
    added_by  text        NOT NULL,
    PRIMARY KEY (case_id, user_id)
);
CREATE INDEX case_members_user ON case_members (user_id, case_id);

CREATE TABLE case_links (
    id                uuid        PRIMARY KEY,
    case_id           uuid        NOT NULL REFERENCES cases (id),
    kind              text        NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_-]*$'),
    target_case_id    uuid        REFERENCES cases (id),
    target_person_id  uuid        REFERENCES persons (id),
    target_module     text,
    target_entry      text,
    created_at        timestamptz NOT NULL,
    created_by        text        NOT NULL,
    CHECK (num_nonnulls(target_case_id, target_person_id, target_entry) = 1),
    CHECK ((target_entry IS NULL) = (target_module IS NULL)),
    CHECK (target_case_id IS DISTINCT FROM case_id)
);
CREATE INDEX case_links_case ON case_links (case_id);
CREATE INDEX case_links_target_case ON case_links (target_case_id) WHERE target_case_id IS NOT NULL;
CREATE INDEX case_links_target_person ON case_links (target_person_id) WHERE target_person_id IS NOT NULL;
CREATE INDEX case_links_target_entry ON case_links (target_module, target_entry) WHERE target_entry IS NOT NULL;
CREATE UNIQUE INDEX case_links_unique ON case_links (
    case_id, kind, coalesce(target_case_id::text, target_person_id::text, target_module || ':' || target_entry));

-- A request retried with the same key gets the first answer; nothing is written twice.
CREATE TABLE idempotency_keys (
    actor         text        NOT NULL,
    key           text        NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    request_hash  text        NOT NULL,
    response      jsonb       NOT NULL,
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (actor, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- Who read or changed which case, when, from where (law-enforcement systems audit reads).
CREATE TABLE access_log (
    id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        timestamptz NOT NULL,
    actor     text        NOT NULL,
    case_id   uuid,
    action    text        NOT NULL,
    detail    text        NOT NULL DEFAULT '',
    source    text        NOT NULL DEFAULT ''
);
CREATE INDEX access_log_case ON access_log (case_id, at);
CREATE INDEX access_log_actor ON access_log (actor, at);
