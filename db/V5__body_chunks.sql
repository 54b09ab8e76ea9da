-- Bodies out of the hot rows (issue 11): every status lookup, claim, outcome and sweep loaded
-- whole request and response bodies (up to 10 MiB each) with the row, since lazy loading of a
-- column needs bytecode enhancement. Bodies now live in fixed-size chunks in a table of their
-- own, written in the transaction that writes their row and streamed chunk by chunk when
-- forwarding and when answering. PostgreSQL's driver reads a bytea whole and H2 has no large
-- objects, so chunks are the portable shape. kind: Q = the request's body, R = the target's answer.
CREATE TABLE body_chunk (
    request_id VARCHAR(36)  NOT NULL,
    kind       CHAR(1)      NOT NULL,
    chunk_no   INTEGER      NOT NULL,
    data       BYTEA        NOT NULL,
    CONSTRAINT body_chunk_pk PRIMARY KEY (request_id, kind, chunk_no)
);
ALTER TABLE forward_request ADD COLUMN body_length BIGINT;
UPDATE forward_request SET body_length = OCTET_LENGTH(body) WHERE body IS NOT NULL;
INSERT INTO body_chunk (request_id, kind, chunk_no, data)
    SELECT id, 'Q', 0, body FROM forward_request WHERE body IS NOT NULL;
INSERT INTO body_chunk (request_id, kind, chunk_no, data)
    SELECT id, 'R', 0, response_body FROM forward_request WHERE response_body IS NOT NULL;
ALTER TABLE forward_request DROP COLUMN body;
ALTER TABLE forward_request DROP COLUMN response_body;
