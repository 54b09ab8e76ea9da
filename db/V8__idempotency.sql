-- Idempotency keys (issue 12, CONTRACT.md §7): a client's key is unique per proxy for as long as
-- its request is kept (the row is purged with its retention, and the key with it). A new column
-- carries the constraint, because rows from before may repeat a client's key; it is set only
-- when the client sent a key. The fingerprint (SHA-256 of method, path, query and body) tells a
-- replay of the same request from a reuse of the key for another one.
ALTER TABLE forward_request ADD COLUMN idempotency_scope VARCHAR(330);
ALTER TABLE forward_request ADD COLUMN idempotency_fingerprint VARCHAR(64);
ALTER TABLE forward_request ADD CONSTRAINT forward_request_idempotency UNIQUE (idempotency_scope);
