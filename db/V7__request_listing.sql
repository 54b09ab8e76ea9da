-- Request listings (issue 12, CONTRACT.md §6): newest first, by keyset (created_at, id), per
-- proxy or across all, optionally by state. The indexes are in the listings' own (descending)
-- order, and the listings order by every indexed column, the fixed ones too: only then does H2
-- read a page from the index instead of sorting every row before the cursor (1,000,000 rows:
-- 2 ms a page instead of seconds). PostgreSQL would scan ascending ones backwards as well.
CREATE INDEX forward_request_listing ON forward_request (proxy_id DESC, created_at DESC, id DESC);
CREATE INDEX forward_request_listing_state ON forward_request (proxy_id DESC, state DESC, created_at DESC, id DESC);
CREATE INDEX forward_request_created ON forward_request (created_at DESC, id DESC);
