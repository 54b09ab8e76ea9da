package ferry.intake.control;

import ferry.platform.problems.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-credential intake limits ({@code limits.intakePerSecond}, off unless set): a token bucket
 * per proxy and client credential, holding one second's worth of requests. Over the limit is
 * {@code 429} with the seconds until a token is back. Kept in memory: each node limits what it
 * receives.
 */
@ApplicationScoped
public class RateLimiter {

    private static final int MAX_BUCKETS = 100_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param key identifies proxy and credential (never the credential itself) */
    public void acquire(String key, Double perSecond) {
        if (perSecond == null) {
            return;
        }
        if (buckets.size() > MAX_BUCKETS) {
            buckets.clear(); // bounded memory; a reset only forgives a little
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(perSecond));
        long waitNanos = bucket.take(perSecond, System.nanoTime());
        if (waitNanos > 0) {
            long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            throw new Problem(429, "rate-limited", "Too many requests",
                    "This credential may submit " + perSecond + " requests per second to this proxy.")
                    .withHeader("Retry-After", Long.toString(seconds));
        }
    }

    /** Tokens refill continuously at the rate, up to max(1, rate). */
    static final class Bucket {
        private double tokens;
        private long last;

        Bucket(double perSecond) {
            this.tokens = Math.max(1, perSecond);
            this.last = System.nanoTime();
        }

        /** @return 0 if a token was taken, else nanoseconds until one is available */
        synchronized long take(double perSecond, long now) {
            double capacity = Math.max(1, perSecond);
            tokens = Math.min(capacity, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) ((1 - tokens) / perSecond * 1e9);
        }
    }
}
