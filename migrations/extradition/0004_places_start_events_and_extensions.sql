-- Issue 17: deadlines counted where the step happened, from the event each article names.
--
-- 1. Every country has time zones (the IANA zones of zone.tab, tzdata 2025b), one of them
--    the default: the capital's for a country with several. A step records the zone of the
--    place it happened (arrest, court), defaulting to its country's, and each deadline the
--    zone and country it was counted in, so a period ends at the end of its last local day.
--    The calendars table keeps only working days and holidays.
-- 2. Each instrument timer names the steps that start it (UK Part 2: the Secretary of
--    State's order starts the s.103 appeal and the s.117 surrender periods, not the judge's
--    decision) and whether it runs from the step or from the date appointed for surrender
--    (ECE Art. 18(4)).
-- 3. Extensions are data (EAW Art. 17(4), UK s.6); whether an instrument allows an appeal
--    is data (none in the US: habeas corpus only).
-- 4. A postponement without an agreed date stops the surrender periods ('postponed'); a
--    release task closes when the deadline it came from is met, superseded or postponed.
-- 5. Two instruments DOMAIN.md §1.2 lists: UK EA 2003 Part 1 and the EU 1995 simplified
--    procedure. Rules DOMAIN.md marks [UNVERIFIED] say so in their legal basis.

CREATE TABLE extradition_country_zones (
    country     char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    time_zone   text    NOT NULL CHECK (time_zone <> ''),
    is_default  boolean NOT NULL,
    PRIMARY KEY (country, time_zone)
);
CREATE UNIQUE INDEX extradition_country_zones_default ON extradition_country_zones (country) WHERE is_default;

-- IANA tz database zone.tab (tzdata 2025b): every zone with its country; the first listed
-- for a country is its default.
INSERT INTO extradition_country_zones (country, time_zone, is_default) VALUES
('AD', 'Europe/Andorra', true), ('AE', 'Asia/Dubai', true), ('AF', 'Asia/Kabul', true),
('AG', 'America/Antigua', true), ('AI', 'America/Anguilla', true), ('AL', 'Europe/Tirane', true),
('AM', 'Asia/Yerevan', true), ('AO', 'Africa/Luanda', true), ('AQ', 'Antarctica/McMurdo', true),
('AQ', 'Antarctica/Casey', false), ('AQ', 'Antarctica/Davis', false), ('AQ', 'Antarctica/DumontDUrville', false),
('AQ', 'Antarctica/Mawson', false), ('AQ', 'Antarctica/Palmer', false), ('AQ', 'Antarctica/Rothera', false),
('AQ', 'Antarctica/Syowa', false), ('AQ', 'Antarctica/Troll', false), ('AQ', 'Antarctica/Vostok', false),
('AR', 'America/Argentina/Buenos_Aires', true), ('AR', 'America/Argentina/Cordoba', false),
('AR', 'America/Argentina/Salta', false), ('AR', 'America/Argentina/Jujuy', false),
('AR', 'America/Argentina/Tucuman', false), ('AR', 'America/Argentina/Catamarca', false),
('AR', 'America/Argentina/La_Rioja', false), ('AR', 'America/Argentina/San_Juan', false),
('AR', 'America/Argentina/Mendoza', false), ('AR', 'America/Argentina/San_Luis', false),
('AR', 'America/Argentina/Rio_Gallegos', false), ('AR', 'America/Argentina/Ushuaia', false),
('AS', 'Pacific/Pago_Pago', true), ('AT', 'Europe/Vienna', true), ('AU', 'Australia/Sydney', true),
('AU', 'Australia/Lord_Howe', false), ('AU', 'Antarctica/Macquarie', false), ('AU', 'Australia/Hobart', false),
('AU', 'Australia/Melbourne', false), ('AU', 'Australia/Broken_Hill', false), ('AU', 'Australia/Brisbane', false),
('AU', 'Australia/Lindeman', false), ('AU', 'Australia/Adelaide', false), ('AU', 'Australia/Darwin', false),
('AU', 'Australia/Perth', false), ('AU', 'Australia/Eucla', false), ('AW', 'America/Aruba', true),
('AX', 'Europe/Mariehamn', true), ('AZ', 'Asia/Baku', true), ('BA', 'Europe/Sarajevo', true),
('BB', 'America/Barbados', true), ('BD', 'Asia/Dhaka', true), ('BE', 'Europe/Brussels', true),
('BF', 'Africa/Ouagadougou', true), ('BG', 'Europe/Sofia', true), ('BH', 'Asia/Bahrain', true),
('BI', 'Africa/Bujumbura', true), ('BJ', 'Africa/Porto-Novo', true), ('BL', 'America/St_Barthelemy', true),
('BM', 'Atlantic/Bermuda', true), ('BN', 'Asia/Brunei', true), ('BO', 'America/La_Paz', true),
('BQ', 'America/Kralendijk', true), ('BR', 'America/Sao_Paulo', true), ('BR', 'America/Noronha', false),
('BR', 'America/Belem', false), ('BR', 'America/Fortaleza', false), ('BR', 'America/Recife', false),
('BR', 'America/Araguaina', false), ('BR', 'America/Maceio', false), ('BR', 'America/Bahia', false),
('BR', 'America/Campo_Grande', false), ('BR', 'America/Cuiaba', false), ('BR', 'America/Santarem', false),
('BR', 'America/Porto_Velho', false), ('BR', 'America/Boa_Vista', false), ('BR', 'America/Manaus', false),
('BR', 'America/Eirunepe', false), ('BR', 'America/Rio_Branco', false), ('BS', 'America/Nassau', true),
('BT', 'Asia/Thimphu', true), ('BW', 'Africa/Gaborone', true), ('BY', 'Europe/Minsk', true),
('BZ', 'America/Belize', true), ('CA', 'America/Toronto', true), ('CA', 'America/St_Johns', false),
('CA', 'America/Halifax', false), ('CA', 'America/Glace_Bay', false), ('CA', 'America/Moncton', false),
('CA', 'America/Goose_Bay', false), ('CA', 'America/Blanc-Sablon', false), ('CA', 'America/Iqaluit', false),
('CA', 'America/Atikokan', false), ('CA', 'America/Winnipeg', false), ('CA', 'America/Resolute', false),
('CA', 'America/Rankin_Inlet', false), ('CA', 'America/Regina', false), ('CA', 'America/Swift_Current', false),
('CA', 'America/Edmonton', false), ('CA', 'America/Cambridge_Bay', false), ('CA', 'America/Inuvik', false),
('CA', 'America/Creston', false), ('CA', 'America/Dawson_Creek', false), ('CA', 'America/Fort_Nelson', false),
('CA', 'America/Whitehorse', false), ('CA', 'America/Dawson', false), ('CA', 'America/Vancouver', false),
('CC', 'Indian/Cocos', true), ('CD', 'Africa/Kinshasa', true), ('CD', 'Africa/Lubumbashi', false),
('CF', 'Africa/Bangui', true), ('CG', 'Africa/Brazzaville', true), ('CH', 'Europe/Zurich', true),
('CI', 'Africa/Abidjan', true), ('CK', 'Pacific/Rarotonga', true), ('CL', 'America/Santiago', true),
('CL', 'America/Coyhaique', false), ('CL', 'America/Punta_Arenas', false), ('CL', 'Pacific/Easter', false),
('CM', 'Africa/Douala', true), ('CN', 'Asia/Shanghai', true), ('CN', 'Asia/Urumqi', false),
('CO', 'America/Bogota', true), ('CR', 'America/Costa_Rica', true), ('CU', 'America/Havana', true),
('CV', 'Atlantic/Cape_Verde', true), ('CW', 'America/Curacao', true), ('CX', 'Indian/Christmas', true),
('CY', 'Asia/Nicosia', true), ('CY', 'Asia/Famagusta', false), ('CZ', 'Europe/Prague', true),
('DE', 'Europe/Berlin', true), ('DE', 'Europe/Busingen', false), ('DJ', 'Africa/Djibouti', true),
('DK', 'Europe/Copenhagen', true), ('DM', 'America/Dominica', true), ('DO', 'America/Santo_Domingo', true),
('DZ', 'Africa/Algiers', true), ('EC', 'America/Guayaquil', true), ('EC', 'Pacific/Galapagos', false),
('EE', 'Europe/Tallinn', true), ('EG', 'Africa/Cairo', true), ('EH', 'Africa/El_Aaiun', true),
('ER', 'Africa/Asmara', true), ('ES', 'Europe/Madrid', true), ('ES', 'Africa/Ceuta', false),
('ES', 'Atlantic/Canary', false), ('ET', 'Africa/Addis_Ababa', true), ('FI', 'Europe/Helsinki', true),
('FJ', 'Pacific/Fiji', true), ('FK', 'Atlantic/Stanley', true), ('FM', 'Pacific/Pohnpei', true),
('FM', 'Pacific/Chuuk', false), ('FM', 'Pacific/Kosrae', false), ('FO', 'Atlantic/Faroe', true),
('FR', 'Europe/Paris', true), ('GA', 'Africa/Libreville', true), ('GB', 'Europe/London', true),
('GD', 'America/Grenada', true), ('GE', 'Asia/Tbilisi', true), ('GF', 'America/Cayenne', true),
('GG', 'Europe/Guernsey', true), ('GH', 'Africa/Accra', true), ('GI', 'Europe/Gibraltar', true),
('GL', 'America/Nuuk', true), ('GL', 'America/Danmarkshavn', false), ('GL', 'America/Scoresbysund', false),
('GL', 'America/Thule', false), ('GM', 'Africa/Banjul', true), ('GN', 'Africa/Conakry', true),
('GP', 'America/Guadeloupe', true), ('GQ', 'Africa/Malabo', true), ('GR', 'Europe/Athens', true),
('GS', 'Atlantic/South_Georgia', true), ('GT', 'America/Guatemala', true), ('GU', 'Pacific/Guam', true),
('GW', 'Africa/Bissau', true), ('GY', 'America/Guyana', true), ('HK', 'Asia/Hong_Kong', true),
('HN', 'America/Tegucigalpa', true), ('HR', 'Europe/Zagreb', true), ('HT', 'America/Port-au-Prince', true),
('HU', 'Europe/Budapest', true), ('ID', 'Asia/Jakarta', true), ('ID', 'Asia/Pontianak', false),
('ID', 'Asia/Makassar', false), ('ID', 'Asia/Jayapura', false), ('IE', 'Europe/Dublin', true),
('IL', 'Asia/Jerusalem', true), ('IM', 'Europe/Isle_of_Man', true), ('IN', 'Asia/Kolkata', true),
('IO', 'Indian/Chagos', true), ('IQ', 'Asia/Baghdad', true), ('IR', 'Asia/Tehran', true),
('IS', 'Atlantic/Reykjavik', true), ('IT', 'Europe/Rome', true), ('JE', 'Europe/Jersey', true),
('JM', 'America/Jamaica', true), ('JO', 'Asia/Amman', true), ('JP', 'Asia/Tokyo', true),
('KE', 'Africa/Nairobi', true), ('KG', 'Asia/Bishkek', true), ('KH', 'Asia/Phnom_Penh', true),
('KI', 'Pacific/Tarawa', true), ('KI', 'Pacific/Kanton', false), ('KI', 'Pacific/Kiritimati', false),
('KM', 'Indian/Comoro', true), ('KN', 'America/St_Kitts', true), ('KP', 'Asia/Pyongyang', true),
('KR', 'Asia/Seoul', true), ('KW', 'Asia/Kuwait', true), ('KY', 'America/Cayman', true), ('KZ', 'Asia/Almaty', true),
('KZ', 'Asia/Qyzylorda', false), ('KZ', 'Asia/Qostanay', false), ('KZ', 'Asia/Aqtobe', false),
('KZ', 'Asia/Aqtau', false), ('KZ', 'Asia/Atyrau', false), ('KZ', 'Asia/Oral', false),
('LA', 'Asia/Vientiane', true), ('LB', 'Asia/Beirut', true), ('LC', 'America/St_Lucia', true),
('LI', 'Europe/Vaduz', true), ('LK', 'Asia/Colombo', true), ('LR', 'Africa/Monrovia', true),
('LS', 'Africa/Maseru', true), ('LT', 'Europe/Vilnius', true), ('LU', 'Europe/Luxembourg', true),
('LV', 'Europe/Riga', true), ('LY', 'Africa/Tripoli', true), ('MA', 'Africa/Casablanca', true),
('MC', 'Europe/Monaco', true), ('MD', 'Europe/Chisinau', true), ('ME', 'Europe/Podgorica', true),
('MF', 'America/Marigot', true), ('MG', 'Indian/Antananarivo', true), ('MH', 'Pacific/Majuro', true),
('MH', 'Pacific/Kwajalein', false), ('MK', 'Europe/Skopje', true), ('ML', 'Africa/Bamako', true),
('MM', 'Asia/Yangon', true), ('MN', 'Asia/Ulaanbaatar', true), ('MN', 'Asia/Hovd', false),
('MO', 'Asia/Macau', true), ('MP', 'Pacific/Saipan', true), ('MQ', 'America/Martinique', true),
('MR', 'Africa/Nouakchott', true), ('MS', 'America/Montserrat', true), ('MT', 'Europe/Malta', true),
('MU', 'Indian/Mauritius', true), ('MV', 'Indian/Maldives', true), ('MW', 'Africa/Blantyre', true),
('MX', 'America/Mexico_City', true), ('MX', 'America/Cancun', false), ('MX', 'America/Merida', false),
('MX', 'America/Monterrey', false), ('MX', 'America/Matamoros', false), ('MX', 'America/Chihuahua', false),
('MX', 'America/Ciudad_Juarez', false), ('MX', 'America/Ojinaga', false), ('MX', 'America/Mazatlan', false),
('MX', 'America/Bahia_Banderas', false), ('MX', 'America/Hermosillo', false), ('MX', 'America/Tijuana', false),
('MY', 'Asia/Kuala_Lumpur', true), ('MY', 'Asia/Kuching', false), ('MZ', 'Africa/Maputo', true),
('NA', 'Africa/Windhoek', true), ('NC', 'Pacific/Noumea', true), ('NE', 'Africa/Niamey', true),
('NF', 'Pacific/Norfolk', true), ('NG', 'Africa/Lagos', true), ('NI', 'America/Managua', true),
('NL', 'Europe/Amsterdam', true), ('NO', 'Europe/Oslo', true), ('NP', 'Asia/Kathmandu', true),
('NR', 'Pacific/Nauru', true), ('NU', 'Pacific/Niue', true), ('NZ', 'Pacific/Auckland', true),
('NZ', 'Pacific/Chatham', false), ('OM', 'Asia/Muscat', true), ('PA', 'America/Panama', true),
('PE', 'America/Lima', true), ('PF', 'Pacific/Tahiti', true), ('PF', 'Pacific/Marquesas', false),
('PF', 'Pacific/Gambier', false), ('PG', 'Pacific/Port_Moresby', true), ('PG', 'Pacific/Bougainville', false),
('PH', 'Asia/Manila', true), ('PK', 'Asia/Karachi', true), ('PL', 'Europe/Warsaw', true),
('PM', 'America/Miquelon', true), ('PN', 'Pacific/Pitcairn', true), ('PR', 'America/Puerto_Rico', true),
('PS', 'Asia/Hebron', true), ('PS', 'Asia/Gaza', false), ('PT', 'Europe/Lisbon', true),
('PT', 'Atlantic/Madeira', false), ('PT', 'Atlantic/Azores', false), ('PW', 'Pacific/Palau', true),
('PY', 'America/Asuncion', true), ('QA', 'Asia/Qatar', true), ('RE', 'Indian/Reunion', true),
('RO', 'Europe/Bucharest', true), ('RS', 'Europe/Belgrade', true), ('RU', 'Europe/Moscow', true),
('RU', 'Europe/Kaliningrad', false), ('RU', 'Europe/Kirov', false), ('RU', 'Europe/Volgograd', false),
('RU', 'Europe/Astrakhan', false), ('RU', 'Europe/Saratov', false), ('RU', 'Europe/Ulyanovsk', false),
('RU', 'Europe/Samara', false), ('RU', 'Asia/Yekaterinburg', false), ('RU', 'Asia/Omsk', false),
('RU', 'Asia/Novosibirsk', false), ('RU', 'Asia/Barnaul', false), ('RU', 'Asia/Tomsk', false),
('RU', 'Asia/Novokuznetsk', false), ('RU', 'Asia/Krasnoyarsk', false), ('RU', 'Asia/Irkutsk', false),
('RU', 'Asia/Chita', false), ('RU', 'Asia/Yakutsk', false), ('RU', 'Asia/Khandyga', false),
('RU', 'Asia/Vladivostok', false), ('RU', 'Asia/Ust-Nera', false), ('RU', 'Asia/Magadan', false),
('RU', 'Asia/Sakhalin', false), ('RU', 'Asia/Srednekolymsk', false), ('RU', 'Asia/Kamchatka', false),
('RU', 'Asia/Anadyr', false), ('RW', 'Africa/Kigali', true), ('SA', 'Asia/Riyadh', true),
('SB', 'Pacific/Guadalcanal', true), ('SC', 'Indian/Mahe', true), ('SD', 'Africa/Khartoum', true),
('SE', 'Europe/Stockholm', true), ('SG', 'Asia/Singapore', true), ('SH', 'Atlantic/St_Helena', true),
('SI', 'Europe/Ljubljana', true), ('SJ', 'Arctic/Longyearbyen', true), ('SK', 'Europe/Bratislava', true),
('SL', 'Africa/Freetown', true), ('SM', 'Europe/San_Marino', true), ('SN', 'Africa/Dakar', true),
('SO', 'Africa/Mogadishu', true), ('SR', 'America/Paramaribo', true), ('SS', 'Africa/Juba', true),
('ST', 'Africa/Sao_Tome', true), ('SV', 'America/El_Salvador', true), ('SX', 'America/Lower_Princes', true),
('SY', 'Asia/Damascus', true), ('SZ', 'Africa/Mbabane', true), ('TC', 'America/Grand_Turk', true),
('TD', 'Africa/Ndjamena', true), ('TF', 'Indian/Kerguelen', true), ('TG', 'Africa/Lome', true),
('TH', 'Asia/Bangkok', true), ('TJ', 'Asia/Dushanbe', true), ('TK', 'Pacific/Fakaofo', true),
('TL', 'Asia/Dili', true), ('TM', 'Asia/Ashgabat', true), ('TN', 'Africa/Tunis', true),
('TO', 'Pacific/Tongatapu', true), ('TR', 'Europe/Istanbul', true), ('TT', 'America/Port_of_Spain', true),
('TV', 'Pacific/Funafuti', true), ('TW', 'Asia/Taipei', true), ('TZ', 'Africa/Dar_es_Salaam', true),
('UA', 'Europe/Kyiv', true), ('UA', 'Europe/Simferopol', false), ('UG', 'Africa/Kampala', true),
('UM', 'Pacific/Wake', true), ('UM', 'Pacific/Midway', false), ('US', 'America/New_York', true),
('US', 'America/Detroit', false), ('US', 'America/Kentucky/Louisville', false),
('US', 'America/Kentucky/Monticello', false), ('US', 'America/Indiana/Indianapolis', false),
('US', 'America/Indiana/Vincennes', false), ('US', 'America/Indiana/Winamac', false),
('US', 'America/Indiana/Marengo', false), ('US', 'America/Indiana/Petersburg', false),
('US', 'America/Indiana/Vevay', false), ('US', 'America/Chicago', false), ('US', 'America/Indiana/Tell_City', false),
('US', 'America/Indiana/Knox', false), ('US', 'America/Menominee', false),
('US', 'America/North_Dakota/Center', false), ('US', 'America/North_Dakota/New_Salem', false),
('US', 'America/North_Dakota/Beulah', false), ('US', 'America/Denver', false), ('US', 'America/Boise', false),
('US', 'America/Phoenix', false), ('US', 'America/Los_Angeles', false), ('US', 'America/Anchorage', false),
('US', 'America/Juneau', false), ('US', 'America/Sitka', false), ('US', 'America/Metlakatla', false),
('US', 'America/Yakutat', false), ('US', 'America/Nome', false), ('US', 'America/Adak', false),
('US', 'Pacific/Honolulu', false), ('UY', 'America/Montevideo', true), ('UZ', 'Asia/Tashkent', true),
('UZ', 'Asia/Samarkand', false), ('VA', 'Europe/Vatican', true), ('VC', 'America/St_Vincent', true),
('VE', 'America/Caracas', true), ('VG', 'America/Tortola', true), ('VI', 'America/St_Thomas', true),
('VN', 'Asia/Ho_Chi_Minh', true), ('VU', 'Pacific/Efate', true), ('WF', 'Pacific/Wallis', true),
('WS', 'Pacific/Apia', true), ('YE', 'Asia/Aden', true), ('YT', 'Indian/Mayotte', true),
('ZA', 'Africa/Johannesburg', true), ('ZM', 'Africa/Lusaka', true), ('ZW', 'Africa/Harare', true);

-- Steps: the zone of the place. Deadlines: where they were counted, and extensions used.
ALTER TABLE extradition_steps ADD COLUMN time_zone text;
UPDATE extradition_steps s SET time_zone = coalesce(
    (SELECT c.time_zone FROM extraditions e JOIN extradition_calendars c ON c.country = e.requested_state
     WHERE e.case_id = s.case_id), 'UTC');
ALTER TABLE extradition_steps ALTER COLUMN time_zone SET NOT NULL;

ALTER TABLE extradition_deadlines ADD COLUMN country char(2), ADD COLUMN time_zone text,
    ADD COLUMN extensions int NOT NULL DEFAULT 0 CHECK (extensions >= 0);
UPDATE extradition_deadlines d SET country = e.requested_state,
    time_zone = coalesce((SELECT c.time_zone FROM extradition_calendars c WHERE c.country = e.requested_state), 'UTC')
FROM extraditions e WHERE e.case_id = d.case_id;
ALTER TABLE extradition_deadlines ALTER COLUMN country SET NOT NULL, ALTER COLUMN time_zone SET NOT NULL;
ALTER TABLE extradition_deadlines DROP CONSTRAINT extradition_deadlines_status_check;
ALTER TABLE extradition_deadlines ADD CONSTRAINT extradition_deadlines_status_check
    CHECK (status IN ('running', 'met', 'expired', 'superseded', 'postponed', 'closed'));

ALTER TABLE extradition_calendars DROP COLUMN time_zone;

ALTER TABLE extradition_release_tasks DROP CONSTRAINT extradition_release_tasks_resolution_check;
ALTER TABLE extradition_release_tasks ADD CONSTRAINT extradition_release_tasks_resolution_check
    CHECK (resolution IN ('released', 'withdrawn', 'lawfully_held', 'case_closed', 'deadline_met',
                          'deadline_superseded', 'deadline_postponed'));

-- Which steps start each timer, and from when it runs.
ALTER TABLE extradition_instrument_timers
    ADD COLUMN started_by text[],
    ADD COLUMN runs_from text NOT NULL DEFAULT 'step' CHECK (runs_from IN ('step', 'appointed_date'));
UPDATE extradition_instrument_timers SET started_by = CASE timer
    WHEN 'request' THEN ARRAY['provisionally_arrest']
    WHEN 'request_limit' THEN ARRAY['provisionally_arrest']
    WHEN 'consent_notice' THEN ARRAY['provisionally_arrest']
    WHEN 'first_appearance' THEN ARRAY['provisionally_arrest', 'arrest_on_request', 're_arrest']
    WHEN 'decision' THEN ARRAY['provisionally_arrest', 'arrest_on_request', 're_arrest']
    WHEN 'decision_after_consent' THEN ARRAY['record_consent']
    WHEN 'appeal' THEN ARRAY['find_extraditable']
    WHEN 'speciality' THEN ARRAY['record_final_discharge']
    ELSE ARRAY['order_surrender', 'dismiss_appeal', 'postpone_surrender'] END;
ALTER TABLE extradition_instrument_timers ALTER COLUMN started_by SET NOT NULL,
    ADD CHECK (cardinality(started_by) > 0);

-- ECE Art. 18(4): "If the person claimed is not taken over on the appointed date, he may be
-- released after the expiry of 15 days and shall in any case be released after the expiry
-- of 30 days": both run from the date appointed for surrender, not from the order.
UPDATE extradition_instrument_timers SET runs_from = 'appointed_date'
WHERE instrument_id = 'ece-1957' AND timer IN ('surrender', 'surrender_limit');

-- UK Part 2: s.103(9) counts the appeal from the day the Secretary of State informs the
-- person of the order; s.117(2) the surrender from the day the Secretary of State makes it;
-- s.118 from the day the appeal decision becomes final (dismiss_appeal).
UPDATE extradition_instrument_timers SET started_by = ARRAY['approve_by_executive']
WHERE instrument_id = 'uk-ea-2003-part-2' AND timer = 'appeal';
UPDATE extradition_instrument_timers SET started_by = ARRAY['approve_by_executive', 'dismiss_appeal', 'postpone_surrender'],
    legal_basis = 'Extradition Act 2003 s.117(2): removal within 28 days starting with the day the Secretary of State '
        || 'makes the order; s.118: 28 days starting with the day the appeal decision becomes final; else discharge on '
        || 'application unless reasonable cause'
WHERE instrument_id = 'uk-ea-2003-part-2' AND timer = 'surrender';
UPDATE extradition_instrument_timers SET started_by = ARRAY['order_surrender', 'postpone_surrender']
WHERE instrument_id = 'us-in-1997' AND timer = 'surrender';

-- Appeals: the US has none (18 U.S.C. §3184 certification; habeas corpus only).
ALTER TABLE extradition_instruments ADD COLUMN has_appeal boolean NOT NULL DEFAULT true;
UPDATE extradition_instruments SET has_appeal = false WHERE id = 'us-in-1997';

-- Extensions an instrument allows for a timer, in the timer's own unit, once per deadline.
CREATE TABLE extradition_instrument_extensions (
    instrument_id  text NOT NULL REFERENCES extradition_instruments (id) ON DELETE CASCADE,
    timer          text NOT NULL,
    value          int  NOT NULL CHECK (value BETWEEN 1 AND 3650),
    unit           text NOT NULL CHECK (unit IN ('hours', 'calendar_days', 'working_days', 'calendar_months')),
    legal_basis    text NOT NULL CHECK (legal_basis <> ''),
    PRIMARY KEY (instrument_id, timer),
    FOREIGN KEY (instrument_id, timer) REFERENCES extradition_instrument_timers (instrument_id, timer) ON DELETE CASCADE
);

INSERT INTO extradition_instruments (id, name, parties, citation, has_executive_stage, has_appeal, updated_at, updated_by) VALUES
('uk-ea-2003-part-1', 'Extradition Act 2003, Part 1 (category 1 territories)', 'United Kingdom and category 1 territories',
 'Extradition Act 2003 c. 41, Part 1; Criminal Procedure Rules r.17.19', false, true, now(), 'system'),
('eu-1995-simplified', 'Convention on simplified extradition procedure between the Member States of the European Union',
 'EU member states (replaced between them by the European Arrest Warrant)',
 'Council Act of 10 March 1995, OJ C 78, 30.3.1995, p. 1', false, true, now(), 'system');

INSERT INTO extradition_instrument_timers (instrument_id, timer, value, unit, counting, legal_basis, obligation, started_by) VALUES
('uk-ea-2003-part-1', 'first_appearance', 48, 'hours', 'starting_with_the_day', 'Extradition Act 2003 s.6: after a provisional arrest the person is brought before the judge with the documents within 48 hours (extendable by 48 hours), else discharge on application', 'must', ARRAY['provisionally_arrest']),
('uk-ea-2003-part-1', 'appeal', 7, 'calendar_days', 'starting_with_the_day', 'Extradition Act 2003 s.26(4), Crim PR r.17.19: notice of appeal within 7 days starting with the day the order for extradition is made', 'may', ARRAY['find_extraditable']),
('uk-ea-2003-part-1', 'surrender', 10, 'calendar_days', 'starting_with_the_day', 'Extradition Act 2003 s.35 [UNVERIFIED]: removal within 10 days starting with the day the order is made; s.36: 10 days starting with the day the appeal decision becomes final; else discharge on application unless reasonable cause', 'must', ARRAY['find_extraditable', 'dismiss_appeal', 'postpone_surrender']),
('eu-1995-simplified', 'surrender', 20, 'calendar_days', 'day_after_event', 'Convention of 10 March 1995 Art. 11: surrender within 20 days of the date the extradition decision was notified; on expiry the person shall be released', 'must', ARRAY['order_surrender', 'postpone_surrender']);

INSERT INTO extradition_instrument_extensions (instrument_id, timer, value, unit, legal_basis) VALUES
('eu-eaw-2002', 'decision', 30, 'calendar_days', 'FD 2002/584/JHA Art. 17(4): where the warrant cannot be executed within the time limits, they may be extended by a further 30 days, the issuing authority being told why'),
('eu-eaw-2002', 'decision_after_consent', 30, 'calendar_days', 'FD 2002/584/JHA Art. 17(4): where the warrant cannot be executed within the time limits, they may be extended by a further 30 days, the issuing authority being told why'),
('uk-ea-2003-part-1', 'first_appearance', 48, 'hours', 'Extradition Act 2003 s.6: the judge may extend the 48 hours by a further 48 hours');

INSERT INTO extradition_document_requirements (instrument_id, transition, kind)
SELECT i.id, r.transition, r.kind
FROM (VALUES ('uk-ea-2003-part-1'), ('eu-1995-simplified')) AS i (id)
CROSS JOIN (VALUES
    ('receive_request', 'arrest_warrant'), ('receive_request', 'translation'),
    ('re_arrest', 'arrest_warrant'), ('re_arrest', 'translation'),
    ('order_surrender', 'identification')
) AS r (transition, kind);

-- An appeal dismissed makes the surrender order final: it needs what order_surrender needs.
INSERT INTO extradition_document_requirements (instrument_id, transition, kind)
SELECT instrument_id, 'dismiss_appeal', kind FROM extradition_document_requirements WHERE transition = 'order_surrender';
