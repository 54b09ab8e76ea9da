package ferry.forwarding.target;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * One attempt, ready to send: everything decided, nothing left to look up but the body's bytes,
 * which are streamed from where they are stored while they are sent.
 *
 * @param bodyLength  the stored request body's size, or null if the request has none
 * @param traceParent the trace the attempt joins (the intake span's context), or null if untraced
 */
public record OutboundRequest(String method, URI url, Map<String, List<String>> headers, String requestId,
                              Long bodyLength, long timeoutMs, String traceParent) {

    /** The same attempt with the attempt span's {@code traceparent} sent instead of the one decided before. */
    public OutboundRequest sendingTraceParent(String attemptSpan) {
        Map<String, List<String>> sent = new java.util.TreeMap<>(headers);
        sent.put("traceparent", List.of(attemptSpan));
        return new OutboundRequest(method, url, sent, requestId, bodyLength, timeoutMs, traceParent);
    }
}
