-- Extradition: legal instruments and their deadline rules as data, holiday calendars
-- per country, the module's per-case row, documents, the step history, every legal
-- deadline a step started, and the release tasks that "must release" deadlines open.
-- Every case-scoped table carries case_id, so the schema can be distributed by it.

-- A treaty, convention or statute extraditions proceed under (DOMAIN.md §1.2).
CREATE TABLE extradition_instruments (
    id                   text        PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name                 text        NOT NULL CHECK (name <> ''),
    parties              text        NOT NULL DEFAULT '',
    citation             text        NOT NULL CHECK (citation <> ''),
    has_executive_stage  boolean     NOT NULL,
    updated_at           timestamptz NOT NULL,
    updated_by           text        NOT NULL
);

-- The instrument's period for each timer the workflow knows; an instrument without a row
-- for a timer starts no such deadline.
CREATE TABLE extradition_instrument_timers (
    instrument_id  text NOT NULL REFERENCES extradition_instruments (id) ON DELETE CASCADE,
    timer          text NOT NULL CHECK (timer IN ('request', 'request_limit', 'consent_notice', 'first_appearance',
                                                  'decision', 'decision_after_consent', 'appeal', 'surrender',
                                                  'surrender_limit', 'speciality')),
    value          int  NOT NULL CHECK (value BETWEEN 1 AND 3650),
    unit           text NOT NULL CHECK (unit IN ('hours', 'calendar_days', 'working_days', 'calendar_months')),
    counting       text NOT NULL CHECK (counting IN ('day_after_event', 'starting_with_the_day')),
    legal_basis    text NOT NULL CHECK (legal_basis <> ''),
    obligation     text NOT NULL CHECK (obligation IN ('may', 'must')),
    PRIMARY KEY (instrument_id, timer)
);

-- Documents a transition needs registered on the case before it may run.
CREATE TABLE extradition_document_requirements (
    instrument_id  text NOT NULL REFERENCES extradition_instruments (id) ON DELETE CASCADE,
    transition     text NOT NULL,
    kind           text NOT NULL CHECK (kind IN ('arrest_warrant', 'statement_of_facts', 'legal_provisions',
                                                 'identification', 'translation', 'assurances')),
    PRIMARY KEY (instrument_id, transition, kind)
);

-- Which days count as working days where the person is held: weekend days plus listed
-- public holidays. A country without a row counts Saturday and Sunday only, in UTC.
CREATE TABLE extradition_calendars (
    country       char(2) PRIMARY KEY CHECK (country ~ '^[A-Z]{2}$'),
    weekend_days  int[]   NOT NULL CHECK (weekend_days <@ ARRAY[1, 2, 3, 4, 5, 6, 7]),
    time_zone     text    NOT NULL
);
CREATE TABLE extradition_holidays (
    country  char(2) NOT NULL REFERENCES extradition_calendars (country) ON DELETE CASCADE,
    day      date    NOT NULL,
    name     text    NOT NULL CHECK (name <> ''),
    PRIMARY KEY (country, day)
);

-- One row per extradition case, kept in step with the core case by the module's hooks.
CREATE TABLE extraditions (
    case_id              uuid    PRIMARY KEY REFERENCES cases (id),
    person_id            uuid    NOT NULL REFERENCES persons (id),
    red_notice_id        text,
    requesting_state     char(2) NOT NULL,
    requested_state      char(2) NOT NULL,
    instrument_id        text    NOT NULL REFERENCES extradition_instruments (id),
    custody              text    NOT NULL CHECK (custody IN ('at_large', 'custody', 'bail', 'released')),
    originating_case_id  uuid    REFERENCES cases (id),
    state                text    NOT NULL,
    closed               boolean NOT NULL DEFAULT false
);
CREATE INDEX extraditions_person ON extraditions (person_id);

-- Documents registered on a case: the file itself stays in the document system; its
-- SHA-256 proves which file was registered.
CREATE TABLE extradition_documents (
    id             uuid        PRIMARY KEY,
    case_id        uuid        NOT NULL REFERENCES cases (id),
    kind           text        NOT NULL CHECK (kind IN ('arrest_warrant', 'statement_of_facts', 'legal_provisions',
                                                        'identification', 'translation', 'assurances')),
    title          text        NOT NULL CHECK (title <> ''),
    file_name      text        NOT NULL DEFAULT '',
    sha256         text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    registered_at  timestamptz NOT NULL,
    registered_by  text        NOT NULL,
    UNIQUE (case_id, sha256)
);
CREATE INDEX extradition_documents_case ON extradition_documents (case_id, kind);

-- Each workflow step: when it happened (occurred_at, which may be before it was recorded)
-- and who recorded it.
CREATE TABLE extradition_steps (
    id           uuid        PRIMARY KEY,
    case_id      uuid        NOT NULL REFERENCES cases (id),
    transition   text        NOT NULL,
    from_state   text        NOT NULL,
    to_state     text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    recorded_at  timestamptz NOT NULL,
    actor        text        NOT NULL,
    note         text        NOT NULL DEFAULT ''
);
CREATE INDEX extradition_steps_case ON extradition_steps (case_id, recorded_at);

-- Every legal deadline a step started, with the rule it was computed from. Status:
-- running; met (its step happened, perhaps late: ended_at > due_at); expired (its time ran
-- out and its step has not happened); superseded (restarted by a postponement or a
-- re-arrest); closed (the case ended).
CREATE TABLE extradition_deadlines (
    id               uuid        PRIMARY KEY,
    case_id          uuid        NOT NULL REFERENCES cases (id),
    timer            text        NOT NULL,
    instrument_id    text        NOT NULL,
    value            int         NOT NULL,
    unit             text        NOT NULL,
    counting         text        NOT NULL,
    legal_basis      text        NOT NULL,
    obligation       text        NOT NULL CHECK (obligation IN ('may', 'must')),
    calendar         text        NOT NULL,
    started_by       text        NOT NULL,
    runs_from        timestamptz NOT NULL,
    last_day         date,
    due_at           timestamptz NOT NULL,
    status           text        NOT NULL CHECK (status IN ('running', 'met', 'expired', 'superseded', 'closed')),
    ended_at         timestamptz,
    ended_by         text,
    reason           text        NOT NULL DEFAULT ''
);
CREATE INDEX extradition_deadlines_case ON extradition_deadlines (case_id, timer);
-- The deadline board: open deadlines by due date.
CREATE INDEX extradition_deadlines_open ON extradition_deadlines (due_at, id) WHERE status IN ('running', 'expired');

-- Opened when a "must release" deadline expires; legal staff resolve it by releasing the
-- person or by recording why the person is lawfully held (e.g. an extension granted).
CREATE TABLE extradition_release_tasks (
    id           uuid        PRIMARY KEY,
    case_id      uuid        NOT NULL REFERENCES cases (id),
    deadline_id  uuid        NOT NULL REFERENCES extradition_deadlines (id),
    legal_basis  text        NOT NULL,
    opened_at    timestamptz NOT NULL,
    resolved_at  timestamptz,
    resolved_by  text,
    resolution   text        CHECK (resolution IN ('released', 'withdrawn', 'lawfully_held', 'case_closed')),
    note         text        NOT NULL DEFAULT '',
    CHECK ((resolved_at IS NULL) = (resolution IS NULL))
);
CREATE INDEX extradition_release_tasks_open ON extradition_release_tasks (case_id) WHERE resolved_at IS NULL;
