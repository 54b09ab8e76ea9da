-- The scale scenario's purge: every seeded request (bench/seed.sql) expires now.
UPDATE forward_request SET expires_at = DATEADD('MINUTE', -1, CURRENT_TIMESTAMP) WHERE idempotency_key LIKE 'seed-%';
