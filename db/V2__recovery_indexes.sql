-- The recovery sweep looks for waiting requests whose attempt is overdue and for attempts whose
-- lease ran out; these indexes keep that query cheap with millions of finished rows.
CREATE INDEX forward_request_due ON forward_request (state, next_attempt_at);
CREATE INDEX forward_request_lease ON forward_request (state, lease_until);
