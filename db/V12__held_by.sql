-- Adaptive forwarding (issue 14, CONTRACT.md §5 heldBy): why a waiting request is not being
-- attempted now when a limit of its proxy holds it (concurrency-limit, rate-limit,
-- target-retry-after, circuit-open). Null otherwise: delay, backoff and paused are told from
-- the row and its proxy, not stored.
ALTER TABLE forward_request ADD COLUMN held_by VARCHAR(32);
