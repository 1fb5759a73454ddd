-- What GET /api/v1/cases/{id} asks of PostgreSQL, without Dossier: the bearer token's
-- user, the case row, the membership check, and the access-log entry committed
-- asynchronously. bench_case_ids (n, id, token_hash) is written by load.py.
\set n random(1, :ids)
SELECT u.id, u.roles, u.agency, u.clearance FROM bench_case_ids b
  JOIN api_tokens t ON t.token_hash = b.token_hash JOIN users u ON u.id = t.user_id
  WHERE b.n = :n AND t.revoked_at IS NULL AND u.disabled_at IS NULL;
SELECT c.* FROM bench_case_ids b JOIN cases c ON c.id = b.id WHERE b.n = :n;
SELECT EXISTS (SELECT 1 FROM bench_case_ids b JOIN case_members m ON m.case_id = b.id
               WHERE b.n = :n AND m.user_id = 'met.supervisor');
BEGIN;
SET LOCAL synchronous_commit = off;
INSERT INTO access_log (at, actor, case_id, action) SELECT now(), 'met.supervisor', id, 'read' FROM bench_case_ids WHERE n = :n;
COMMIT;
