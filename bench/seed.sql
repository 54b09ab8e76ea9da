-- Seeds finished requests of proxy "bench" straight into the embedded H2 database (the scale
-- scenario: "load the rows with SQL, not through the API"). Run by bench/run.sh with H2's
-- RunScript while Ferry is stopped; @FROM@ and @TO@ are the first and last row number. Ids are
-- 00000000-0000-4000-8000-<row number, 12 digits> (valid v4 form), so bench/lookup.lua can
-- pick any of them. Each row is a small completed request kept for ten years, created a
-- millisecond before the next (as accepted requests are, not all at one instant).
INSERT INTO forward_request (id, proxy_id, state, entry_mode, http_method, target_path, query_string, headers,
        idempotency_key, max_retries, attempts, not_before, next_attempt_at, lease_owner, lease_until,
        last_error_type, last_error_message, response_status, response_headers, created_at,
        updated_at, completed_at, row_version, deadline_at, expires_at)
SELECT '00000000-0000-4000-8000-' || LPAD(CAST(X AS VARCHAR), 12, '0'), 'bench', 'COMPLETED', 'async', 'POST',
       'seed', NULL, '{}', 'seed-' || X, NULL, 1, CURRENT_TIMESTAMP, NULL, NULL, NULL, NULL, NULL, 200,
       '{"content-type":["application/json"]}', DATEADD('MILLISECOND', X - @TO@, CURRENT_TIMESTAMP),
       CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0, NULL, DATEADD('YEAR', 10, CURRENT_TIMESTAMP)
FROM SYSTEM_RANGE(@FROM@, @TO@);
-- The answer's body, in the chunk table bodies live in (db/V5__body_chunks.sql).
INSERT INTO body_chunk (request_id, kind, chunk_no, data)
SELECT '00000000-0000-4000-8000-' || LPAD(CAST(X AS VARCHAR), 12, '0'), 'R', 0,
       CAST(X'7b226f6b223a747275657d' AS BINARY VARYING)
FROM SYSTEM_RANGE(@FROM@, @TO@);
