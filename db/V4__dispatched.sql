-- Dispatch model (issue 11): a row knows whether a queue message for its current wait was
-- committed to the broker. Set in the same transaction that sends the message, cleared when a
-- message is consumed without a claim (a paused proxy); the recovery sweep queues again every
-- waiting row without one, whatever the queue holds. Rows from before this version may have
-- lost their message: they start without one, so the first sweep queues them once more
-- (a duplicate message is harmless: a claim needs the row waiting and due).
ALTER TABLE forward_request ADD COLUMN dispatched BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX forward_request_undispatched ON forward_request (state, dispatched, next_attempt_at);
