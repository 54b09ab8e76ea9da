-- Completion webhooks (issue 13, CONTRACT.md §8): a request may name its own callback URL with
-- Ferry-Callback-Url when its proxy allows it. Null: the proxy's callback, if any.
ALTER TABLE forward_request ADD COLUMN callback_url VARCHAR(2048);
