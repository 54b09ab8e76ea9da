package ferry.forwarding.limits;

/**
 * The {@code forwardPerSecond} rate: permits refill continuously at the rate up to the burst
 * capacity, starting full. Thread-safe.
 *
 * <p>The level is not accumulated step by step (which drifts with every rounding) but computed
 * from an anchor: the level at the anchor plus rate × time since, minus the permits taken since.
 * The anchor moves only when the bucket is full, so a long idle period neither overflows nor
 * loses a fraction of a permit, and a long busy one keeps the rate exact.
 */
public final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double perSecond;
    private final long burst;
    private long anchorNanos;
    private double anchorLevel;
    private long takenSinceAnchor;

    /**
     * @param perSecond permits per second, positive and finite
     * @param burst     how many permits may be taken at once after an idle period, at least 1
     * @param nowNanos  the bucket starts full at this time
     */
    public TokenBucket(double perSecond, int burst, long nowNanos) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("perSecond must be positive and finite: " + perSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1: " + burst);
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.anchorNanos = nowNanos;
        this.anchorLevel = burst;
    }

    /** @return 0 if a permit was taken now, else the nanoseconds until one will be there (nothing taken) */
    public synchronized long tryTake(long nowNanos) {
        // a caller whose clock reading is older than the anchor is answered from the anchor
        long at = Math.max(nowNanos, anchorNanos);
        double level = level(at);
        if (level > burst + perSecond / NANOS_PER_SECOND) {
            // full (what refilled beyond the capacity is lost anyway), so start afresh from here;
            // one nanosecond's refill on top is kept, or a caller who comes back at the exact
            // nanosecond it was told would lose the fraction of a nanosecond each time: drift
            anchorNanos = at;
            anchorLevel = burst;
            takenSinceAnchor = 0;
            level = burst;
        }
        if (level >= 1) {
            takenSinceAnchor++;
            return 0;
        }
        // the smallest wait after which a take succeeds: the division gives it to within a
        // rounding, the loops make it exact
        long wait = Math.max(1, (long) Math.ceil((1 - level) * NANOS_PER_SECOND / perSecond));
        while (level(at + wait) < 1) {
            wait++;
        }
        while (wait > 1 && level(at + wait - 1) >= 1) {
            wait--;
        }
        return wait + (at - nowNanos);
    }

    /** @return 0 if a permit could be taken now, else the nanoseconds until one will be there; takes nothing */
    public synchronized long waitNanos(long nowNanos) {
        double level = tokens(nowNanos);
        if (level >= 1) {
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - level) * NANOS_PER_SECOND / perSecond));
    }

    /** @return the permits there now, up to the burst (for the stats) */
    public synchronized double tokens(long nowNanos) {
        return Math.min(burst, level(Math.max(nowNanos, anchorNanos)));
    }

    /** Permits available at a time not before the anchor. */
    private double level(long nanos) {
        return anchorLevel + perSecond * (nanos - anchorNanos) / NANOS_PER_SECOND - takenSinceAnchor;
    }
}
