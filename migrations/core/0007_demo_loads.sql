-- Which modules' demo data has been loaded completely. A load is resumable through its
-- idempotency keys, but those expire after a day: without this, `dossier demo` (or
-- `serve --demo`) run again the next day would load every demo case a second time.
CREATE TABLE demo_loads (
    module        text        PRIMARY KEY,
    completed_at  timestamptz NOT NULL
);
