package ferry.forwarding.target;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How one attempt ended (CONTRACT.md §4): {@code response} (the target answered) or one of
 * {@code timeout}, {@code connect-error}, {@code tls-error}, {@code dns-error}, {@code egress-refused}.
 */
public record AttemptResult(String outcome, int status, Map<String, List<String>> headers, byte[] body,
                            String error, Instant startedAt, long durationMs, Object budgetHold) {

    public AttemptResult(String outcome, int status, Map<String, List<String>> headers, byte[] body,
                         String error, Instant startedAt, long durationMs) {
        this(outcome, status, headers, body, error, startedAt, durationMs, null);
    }

    /** The same result, holding room in the response budget until {@code TargetClient.done}. */
    AttemptResult holding(Object hold) {
        return new AttemptResult(outcome, status, headers, body, error, startedAt, durationMs, hold);
    }

    public static final String RESPONSE = "response";
    public static final String TIMEOUT = "timeout";
    public static final String CONNECT_ERROR = "connect-error";
    public static final String TLS_ERROR = "tls-error";
    public static final String DNS_ERROR = "dns-error";
    public static final String EGRESS_REFUSED = "egress-refused";

    public boolean answered() {
        return RESPONSE.equals(outcome);
    }

    /** The target's {@code Retry-After}, if it sent one. */
    public String retryAfter() {
        if (headers == null) {
            return null;
        }
        List<String> values = headers.get("retry-after");
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
