-- Ferry's schema, version 1: proxies, accepted requests and their attempts.
-- Portable SQL: runs unchanged on H2 2.x (embedded default) and PostgreSQL.

CREATE TABLE proxy (
    id             VARCHAR(64)   NOT NULL PRIMARY KEY,
    target_url     VARCHAR(2048) NOT NULL,
    serving_mode   VARCHAR(8)    NOT NULL,
    paused         BOOLEAN       NOT NULL,
    client_auth    VARCHAR       NOT NULL, -- JSON; client secrets stored as keyed hashes
    target_auth    VARCHAR       NOT NULL, -- JSON
    settings       VARCHAR       NOT NULL, -- JSON: retry, limits, sync, retention, callback
    created_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    row_version    BIGINT        NOT NULL
);

CREATE TABLE forward_request (
    id                 VARCHAR(36)   NOT NULL PRIMARY KEY,
    proxy_id           VARCHAR(64)   NOT NULL,
    state              VARCHAR(16)   NOT NULL,
    entry_mode         VARCHAR(8)    NOT NULL,
    http_method        VARCHAR(16)   NOT NULL,
    target_path        VARCHAR(4096) NOT NULL,
    query_string       VARCHAR(8192),
    headers            VARCHAR       NOT NULL, -- JSON, without credentials and control headers
    body               BYTEA,
    idempotency_key    VARCHAR(255)  NOT NULL,
    max_retries        INTEGER,
    attempts           INTEGER       NOT NULL,
    not_before         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    next_attempt_at    TIMESTAMP(6) WITH TIME ZONE,
    lease_owner        VARCHAR(64),
    lease_until        TIMESTAMP(6) WITH TIME ZONE,
    last_error_type    VARCHAR(32),
    last_error_message VARCHAR(1024),
    response_status    INTEGER,
    response_headers   VARCHAR,
    response_body      BYTEA,
    created_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    completed_at       TIMESTAMP(6) WITH TIME ZONE,
    row_version        BIGINT        NOT NULL
);
CREATE INDEX forward_request_proxy_state ON forward_request (proxy_id, state);

CREATE TABLE attempt (
    id             VARCHAR(36)   NOT NULL PRIMARY KEY,
    request_id     VARCHAR(36)   NOT NULL,
    attempt_number INTEGER       NOT NULL,
    started_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    duration_ms    BIGINT        NOT NULL,
    outcome        VARCHAR(16)   NOT NULL,
    response_status INTEGER,
    error          VARCHAR(1024),
    retryable      BOOLEAN       NOT NULL,
    next_delay_ms  BIGINT,
    CONSTRAINT attempt_request_number UNIQUE (request_id, attempt_number)
);
