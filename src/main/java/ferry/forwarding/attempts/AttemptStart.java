package ferry.forwarding.attempts;

import ferry.forwarding.retry.RetryPolicy;
import ferry.forwarding.target.OutboundRequest;
import ferry.forwarding.target.TargetCredentials;
import ferry.forwarding.target.TargetUrl;
import ferry.forwarding.target.TraceParent;
import ferry.proxies.control.ProxySettings;
import ferry.proxies.control.TargetAuth;
import ferry.proxies.entity.Proxy;
import ferry.requests.entity.ForwardRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Starts an attempt on a claimable row and prepares what to send, in plain Java:
 * {@link AttemptClaims} looks the rows up and opens the stored documents (headers, the sealed
 * target credential), so that nothing here needs the database, the secret box or JSON-B.
 */
final class AttemptStart {

    private AttemptStart() {
    }

    /**
     * Moves the request to {@code processing} under {@code owner}'s lease: the attempt's own
     * timeout plus {@code leaseMargin}, after which the attempt is presumed dead.
     *
     * @throws IllegalArgumentException if the request cannot be sent to the proxy's target (its
     *         path joined to the target URL would leave it); the row is then left as it was
     *
     * @param storedHeaders the client's headers as stored at intake
     * @param auth          the proxy's target credential, opened
     */
    static Ticket start(ForwardRequest request, Proxy proxy, ProxySettings settings, Duration leaseMargin,
                        String owner, Map<String, List<String>> storedHeaders, TargetAuth auth, Instant now) {
        RetryPolicy policy = RetryPolicy.of(settings.retry(), request.getMaxRetries());
        // Checked before the row moves: a request that cannot be sent fails where it waits.
        TargetUrl.join(proxy.getTargetUrl(), request.getPath(), request.getQuery());
        long timeoutMs = timeoutMs(policy, request.getDeadlineAt(), now);
        int number = request.startAttempt(owner, now.plusMillis(timeoutMs).plus(leaseMargin), now);
        return new Ticket(request.getId(), proxy.getId(), owner, number, request.getNotBefore(),
                request.getDeadlineAt(), policy, settings.retentionSeconds(),
                outbound(request, proxy.getTargetUrl(), storedHeaders, auth, number, timeoutMs));
    }

    /**
     * The attempt's time-out: the proxy's {@code attemptTimeoutMs}, cut short by a sync-mode
     * request's deadline, so that the exchange is aborted at the deadline and the request fails
     * then (deadline-exceeded), not an attempt time-out later.
     */
    static long timeoutMs(RetryPolicy policy, Instant deadline, Instant now) {
        if (deadline == null) {
            return policy.attemptTimeoutMs();
        }
        long left = Duration.between(now, deadline).toMillis();
        return Math.max(1, Math.min(policy.attemptTimeoutMs(), left));
    }

    /**
     * The client's headers, with the target credential and Ferry's own headers set over them
     * (CONTRACT.md §4): a {@code traceparent} child of the client's, the request's
     * {@code idempotency-key} (the same on every attempt, so the target can deduplicate),
     * {@code ferry-request-id} and {@code ferry-attempt}.
     */
    static OutboundRequest outbound(ForwardRequest request, String targetUrl, Map<String, List<String>> storedHeaders,
                                    TargetAuth auth, int attempt, long timeoutMs) {
        Map<String, List<String>> headers = new TreeMap<>(storedHeaders);
        String query = TargetCredentials.apply(auth, headers, request.getQuery());
        List<String> clientTrace = storedHeaders.get("traceparent");
        headers.put("traceparent", List.of(TraceParent.childOf(clientTrace == null ? null : clientTrace.get(0))));
        headers.put("idempotency-key", List.of(request.getIdempotencyKey()));
        headers.put("ferry-request-id", List.of(request.getId()));
        headers.put("ferry-attempt", List.of(Integer.toString(attempt)));
        return new OutboundRequest(request.getMethod(), TargetUrl.join(targetUrl, request.getPath(), query),
                headers, request.getId(), request.getBodyLength(), timeoutMs, request.getTraceParent());
    }
}
