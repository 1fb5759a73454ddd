-- The fugitive-investigator network directory (DOMAIN.md §5): agencies, investigators with
-- languages, specialties, secure channels and verification, country points of contact,
-- and Infra-style operations with their targets and outcomes.

CREATE TABLE network_agencies (
    id         uuid    PRIMARY KEY,
    code       text    NOT NULL UNIQUE CHECK (code <> ''),
    name       text    NOT NULL CHECK (name <> ''),
    country    char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    kind       text    NOT NULL CHECK (kind IN ('police', 'prosecution', 'ministry_of_justice', 'ncb', 'border', 'customs', 'other')),
    parent_id  uuid    REFERENCES network_agencies (id),
    UNIQUE (country, name)
);

CREATE EXTENSION IF NOT EXISTS unaccent;

-- Names compared without case or accents (García = garcia), for fuzzy matching. The
-- dictionary is named explicitly, which makes the function safe to declare IMMUTABLE.
CREATE FUNCTION network_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT lower(public.unaccent('public.unaccent'::regdictionary, coalesce(value, '')))
$$;

-- The words a directory search matches. array_to_string is only STABLE in general (it
-- calls the element type's output function); for text[] it is immutable, which a
-- generated column needs.
CREATE FUNCTION network_search_text(latin_name text, original_name text, role text, specialties text[])
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_tsvector('simple'::regconfig, latin_name || ' ' || coalesce(original_name, '') || ' ' || role || ' '
                       || replace(array_to_string(specialties, ' '), '_', ' '))
$$;

CREATE TABLE network_investigators (
    id                       uuid        PRIMARY KEY,
    original_name            text,
    latin_name               text        NOT NULL CHECK (latin_name <> ''),
    agency_id                uuid        NOT NULL REFERENCES network_agencies (id),
    country                  char(2)     NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    role                     text        NOT NULL,
    languages                text[]      NOT NULL CHECK (cardinality(languages) > 0),
    languages_raw            text[]      NOT NULL,
    specialties              text[]      NOT NULL,
    channels                 jsonb       NOT NULL,
    time_zone                text        NOT NULL,
    availability             text        NOT NULL CHECK (availability IN ('available', 'limited', 'unavailable')),
    verified_by              text        NOT NULL,
    verified_at              timestamptz NOT NULL,
    verification_expires_at  timestamptz NOT NULL CHECK (verification_expires_at > verified_at),
    visibility               text        NOT NULL CHECK (visibility IN ('network', 'own_agency')),
    created_at               timestamptz NOT NULL,
    created_by               text        NOT NULL,
    search_text              tsvector    GENERATED ALWAYS AS (
        network_search_text(latin_name, original_name, role, specialties)) STORED
);
-- "Who can help in country X, speaking Y, on offence Z": each filter has its index; names
-- are matched fuzzily with trigrams and words with full text.
CREATE INDEX network_investigators_country ON network_investigators (country);
CREATE INDEX network_investigators_languages ON network_investigators USING gin (languages);
CREATE INDEX network_investigators_specialties ON network_investigators USING gin (specialties);
CREATE INDEX network_investigators_name_trgm ON network_investigators USING gin (network_fold(latin_name) gin_trgm_ops);
CREATE INDEX network_investigators_original_trgm ON network_investigators USING gin (network_fold(original_name) gin_trgm_ops);
CREATE INDEX network_investigators_text ON network_investigators USING gin (search_text);

-- Points of contact for fugitive matters, per country, lowest priority number first.
CREATE TABLE network_contacts (
    country          char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    investigator_id  uuid    NOT NULL REFERENCES network_investigators (id),
    priority         int     NOT NULL CHECK (priority BETWEEN 1 AND 99),
    PRIMARY KEY (country, investigator_id)
);

CREATE TABLE network_operations (
    id                      uuid    PRIMARY KEY,
    name                    text    NOT NULL UNIQUE CHECK (name <> ''),
    starts_on               date    NOT NULL,
    ends_on                 date    NOT NULL CHECK (ends_on >= starts_on),
    coordinating_agency_id  uuid    NOT NULL REFERENCES network_agencies (id),
    countries               text[]  NOT NULL CHECK (cardinality(countries) > 0),
    created_at              timestamptz NOT NULL,
    created_by              text    NOT NULL
);

CREATE TABLE network_operation_targets (
    id            uuid        PRIMARY KEY,
    operation_id  uuid        NOT NULL REFERENCES network_operations (id),
    person_id     uuid        NOT NULL REFERENCES persons (id),
    case_id       uuid        REFERENCES cases (id),
    country       char(2)     NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    outcome       text        NOT NULL CHECK (outcome IN ('arrested', 'located', 'still_wanted')),
    outcome_at    timestamptz,
    note          text        NOT NULL DEFAULT '',
    updated_by    text        NOT NULL,
    UNIQUE (operation_id, person_id)
);
CREATE INDEX network_operation_targets_operation ON network_operation_targets (operation_id, country);
