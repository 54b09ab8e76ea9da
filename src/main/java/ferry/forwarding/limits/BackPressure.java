package ferry.forwarding.limits;

/**
 * A target's own pace: a {@code 429} or {@code 503} with {@code Retry-After} holds the whole
 * proxy, not only the request that got it, since the next attempts would get the same answer.
 * The hold is capped (e.g. at the proxy's {@code maxDelayMs}) so that a huge or garbled value
 * cannot stall a proxy for days. A later hint can extend a hold but never shorten it: the target
 * said it wants no traffic until then, and a second, shorter answer does not take that back.
 * Thread-safe.
 */
public final class BackPressure {

    private final long capNanos;
    private boolean held;
    private long heldUntilNanos;

    /** @param capNanos the longest hold one hint can cause, at least 0 */
    public BackPressure(long capNanos) {
        if (capNanos < 0) {
            throw new IllegalArgumentException("capNanos must not be negative: " + capNanos);
        }
        this.capNanos = capNanos;
    }

    /** The target asked for no traffic for {@code delayNanos} from now; negative means none. */
    public synchronized void retryAfter(long delayNanos, long nowNanos) {
        if (delayNanos <= 0) {
            return;
        }
        long until = nowNanos + Math.min(delayNanos, capNanos);
        if (!held || until - heldUntilNanos > 0) {
            held = true;
            heldUntilNanos = until;
        }
    }

    /** @return nanoseconds the proxy must still wait, 0 when it is not held */
    public synchronized long heldForNanos(long nowNanos) {
        if (!held) {
            return 0;
        }
        long left = heldUntilNanos - nowNanos;
        if (left <= 0) {
            held = false;
            return 0;
        }
        return left;
    }
}
