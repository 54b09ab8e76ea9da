-- Tracing (issue 15): the intake span's context as a W3C traceparent, so that attempts made
-- later, on another thread or node, join the request's trace. Null when tracing is off.
ALTER TABLE forward_request ADD COLUMN trace_parent VARCHAR(55);
-- The same context on each webhook delivery of the request, so that its attempts join the trace.
ALTER TABLE webhook_delivery ADD COLUMN trace_parent VARCHAR(55);
