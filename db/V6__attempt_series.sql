-- Control (issue 12): a failed or canceled request may be retried, a fresh series of attempts
-- under the same id. Attempt numbers go on; the retry budget counts the attempts of the current
-- series only: series_offset is how many attempts came before it.
ALTER TABLE forward_request ADD COLUMN series_offset INTEGER DEFAULT 0 NOT NULL;
