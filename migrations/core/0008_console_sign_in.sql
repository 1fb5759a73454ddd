-- Signing in to the console: passwords (bcrypt), server-side sessions, and the failed
-- sign-ins that slow and then lock an account or an address. API tokens are unchanged.

-- A user's password, as a bcrypt hash (cost 12 or more); kept apart from users so no
-- listing of users ever reads a hash.
CREATE TABLE user_passwords (
    user_id  text        PRIMARY KEY REFERENCES users (id),
    hash     text        NOT NULL CHECK (hash ~ '^\$2[abxy]\$[0-9]{2}\$.{53}$'),
    set_at   timestamptz NOT NULL
);

-- A console session. The cookie holds 32 random bytes; only their SHA-256 is kept, so a
-- database dump reveals no usable session. A session ends when its user signs out, is
-- disabled, sits idle past the idle timeout, or reaches its absolute lifetime.
CREATE TABLE console_sessions (
    id_hash        bytea       PRIMARY KEY CHECK (length(id_hash) = 32),
    user_id        text        NOT NULL REFERENCES users (id),
    -- The token every form carries back (CSRF); random, per session.
    csrf_token     text        NOT NULL CHECK (length(csrf_token) >= 32),
    created_at     timestamptz NOT NULL,
    last_seen_at   timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    ended_at       timestamptz,
    ended_because  text        CHECK (ended_because IN ('signed_out', 'user_disabled', 'password_changed')),
    address        text        NOT NULL,
    -- A message for the next page this session opens (post, redirect, get), then cleared.
    flash          text
);
CREATE INDEX console_sessions_open_per_user ON console_sessions (user_id) WHERE ended_at IS NULL;

-- Failed sign-ins, per name typed (which need not be a user) and per address.
CREATE TABLE sign_in_failures (
    id       bigserial   PRIMARY KEY,
    user_id  text        NOT NULL,
    address  text        NOT NULL,
    at       timestamptz NOT NULL
);
CREATE INDEX sign_in_failures_per_user ON sign_in_failures (user_id, at);
CREATE INDEX sign_in_failures_per_address ON sign_in_failures (address, at);

-- Sign-ins, failures, lockouts, sign-outs and password changes join the admin log.
ALTER TABLE admin_log DROP CONSTRAINT admin_log_action_check;
ALTER TABLE admin_log ADD CONSTRAINT admin_log_action_check CHECK (action IN (
    'user_created', 'user_disabled', 'token_issued', 'token_revoked',
    'password_set', 'signed_in', 'sign_in_failed', 'locked_out', 'signed_out'));
