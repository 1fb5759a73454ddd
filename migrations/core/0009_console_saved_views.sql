-- Saved views: a name a user gives a set of case-list filters, to open it again.
CREATE TABLE console_saved_views (
    id          uuid        PRIMARY KEY,
    user_id     text        NOT NULL REFERENCES users (id),
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    -- The filters as the case list's query string (module=extradition&state=arrested).
    filters     text        NOT NULL CHECK (length(filters) <= 2000),
    created_at  timestamptz NOT NULL,
    UNIQUE (user_id, name)
);
