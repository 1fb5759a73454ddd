-- Search folded each name (unaccent, lower case) for every candidate row at query time,
-- three times per row; the folded names are now stored and indexed once.
ALTER TABLE network_investigators
    ADD COLUMN latin_folded text GENERATED ALWAYS AS (network_fold(latin_name)) STORED,
    ADD COLUMN original_folded text GENERATED ALWAYS AS (network_fold(original_name)) STORED;
DROP INDEX network_investigators_name_trgm;
DROP INDEX network_investigators_original_trgm;
CREATE INDEX network_investigators_latin_folded_trgm ON network_investigators USING gin (latin_folded gin_trgm_ops);
CREATE INDEX network_investigators_original_folded_trgm ON network_investigators USING gin (original_folded gin_trgm_ops);
