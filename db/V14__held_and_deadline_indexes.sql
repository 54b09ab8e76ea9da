-- Indexes for two timer queries that scanned a proxy's or the whole backlog (issue 16 audit):
-- the held-request call-back (every 0.1 s per proxy with room: held rows of one proxy due
-- soonest first, so the scan stops after the few it wants) and the sweep's sync deadlines
-- (waiting rows past their deadline; deadline_at stays set after a request ends, so the state
-- leads). Portable to H2 and PostgreSQL.
CREATE INDEX forward_request_held ON forward_request (proxy_id, next_attempt_at);
CREATE INDEX forward_request_deadline ON forward_request (state, deadline_at);
