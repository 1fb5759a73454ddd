-- A notice id typed in the console's search box (`2021/75051`) goes straight to the person
-- who carries it: looked up by containment in persons.notices, through this index.
CREATE INDEX persons_notices ON persons USING gin (notices jsonb_path_ops);
