-- Console accounts: a second factor (TOTP, RFC 6238), temporary passwords, sessions that
-- wait for the code or for a new password, and each user's console preferences.

-- A password an administrator set for someone else is temporary: its user chooses their
-- own at the next sign-in before any other page opens.
ALTER TABLE user_passwords ADD COLUMN must_change boolean NOT NULL DEFAULT false;

-- A user's TOTP key (the shared secret their authenticator app holds). It counts once the
-- user has confirmed it with a code; until then it is a pending enrolment.
CREATE TABLE user_second_factors (
    user_id       text        PRIMARY KEY REFERENCES users (id),
    secret        text        NOT NULL CHECK (secret ~ '^[A-Za-z0-9]{32}$'),
    created_at    timestamptz NOT NULL,
    confirmed_at  timestamptz,
    -- The 30-second time step of the last code accepted: each code works once.
    last_step     bigint
);

-- A session that has passed the password and waits for the second factor's code: it
-- opens no page but the code form, and lives minutes, not hours.
ALTER TABLE console_sessions ADD COLUMN awaiting_code boolean NOT NULL DEFAULT false;
ALTER TABLE console_sessions DROP CONSTRAINT console_sessions_ended_because_check;
ALTER TABLE console_sessions ADD CONSTRAINT console_sessions_ended_because_check CHECK (ended_because IN (
    'signed_out', 'user_disabled', 'password_changed', 'locked_out', 'second_factor_passed'));

-- What a user chose for the console: single-key shortcuts (`/`) can be turned off
-- (WCAG 2.1.4), for speech input and for people who type into the page by accident.
CREATE TABLE console_preferences (
    user_id               text    PRIMARY KEY REFERENCES users (id),
    single_key_shortcuts  boolean NOT NULL DEFAULT true
);

ALTER TABLE admin_log DROP CONSTRAINT admin_log_action_check;
ALTER TABLE admin_log ADD CONSTRAINT admin_log_action_check CHECK (action IN (
    'user_created', 'user_disabled', 'token_issued', 'token_revoked',
    'password_set', 'signed_in', 'sign_in_failed', 'locked_out', 'signed_out',
    'user_changed', 'user_enabled', 'second_factor_enrolled', 'second_factor_removed'));
