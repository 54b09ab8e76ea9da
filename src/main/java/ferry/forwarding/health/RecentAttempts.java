package ferry.forwarding.health;

import java.util.Arrays;

/**
 * The last attempts at one proxy's target, for its stats (CONTRACT.md §6): when each ended, how
 * long it took, and whether the target was well. A ring of a fixed size, so a busy proxy costs
 * no more memory than a quiet one; figures are over the attempts of a recent window that are
 * still in it. Plain Java with the clock passed in, so tests drive the time.
 */
public final class RecentAttempts {

    /**
     * What a window of attempts shows; the rate and percentiles are null when it held none.
     *
     * @param successRate the share of attempts at which the target was well (see {@link #record})
     * @param perSecond   attempts ended per second over the window
     */
    public record Summary(int attempts, Double successRate, Long p50Ms, Long p95Ms, Long p99Ms, double perSecond) {
    }

    private final long[] endedAt;
    private final long[] durationMs;
    private final boolean[] ok;
    private int next;
    private int size;

    public RecentAttempts(int capacity) {
        endedAt = new long[capacity];
        durationMs = new long[capacity];
        ok = new boolean[capacity];
    }

    /**
     * @param targetWell the target answered and was not overloaded: any status but 429 and 5xx
     *                   (a 4xx is the request's fault, not the target's health); time-outs and
     *                   connection errors are not well
     */
    public synchronized void record(long nowNanos, long tookMs, boolean targetWell) {
        endedAt[next] = nowNanos;
        durationMs[next] = tookMs;
        ok[next] = targetWell;
        next = (next + 1) % endedAt.length;
        size = Math.min(size + 1, endedAt.length);
    }

    public synchronized Summary summary(long nowNanos, long windowNanos) {
        long[] took = new long[size];
        int count = 0;
        int well = 0;
        for (int i = 0; i < size; i++) {
            if (nowNanos - endedAt[i] <= windowNanos) {
                took[count++] = durationMs[i];
                well += ok[i] ? 1 : 0;
            }
        }
        double perSecond = count / (windowNanos / 1e9);
        if (count == 0) {
            return new Summary(0, null, null, null, null, 0);
        }
        long[] sorted = Arrays.copyOf(took, count);
        Arrays.sort(sorted);
        return new Summary(count, (double) well / count, at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), perSecond);
    }

    /** The nearest-rank percentile. */
    private static long at(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
