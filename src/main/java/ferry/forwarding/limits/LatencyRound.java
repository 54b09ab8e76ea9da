package ferry.forwarding.limits;

import java.util.Arrays;

/**
 * One measuring round of {@link AdaptiveLimit}: the first few successful attempts sent after the
 * round began. Attempts sent earlier are left out, since they ran under the limit before the
 * last change and would make the limit react twice to one cause. The round reports the median
 * latency (one slow or fast outlier moves it little) and the most attempts that were in flight
 * (whether the limit was used at all). Not thread-safe: its owner guards it.
 */
final class LatencyRound {

    private final long[] latencies;
    private boolean started;
    private long startNanos;
    private int count;
    private int peakInFlight;

    LatencyRound(int samples) {
        this.latencies = new long[samples];
    }

    void start(long nowNanos) {
        started = true;
        startNanos = nowNanos;
        count = 0;
        peakInFlight = 0;
    }

    /** @return whether this sample completed the round */
    boolean offer(long latencyNanos, int inFlight, long sentNanos) {
        if (started && sentNanos - startNanos < 0) {
            return false;
        }
        latencies[count++] = latencyNanos;
        peakInFlight = Math.max(peakInFlight, inFlight);
        return count == latencies.length;
    }

    double median() {
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        int middle = count / 2;
        return count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + (double) sorted[middle]) / 2;
    }

    /** The round's interquartile range relative to its median: how much its answers vary. */
    double relativeSpread() {
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        double median = median();
        return median <= 0 ? 0 : (sorted[(3 * count) / 4] - sorted[count / 4]) / median;
    }

    int peakInFlight() {
        return peakInFlight;
    }
}
