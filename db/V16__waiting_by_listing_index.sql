-- Issue 18: a resume reads a proxy's waiting requests in acceptance order through
-- forward_request_listing_state (proxy, state, created, id), read backwards where need be, instead
-- of forward_request_waiting (proxy, state, id). Ids are random UUIDs, so that index placed each
-- request on a random page: every claim and outcome rewrote two of its pages at random, where the
-- listing index, ordered by acceptance time, keeps requests accepted together on the same pages.
DROP INDEX forward_request_waiting;
