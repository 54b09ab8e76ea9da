-- Request listings (issue 12, CONTRACT.md §6): newest first, by keyset (created_at, id), per
-- proxy or across all, optionally by state.
CREATE INDEX forward_request_listing ON forward_request (proxy_id, created_at, id);
CREATE INDEX forward_request_listing_state ON forward_request (proxy_id, state, created_at, id);
CREATE INDEX forward_request_created ON forward_request (created_at, id);
