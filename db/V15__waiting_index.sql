-- Issue 18. Resuming a proxy queues its waiting requests again a thousand at a time, in id order;
-- with only (proxy_id, state) to go by, H2 read and sorted every waiting row of the proxy for each
-- thousand (a quarter of the gateway's CPU while a 100,000-request backlog drained). Keyed by
-- (proxy_id, state, id), each batch is an index range read in order. That index also answers
-- everything forward_request_proxy_state (proxy_id, state) did, which goes. forward_request_due
-- (state, next_attempt_at) goes too: forward_request_undispatched (state, dispatched,
-- next_attempt_at) answers the recovery sweep's only queries on the due time. Every state change
-- of a request rewrote the entries of both for nothing.
CREATE INDEX forward_request_waiting ON forward_request (proxy_id, state, id);
DROP INDEX forward_request_proxy_state;
DROP INDEX forward_request_due;
-- When a proxy was last resumed: until resuming may have queued its waiting requests again
-- (ferry.recovery.overdue-after), the recovery sweep leaves them to it instead of queuing the
-- whole backlog a second time.
ALTER TABLE proxy ADD COLUMN resumed_at TIMESTAMP(6) WITH TIME ZONE;
