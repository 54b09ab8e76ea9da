-- Results (issue: stored responses, sync mode, retention).
-- deadline_at: requests that came in through sync mode fail with deadline-exceeded after it.
-- expires_at: when a finished request's result is purged (completed_at + the proxy's retention).
ALTER TABLE forward_request ADD COLUMN deadline_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE forward_request ADD COLUMN expires_at TIMESTAMP(6) WITH TIME ZONE;
CREATE INDEX forward_request_expiry ON forward_request (expires_at);
