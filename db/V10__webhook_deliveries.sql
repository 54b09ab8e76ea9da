-- Completion webhooks (issue 13, CONTRACT.md §8). A delivery is written in the transaction that
-- ends its request, so no ending is ever without its webhook; the sender takes due rows from here.
CREATE TABLE webhook_delivery (
    id               VARCHAR(64)   NOT NULL PRIMARY KEY, -- the webhook-id, stable across retries
    request_id       VARCHAR(36)   NOT NULL,
    proxy_id         VARCHAR(64)   NOT NULL,
    callback_url     VARCHAR(2048),          -- the request's own URL; null: the proxy's callback
    state            VARCHAR(16)   NOT NULL,
    ended_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL, -- the ending it reports
    payload          VARCHAR,                 -- the JSON sent, fixed at the first attempt
    attempts         INTEGER       NOT NULL,
    series_attempts  INTEGER       NOT NULL,  -- attempts since the last (re)delivery began
    next_attempt_at  TIMESTAMP(6) WITH TIME ZONE, -- due time, or the lease of an attempt under way
    last_status      INTEGER,
    last_error       VARCHAR(1024),
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    finished_at      TIMESTAMP(6) WITH TIME ZONE,
    row_version      BIGINT        NOT NULL
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (state, next_attempt_at);
CREATE INDEX webhook_delivery_request ON webhook_delivery (request_id);
CREATE INDEX webhook_delivery_proxy ON webhook_delivery (proxy_id, state, next_attempt_at);

CREATE TABLE webhook_attempt (
    delivery_id      VARCHAR(64)   NOT NULL,
    attempt_number   INTEGER       NOT NULL,
    started_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    duration_ms      BIGINT        NOT NULL,
    response_status  INTEGER,
    error            VARCHAR(1024),
    next_attempt_at  TIMESTAMP(6) WITH TIME ZONE,
    PRIMARY KEY (delivery_id, attempt_number)
);

-- A receiver that answered 410 Gone disables its proxy's callback until the proxy is defined again.
ALTER TABLE proxy ADD COLUMN callback_disabled_at TIMESTAMP(6) WITH TIME ZONE;
