package ferry.forwarding.health;

import ferry.forwarding.target.AttemptResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Forwarding's event meters (README, "Observability"): attempts per proxy and outcome, their
 * duration as OpenTelemetry's HTTP client histogram ({@code http.client.request.duration}, its
 * semantic-convention attribute names and bucket boundaries), and retries scheduled.
 */
@ApplicationScoped
public class AttemptMeters {

    /** OpenTelemetry's advised boundaries for {@code http.client.request.duration}, in seconds. */
    static final double[] DURATION_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10};

    /** The same boundaries as the histogram's SLOs: made once, not for every attempt. */
    private static final Duration[] BUCKETS = java.util.Arrays.stream(DURATION_BUCKETS)
            .mapToObj(seconds -> Duration.ofNanos((long) (seconds * 1e9))).toArray(Duration[]::new);

    /** The methods semantic conventions name; any other is {@code _OTHER}, as they advise. */
    static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS",
            "TRACE", "PATCH");

    @Inject
    MeterRegistry registry;

    /** An attempt ended; {@code result} null if sending failed unexpectedly (nothing reached the target). */
    public void attempted(String proxyId, String method, AttemptResult result, long nanos) {
        String outcome = result == null ? "not-sent" : result.outcome();
        String statusClass = result != null && result.answered() ? (result.status() / 100) + "xx" : "none";
        Counter.builder("ferry.forwarding.attempts")
                .description("Attempts ended, per proxy, outcome (response or the failure) and status class")
                .tag("proxy", proxyId)
                .tag("outcome", outcome)
                .tag("status_class", statusClass)
                .register(registry)
                .increment();
        if (result == null) {
            return;
        }
        Timer.builder("http.client.request.duration")
                .description("Duration of attempts to targets (OpenTelemetry HTTP client semantic conventions)")
                .tag("proxy", proxyId)
                .tag("http.request.method", KNOWN_METHODS.contains(method) ? method : "_OTHER")
                .tag("http.response.status_code", result.answered() ? Integer.toString(result.status()) : "none")
                .tag("error.type", errorType(result))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A failed attempt will be tried again (its request is {@code retrying}). */
    public void retryScheduled(String proxyId) {
        Counter.builder("ferry.forwarding.retries.scheduled")
                .description("Retries scheduled after a failed attempt, per proxy")
                .tag("proxy", proxyId)
                .register(registry)
                .increment();
    }

    /** Semantic conventions: the status code for an error answer, the failure's kind without one. */
    static String errorType(AttemptResult result) {
        if (!result.answered()) {
            return result.outcome();
        }
        return result.status() >= 400 ? Integer.toString(result.status()) : "none";
    }
}
