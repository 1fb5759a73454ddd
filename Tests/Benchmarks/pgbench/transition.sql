-- What a transition asks of PostgreSQL, without Dossier: the token's user, the case read
-- for the access check, the access-log entry, then one transaction that locks the case
-- row, appends an event, updates the row and commits synchronously. Runs on copies
-- (bench_cases, bench_events) so the real chains stay intact; load.py makes and drops them.
\set n random(1, :ids)
SELECT u.id, u.roles, u.agency, u.clearance FROM bench_case_ids b
  JOIN api_tokens t ON t.token_hash = b.token_hash JOIN users u ON u.id = t.user_id
  WHERE b.n = :n AND t.revoked_at IS NULL AND u.disabled_at IS NULL;
SELECT c.* FROM bench_case_ids b JOIN bench_cases c ON c.id = b.id WHERE b.n = :n;
BEGIN;
SET LOCAL synchronous_commit = off;
INSERT INTO access_log (at, actor, case_id, action) SELECT now(), 'met.supervisor', id, 'transition' FROM bench_case_ids WHERE n = :n;
COMMIT;
BEGIN;
SELECT c.* FROM bench_case_ids b JOIN bench_cases c ON c.id = b.id WHERE b.n = :n FOR UPDATE OF c;
INSERT INTO bench_events (case_id, sequence, kind, actor, occurred_at, payload, previous_hash, hash)
  SELECT c.id, c.event_count + 1, 'transition', 'met.supervisor', now(),
         '{"transition": "close_administratively", "from": "cold", "to": "admin_closed", "inputs": {"reason": "benchmark"}}',
         coalesce(c.chain_head, '\x00'::bytea), sha256(coalesce(c.chain_head, '\x00'::bytea) || 'event'::bytea)
  FROM bench_case_ids b JOIN bench_cases c ON c.id = b.id WHERE b.n = :n;
UPDATE bench_cases c SET state = 'admin_closed', version = version + 1, event_count = event_count + 1, updated_at = now(),
       chain_head = sha256(coalesce(c.chain_head, '\x00'::bytea) || 'event'::bytea)
  FROM bench_case_ids b WHERE b.n = :n AND c.id = b.id;
COMMIT;
