-- Issue 17, items 4 and 5: each legal basis says how its periods are counted, with the
-- text quoted; on whose clock (the zone of the issuing authority, overridable per
-- authorisation); in which working days (a holiday calendar as data, with its source);
-- and in which window a renewal may be made. Renewals record when they were granted
-- beside when they were entered, so one granted in time and entered after expiry is
-- accepted and the gap shows.

ALTER TABLE surveillance_legal_bases
    ADD COLUMN counting        text NOT NULL DEFAULT 'day_after_event'
        CHECK (counting IN ('day_after_event', 'starting_with_the_day')),
    ADD COLUMN counting_text   text NOT NULL DEFAULT '',
    ADD COLUMN urgent_counting text NOT NULL DEFAULT 'day_after_event'
        CHECK (urgent_counting IN ('day_after_event', 'starting_with_the_day')),
    ADD COLUMN urgent_counting_text text NOT NULL DEFAULT '',
    ADD COLUMN time_zone       text NOT NULL DEFAULT 'UTC',
    ADD COLUMN calendar_id     text,
    ADD COLUMN renewal_window_value int CHECK (renewal_window_value > 0),
    ADD COLUMN renewal_window_unit  text CHECK (renewal_window_unit IN ('calendar_days', 'working_days')),
    ADD COLUMN renewal_window_text  text NOT NULL DEFAULT '',
    ADD CHECK ((renewal_window_value IS NULL) = (renewal_window_unit IS NULL));

-- Working days: not a weekend day and not a listed holiday.
CREATE TABLE surveillance_calendars (
    id            text  PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    weekend_days  int[] NOT NULL CHECK (weekend_days <@ ARRAY[1, 2, 3, 4, 5, 6, 7]),
    definition    text  NOT NULL CHECK (definition <> ''),
    source        text  NOT NULL CHECK (source <> '')
);
CREATE TABLE surveillance_holidays (
    calendar_id  text NOT NULL REFERENCES surveillance_calendars (id) ON DELETE CASCADE,
    day          date NOT NULL,
    name         text NOT NULL CHECK (name <> ''),
    PRIMARY KEY (calendar_id, day)
);
ALTER TABLE surveillance_legal_bases ADD FOREIGN KEY (calendar_id) REFERENCES surveillance_calendars (id);

INSERT INTO surveillance_calendars (id, weekend_days, definition, source) VALUES
('uk-any-part', ARRAY[6, 7],
 'IPA 2016 s.263(1): "working day" means a day other than a Saturday, a Sunday, Christmas Day, Good Friday or a day '
     || 'which is a bank holiday under the Banking and Financial Dealings Act 1971 in any part of the United Kingdom',
 'Bank holidays of England and Wales, Scotland and Northern Ireland with their substitute days, as gov.uk/bank-holidays '
     || 'lists them; 2026 and 2027 worked out from the 1971 Act''s schedule and the annual proclamations [UNVERIFIED]');

INSERT INTO surveillance_holidays (calendar_id, day, name) VALUES
('uk-any-part', '2026-01-01', 'New Year''s Day'), ('uk-any-part', '2026-01-02', '2 January (Scotland)'),
('uk-any-part', '2026-03-17', 'St Patrick''s Day (Northern Ireland)'), ('uk-any-part', '2026-04-03', 'Good Friday'),
('uk-any-part', '2026-04-06', 'Easter Monday (England, Wales, Northern Ireland)'),
('uk-any-part', '2026-05-04', 'Early May bank holiday'), ('uk-any-part', '2026-05-25', 'Spring bank holiday'),
('uk-any-part', '2026-07-13', 'Battle of the Boyne, substitute day (Northern Ireland)'),
('uk-any-part', '2026-08-03', 'Summer bank holiday (Scotland)'),
('uk-any-part', '2026-08-31', 'Summer bank holiday (England, Wales, Northern Ireland)'),
('uk-any-part', '2026-11-30', 'St Andrew''s Day (Scotland)'), ('uk-any-part', '2026-12-25', 'Christmas Day'),
('uk-any-part', '2026-12-28', 'Boxing Day, substitute day'),
('uk-any-part', '2027-01-01', 'New Year''s Day'), ('uk-any-part', '2027-01-04', '2 January, substitute day (Scotland)'),
('uk-any-part', '2027-03-17', 'St Patrick''s Day (Northern Ireland)'), ('uk-any-part', '2027-03-26', 'Good Friday'),
('uk-any-part', '2027-03-29', 'Easter Monday (England, Wales, Northern Ireland)'),
('uk-any-part', '2027-05-03', 'Early May bank holiday'), ('uk-any-part', '2027-05-31', 'Spring bank holiday'),
('uk-any-part', '2027-07-12', 'Battle of the Boyne (Northern Ireland)'),
('uk-any-part', '2027-08-02', 'Summer bank holiday (Scotland)'),
('uk-any-part', '2027-08-30', 'Summer bank holiday (England, Wales, Northern Ireland)'),
('uk-any-part', '2027-11-30', 'St Andrew''s Day (Scotland)'),
('uk-any-part', '2027-12-27', 'Christmas Day, substitute day'), ('uk-any-part', '2027-12-28', 'Boxing Day, substitute day');

UPDATE surveillance_legal_bases SET
    counting = 'starting_with_the_day',
    counting_text = 'IPA 2016 s.32(2): a warrant lasts "the period of 6 months beginning with" the day it was issued or, '
        || 'renewed, the day after the day it would otherwise have ceased to have effect',
    urgent_counting = 'day_after_event',
    urgent_counting_text = 'IPA 2016 s.32(2)(a): an urgent warrant lasts "the period ending with the fifth working day '
        || 'after the day on which the warrant was issued" (DOMAIN.md §1.4; the 2024 amendments are [UNVERIFIED])',
    time_zone = 'Europe/London', calendar_id = 'uk-any-part',
    renewal_window_value = 30, renewal_window_unit = 'calendar_days',
    renewal_window_text = 'IPA 2016 s.33: a renewal may be made only in "the period of 30 days ending with the day at '
        || 'the end of which the warrant would otherwise cease to have effect"'
WHERE id = 'uk-ipa-targeted-interception';

UPDATE surveillance_legal_bases SET
    counting = 'starting_with_the_day',
    counting_text = 'RIPA 2000 s.43(3)(c): directed surveillance lasts "three months beginning with the day on which it '
        || 'took effect" (DOMAIN.md §1.4: read by a reviewer; confirm)',
    urgent_counting = 'starting_with_the_day',
    urgent_counting_text = 'RIPA 2000 s.43(3)(a): an urgent oral grant lasts "seventy-two hours beginning with the time '
        || 'when the grant ... took effect" [UNVERIFIED]',
    time_zone = 'Europe/London', calendar_id = 'uk-any-part'
WHERE id = 'uk-ripa-directed';

UPDATE surveillance_legal_bases SET
    counting = 'day_after_event',
    counting_text = '18 U.S.C. §2518(5): no order may authorise interception "for any period longer than is necessary ... '
        || 'and in no event longer than thirty days"',
    urgent_counting_text = '18 U.S.C. §2518(7): an application is made "within forty-eight hours after the interception '
        || 'has occurred, or begins to occur"',
    time_zone = 'America/New_York'
WHERE id = 'us-title-iii';

-- An authorisation's periods end at midnight on its issuing authority's clock.
ALTER TABLE surveillance_authorisations ADD COLUMN time_zone text;
UPDATE surveillance_authorisations a SET time_zone = b.time_zone FROM surveillance_legal_bases b WHERE b.id = a.legal_basis_id;
ALTER TABLE surveillance_authorisations ALTER COLUMN time_zone SET NOT NULL;

-- When a renewal was granted (its effective time); renewed_at stays the time it was entered.
ALTER TABLE surveillance_renewals ADD COLUMN granted_at timestamptz;
UPDATE surveillance_renewals SET granted_at = renewed_at;
ALTER TABLE surveillance_renewals ALTER COLUMN granted_at SET NOT NULL;
