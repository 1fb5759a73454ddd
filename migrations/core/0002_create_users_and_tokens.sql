-- Users who sign in to the HTTP API and the bearer tokens they sign in with. Tokens are
-- 32 random bytes shown once; only their SHA-256 is kept.

CREATE TABLE users (
    id            text        PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9._-]{0,63}$' AND id <> 'system'),
    display_name  text        NOT NULL CHECK (display_name <> ''),
    roles         text[]      NOT NULL CHECK (
                      cardinality(roles) >= 1
                      AND roles <@ ARRAY['admin', 'supervisor', 'investigator', 'legal', 'analyst', 'auditor']::text[]),
    agency        text        NOT NULL CHECK (agency <> ''),
    clearance     text        NOT NULL CHECK (clearance IN ('official', 'restricted', 'confidential', 'secret')),
    created_at    timestamptz NOT NULL,
    disabled_at   timestamptz
);

CREATE TABLE api_tokens (
    id            uuid        PRIMARY KEY,
    user_id       text        NOT NULL REFERENCES users (id),
    token_hash    bytea       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    label         text        NOT NULL DEFAULT '',
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz,
    revoked_at    timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Full-text search over every name a person is known by, beside the trigram index.
CREATE INDEX person_names_text ON person_names USING gin (to_tsvector('simple', name));

-- Deadlines across cases, soonest first.
CREATE INDEX case_timers_running_due ON case_timers (due_at, case_id)
    WHERE fired_at IS NULL AND cancelled_at IS NULL;
