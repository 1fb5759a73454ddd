-- Indexes for a million cases (measured in BENCHMARKS.md).

-- What a user may see is "their agency's cases up to their clearance, plus the cases they
-- are members of". Counting the agency's part reads this index alone; the two after it
-- page an agency's cases by the list filters used most, newest first.
CREATE INDEX cases_agency_visible ON cases (owning_agency, classification, id);
CREATE INDEX cases_agency_state_id ON cases (owning_agency, state, id);
CREATE INDEX cases_agency_country_id ON cases (owning_agency, country, id);

-- Agencies, countries, modules and states are strongly correlated (an agency's cases are
-- mostly in its own country); without these statistics the planner assumes they are not.
CREATE STATISTICS cases_filter_columns (mcv, dependencies) ON owning_agency, country, module, state FROM cases;
