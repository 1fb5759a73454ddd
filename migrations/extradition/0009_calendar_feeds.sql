-- Each user's calendar feed of the deadlines they may see (`/console/extradition/calendar/
-- TOKEN.ics`): the token is the feed's only key, so only its SHA-256 is kept. Resetting the
-- feed replaces the row, and the old address stops answering.
CREATE TABLE extradition_calendar_feeds (
    user_id     text        PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash  bytea       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at  timestamptz NOT NULL
);
