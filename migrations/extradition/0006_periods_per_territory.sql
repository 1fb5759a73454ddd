-- Issue 17, item 6: UK Part 2 periods per requesting territory. Extradition Act 2003
-- s.74(11)(b) lets the Secretary of State set, per territory, a period longer than 45 days
-- for the request after a provisional arrest; SI 2003/3334 art. 4 lists them. An
-- instrument timer may name such periods per requesting state; a step under that
-- instrument for that state starts the territory's period instead.
--
-- Seeded from legislation.gov.uk: "Hong Kong Special Administrative Region (65 days)" as
-- art. 4(2) read when SI 2013/1583 art. 3(3) inserted "India (65 days)" after it; Saint
-- Helena, Ascension and Tristan da Cunha added by SI 2015/992 art. 2(4) (65 days, reachable
-- only by sea). The rest of art. 4's list was not read [UNVERIFIED]: add territories as data.

CREATE TABLE extradition_instrument_territory_periods (
    instrument_id     text    NOT NULL,
    timer             text    NOT NULL,
    requesting_state  char(2) NOT NULL CHECK (requesting_state ~ '^[A-Z]{2}$'),
    value             int     NOT NULL CHECK (value BETWEEN 1 AND 3650),
    unit              text    NOT NULL CHECK (unit IN ('hours', 'calendar_days', 'working_days', 'calendar_months')),
    legal_basis       text    NOT NULL CHECK (legal_basis <> ''),
    PRIMARY KEY (instrument_id, timer, requesting_state),
    FOREIGN KEY (instrument_id, timer) REFERENCES extradition_instrument_timers (instrument_id, timer) ON DELETE CASCADE
);

INSERT INTO extradition_instrument_territory_periods (instrument_id, timer, requesting_state, value, unit, legal_basis) VALUES
('uk-ea-2003-part-2', 'request', 'HK', 65, 'calendar_days', 'Extradition Act 2003 s.74(11)(b), SI 2003/3334 art. 4: Hong Kong Special Administrative Region, 65 days starting with the day of arrest'),
('uk-ea-2003-part-2', 'request', 'IN', 65, 'calendar_days', 'Extradition Act 2003 s.74(11)(b), SI 2003/3334 art. 4 as amended by SI 2013/1583 art. 3(3): India, 65 days starting with the day of arrest'),
('uk-ea-2003-part-2', 'request', 'SH', 65, 'calendar_days', 'Extradition Act 2003 s.74(11)(b), SI 2003/3334 art. 4 as amended by SI 2015/992 art. 2(4): Saint Helena, Ascension and Tristan da Cunha, 65 days starting with the day of arrest');
