-- Seed instruments (DOMAIN.md §1.2, with the sources cited there) and national public
-- holidays for 2026 and 2027. Administrators edit instruments through the API; holiday
-- lists beyond 2027 are added as data in a later migration.

INSERT INTO extradition_instruments (id, name, parties, citation, has_executive_stage, updated_at, updated_by) VALUES
('ece-1957', 'European Convention on Extradition', 'Council of Europe member states and Israel, South Africa, Korea',
 'ETS No. 024, Paris, 13 December 1957; Third Additional Protocol, CETS No. 209 (2010)', false, now(), 'system'),
('eu-eaw-2002', 'European Arrest Warrant', 'EU member states',
 'Council Framework Decision 2002/584/JHA of 13 June 2002', false, now(), 'system'),
('uk-ea-2003-part-2', 'Extradition Act 2003, Part 2 (category 2 territories)', 'United Kingdom and category 2 territories',
 'Extradition Act 2003 c. 41, Part 2; Extradition Act 2003 (Designation of Part 2 Territories) Order 2003, SI 2003/3334', true, now(), 'system'),
('us-in-1997', 'Extradition Treaty between the United States of America and the Republic of India', 'US, IN',
 'Signed at Washington, 25 June 1997; 18 U.S.C. §§3184, 3186, 3188', true, now(), 'system');

INSERT INTO extradition_instrument_timers (instrument_id, timer, value, unit, counting, legal_basis, obligation) VALUES
('ece-1957', 'request', 18, 'calendar_days', 'day_after_event', 'ECE 1957 Art. 16(4): provisional arrest may be terminated if the request and the Art. 12 documents have not arrived within 18 days', 'may'),
('ece-1957', 'request_limit', 40, 'calendar_days', 'day_after_event', 'ECE 1957 Art. 16(4): provisional arrest shall in no event exceed 40 days', 'must'),
('ece-1957', 'consent_notice', 10, 'calendar_days', 'day_after_event', 'ECE Third Additional Protocol Art. 6: within 10 days of provisional arrest the requested Party states whether the person consents', 'may'),
('ece-1957', 'surrender', 15, 'calendar_days', 'day_after_event', 'ECE 1957 Art. 18(4): a person not taken over on the appointed date may be released after 15 days', 'may'),
('ece-1957', 'surrender_limit', 30, 'calendar_days', 'day_after_event', 'ECE 1957 Art. 18(4): the person shall in any case be released after 30 days', 'must'),
('ece-1957', 'speciality', 45, 'calendar_days', 'day_after_event', 'ECE 1957 Art. 14(1)(b): speciality protection ends 45 days after final discharge if the person had the opportunity to leave', 'may'),
('eu-eaw-2002', 'decision', 60, 'calendar_days', 'day_after_event', 'FD 2002/584/JHA Art. 17(3): final decision within 60 days of arrest (extendable by 30 days, Art. 17(4))', 'may'),
('eu-eaw-2002', 'decision_after_consent', 10, 'calendar_days', 'day_after_event', 'FD 2002/584/JHA Art. 17(2): final decision within 10 days after consent', 'may'),
('eu-eaw-2002', 'surrender', 10, 'calendar_days', 'day_after_event', 'FD 2002/584/JHA Art. 23(2): surrender within 10 days of the final decision', 'may'),
('eu-eaw-2002', 'surrender_limit', 20, 'calendar_days', 'day_after_event', 'FD 2002/584/JHA Art. 23(3)-(5): after a further 10 days from an agreed new date, the person shall be released', 'must'),
('uk-ea-2003-part-2', 'request', 45, 'calendar_days', 'starting_with_the_day', 'Extradition Act 2003 s.74(10)-(11): request and certificate within 45 days starting with the day of arrest (or the period set by SI 2003/3334), else discharge on application', 'must'),
('uk-ea-2003-part-2', 'appeal', 14, 'calendar_days', 'starting_with_the_day', 'Extradition Act 2003 s.103(9): notice of appeal within 14 days starting with the day the Secretary of State informs the person of the order', 'may'),
('uk-ea-2003-part-2', 'surrender', 28, 'calendar_days', 'starting_with_the_day', 'Extradition Act 2003 ss.117-118: removal within 28 days starting with the day of the order, else discharge on application unless reasonable cause', 'must'),
('us-in-1997', 'request', 60, 'calendar_days', 'day_after_event', 'US-India Extradition Treaty 1997 Art. 12(4): the person may be discharged 60 days after provisional arrest if the formal request has not been received', 'may'),
('us-in-1997', 'surrender', 2, 'calendar_months', 'day_after_event', '18 U.S.C. §3188: discharge may be sought if the person is not removed within two calendar months of commitment', 'may');

INSERT INTO extradition_document_requirements (instrument_id, transition, kind)
SELECT i.id, r.transition, r.kind
FROM extradition_instruments i
CROSS JOIN (VALUES
    ('receive_request', 'arrest_warrant'), ('receive_request', 'statement_of_facts'),
    ('receive_request', 'legal_provisions'), ('receive_request', 'translation'),
    ('re_arrest', 'arrest_warrant'), ('re_arrest', 'statement_of_facts'),
    ('re_arrest', 'legal_provisions'), ('re_arrest', 'translation'),
    ('order_surrender', 'identification')
) AS r (transition, kind)
WHERE NOT (i.id = 'eu-eaw-2002' AND r.kind IN ('statement_of_facts', 'legal_provisions'));

INSERT INTO extradition_calendars (country, weekend_days, time_zone) VALUES
('GB', ARRAY[6, 7], 'Europe/London'),
('FR', ARRAY[6, 7], 'Europe/Paris'),
('DE', ARRAY[6, 7], 'Europe/Berlin'),
('US', ARRAY[6, 7], 'America/New_York');

INSERT INTO extradition_holidays (country, day, name) VALUES
-- England and Wales bank holidays (gov.uk/bank-holidays).
('GB', '2026-01-01', 'New Year''s Day'), ('GB', '2026-04-03', 'Good Friday'), ('GB', '2026-04-06', 'Easter Monday'),
('GB', '2026-05-04', 'Early May bank holiday'), ('GB', '2026-05-25', 'Spring bank holiday'),
('GB', '2026-08-31', 'Summer bank holiday'), ('GB', '2026-12-25', 'Christmas Day'),
('GB', '2026-12-28', 'Boxing Day (substitute day)'),
('GB', '2027-01-01', 'New Year''s Day'), ('GB', '2027-03-26', 'Good Friday'), ('GB', '2027-03-29', 'Easter Monday'),
('GB', '2027-05-03', 'Early May bank holiday'), ('GB', '2027-05-31', 'Spring bank holiday'),
('GB', '2027-08-30', 'Summer bank holiday'), ('GB', '2027-12-27', 'Christmas Day (substitute day)'),
('GB', '2027-12-28', 'Boxing Day (substitute day)'),
-- France, jours fériés (Code du travail art. L3133-1).
('FR', '2026-01-01', 'Jour de l''an'), ('FR', '2026-04-06', 'Lundi de Pâques'), ('FR', '2026-05-01', 'Fête du Travail'),
('FR', '2026-05-08', 'Victoire 1945'), ('FR', '2026-05-14', 'Ascension'), ('FR', '2026-05-25', 'Lundi de Pentecôte'),
('FR', '2026-07-14', 'Fête nationale'), ('FR', '2026-08-15', 'Assomption'), ('FR', '2026-11-01', 'Toussaint'),
('FR', '2026-11-11', 'Armistice 1918'), ('FR', '2026-12-25', 'Noël'),
('FR', '2027-01-01', 'Jour de l''an'), ('FR', '2027-03-29', 'Lundi de Pâques'), ('FR', '2027-05-01', 'Fête du Travail'),
('FR', '2027-05-06', 'Ascension'), ('FR', '2027-05-08', 'Victoire 1945'), ('FR', '2027-05-17', 'Lundi de Pentecôte'),
('FR', '2027-07-14', 'Fête nationale'), ('FR', '2027-08-15', 'Assomption'), ('FR', '2027-11-01', 'Toussaint'),
('FR', '2027-11-11', 'Armistice 1918'), ('FR', '2027-12-25', 'Noël'),
-- Germany, nationwide public holidays (state holidays are not listed).
('DE', '2026-01-01', 'Neujahr'), ('DE', '2026-04-03', 'Karfreitag'), ('DE', '2026-04-06', 'Ostermontag'),
('DE', '2026-05-01', 'Tag der Arbeit'), ('DE', '2026-05-14', 'Christi Himmelfahrt'), ('DE', '2026-05-25', 'Pfingstmontag'),
('DE', '2026-10-03', 'Tag der Deutschen Einheit'), ('DE', '2026-12-25', '1. Weihnachtstag'), ('DE', '2026-12-26', '2. Weihnachtstag'),
('DE', '2027-01-01', 'Neujahr'), ('DE', '2027-03-26', 'Karfreitag'), ('DE', '2027-03-29', 'Ostermontag'),
('DE', '2027-05-01', 'Tag der Arbeit'), ('DE', '2027-05-06', 'Christi Himmelfahrt'), ('DE', '2027-05-17', 'Pfingstmontag'),
('DE', '2027-10-03', 'Tag der Deutschen Einheit'), ('DE', '2027-12-25', '1. Weihnachtstag'), ('DE', '2027-12-26', '2. Weihnachtstag'),
-- United States, federal holidays as observed (5 U.S.C. §6103).
('US', '2026-01-01', 'New Year''s Day'), ('US', '2026-01-19', 'Birthday of Martin Luther King, Jr.'),
('US', '2026-02-16', 'Washington''s Birthday'), ('US', '2026-05-25', 'Memorial Day'), ('US', '2026-06-19', 'Juneteenth'),
('US', '2026-07-03', 'Independence Day (observed)'), ('US', '2026-09-07', 'Labor Day'), ('US', '2026-10-12', 'Columbus Day'),
('US', '2026-11-11', 'Veterans Day'), ('US', '2026-11-26', 'Thanksgiving Day'), ('US', '2026-12-25', 'Christmas Day'),
('US', '2027-01-01', 'New Year''s Day'), ('US', '2027-01-18', 'Birthday of Martin Luther King, Jr.'),
('US', '2027-02-15', 'Washington''s Birthday'), ('US', '2027-05-31', 'Memorial Day'), ('US', '2027-06-18', 'Juneteenth (observed)'),
('US', '2027-07-05', 'Independence Day (observed)'), ('US', '2027-09-06', 'Labor Day'), ('US', '2027-10-11', 'Columbus Day'),
('US', '2027-11-11', 'Veterans Day'), ('US', '2027-11-25', 'Thanksgiving Day'), ('US', '2027-12-24', 'Christmas Day (observed)');
