-- Every administrative action (a user created or disabled, a token issued or revoked),
-- who did it and for whom: append-only and hash-chained, so an auditor can tell that
-- nothing was edited or taken out.
--   hash = SHA-256(previous_hash ‖ canonical JSON of sequence, at (µs), actor, action, subject, detail)
CREATE TABLE admin_log (
    sequence       bigint      PRIMARY KEY CHECK (sequence >= 1),
    at             timestamptz NOT NULL,
    actor          text        NOT NULL,
    action         text        NOT NULL CHECK (action IN ('user_created', 'user_disabled', 'token_issued', 'token_revoked')),
    subject        text        NOT NULL,
    detail         jsonb       NOT NULL CHECK (jsonb_typeof(detail) = 'object'),
    previous_hash  bytea       NOT NULL CHECK (length(previous_hash) = 32),
    hash           bytea       NOT NULL CHECK (length(hash) = 32)
);
CREATE INDEX admin_log_subject ON admin_log (subject, sequence);
CREATE TRIGGER admin_log_append_only
    BEFORE UPDATE OR DELETE ON admin_log
    FOR EACH ROW EXECUTE FUNCTION dossier_reject_change();
CREATE TRIGGER admin_log_no_truncate
    BEFORE TRUNCATE ON admin_log
    FOR EACH STATEMENT EXECUTE FUNCTION dossier_reject_change();

-- Who issued each token, and why when it was for someone else.
ALTER TABLE api_tokens ADD COLUMN issued_by text;
ALTER TABLE api_tokens ADD COLUMN reason text NOT NULL DEFAULT '';
