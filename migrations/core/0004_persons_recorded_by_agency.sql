-- The agency whose user recorded a person. A person is visible to a user who may see a
-- case the person appears in, or who belongs to this agency; a search reveals no one else.
-- NULL for persons recorded before this column, by the system or by the local operator:
-- those are visible through their cases only.
ALTER TABLE persons ADD COLUMN recorded_by_agency text;
CREATE INDEX persons_recorded_by_agency ON persons (recorded_by_agency, id);
