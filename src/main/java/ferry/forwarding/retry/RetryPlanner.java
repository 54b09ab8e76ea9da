package ferry.forwarding.retry;

import ferry.platform.control.RetryAfter;
import ferry.forwarding.target.AttemptResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * Decides what follows an attempt (CONTRACT.md §4): a 2xx/3xx completes; a status in
 * {@code retryOn}, a timeout or a connection, TLS or DNS failure is retried; anything else is final.
 * The delay before retry n is uniform in [0, min(maxDelayMs, initialDelayMs × 2^(n-1))] (full
 * jitter), raised to at least the target's {@code Retry-After}; at most {@code maxRetries} retries,
 * and a retry that could not start inside the window fails now rather than later.
 */
public final class RetryPlanner {

    private static final Set<String> RETRYABLE_OUTCOMES = Set.of(AttemptResult.TIMEOUT,
            AttemptResult.CONNECT_ERROR, AttemptResult.TLS_ERROR, AttemptResult.DNS_ERROR);

    private final DoubleSupplier random;

    /** @param random uniform in [0, 1); a constant 1.0 switches jitter off (delays double exactly) */
    public RetryPlanner(DoubleSupplier random) {
        this.random = random;
    }

    /**
     * @param attemptsMade attempts so far, including the one that just ended
     * @param notBefore    when the request's window started
     * @param deadline     a sync-mode request's deadline, or null: a retry that would start after it fails now
     */
    public Decision decide(RetryPolicy policy, int attemptsMade, AttemptResult result, Instant notBefore,
                           Instant deadline, Instant now) {
        if (result.answered() && result.status() >= 200 && result.status() < 400) {
            return Decision.complete();
        }
        if (AttemptResult.EGRESS_REFUSED.equals(result.outcome())) {
            return Decision.fail("egress-refused", "egress refused: " + result.error());
        }
        boolean retryable = result.answered() ? policy.retryOn().contains(result.status())
                : RETRYABLE_OUTCOMES.contains(result.outcome());
        String what = result.answered() ? "status " + result.status() : result.outcome();
        if (!retryable) {
            return Decision.fail("non-retryable-status", "non-retryable " + what);
        }
        int retriesUsed = attemptsMade - 1;
        if (retriesUsed >= policy.maxRetries()) {
            return Decision.fail("retries-exhausted",
                    "retries exhausted after " + attemptsMade + " attempts (last: " + what + ")");
        }
        Duration delay = backoff(policy, attemptsMade);
        Duration retryAfter = RetryAfter.parse(result.retryAfter(), now);
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            delay = retryAfter;
        }
        if (deadline != null && now.plus(delay).isAfter(deadline)) {
            return Decision.fail("deadline-exceeded",
                    "deadline exceeded: the next attempt could not start before " + deadline + " (last: " + what + ")");
        }
        Instant windowEnd = notBefore.plus(policy.window());
        if (now.plus(delay).isAfter(windowEnd)) {
            return Decision.fail("retry-window-exhausted",
                    "retry window exhausted: the next attempt could not start before " + windowEnd + " (last: " + what + ")");
        }
        return Decision.retry(delay, what);
    }

    /** Full jitter: uniform in [0, min(maxDelayMs, initialDelayMs × 2^(n-1))] for retry n. */
    Duration backoff(RetryPolicy policy, int retryNumber) {
        int exponent = Math.min(retryNumber - 1, 40);
        double cap = Math.min((double) policy.maxDelayMs(), policy.initialDelayMs() * Math.pow(2, exponent));
        return Duration.ofMillis((long) Math.floor(random.getAsDouble() * cap));
    }
}
