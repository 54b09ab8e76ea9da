package ferry.forwarding.limits;

import java.util.PriorityQueue;
import java.util.Random;

/**
 * Drives an {@link AdaptiveLimit} against a simulated target on a simulated clock: requests wait
 * in a backlog (endless, or a fixed number at a time for an app-limited proxy), as many attempts
 * go as the limit allows, and each ends when the target says. Runs in phases, each returning what
 * it saw, so a test can let the limit settle and then look at the settled part alone.
 */
final class Simulation {

    static final long MS = 1_000_000L;
    static final long SECOND = 1_000 * MS;

    /** What the target does with an attempt sent when {@code inFlight} were in flight, counting it. */
    interface Target {
        Answer answer(int inFlight, long nowNanos, Random random);
    }

    record Answer(long latencyNanos, Outcome outcome) { }

    /** What one phase saw; limits are read at every attempt's end. */
    record Phase(long attempts, long successes, long overloads, long failures, double meanSuccessLatencyNanos,
                 int minLimit, int maxLimit, double meanLimit, long lastOutsideNanos, double seconds) {

        double overloadShare() {
            return attempts == 0 ? 0 : (double) overloads / attempts;
        }

        double goodputPerSecond() {
            return successes / seconds;
        }

        @Override
        public String toString() {
            return String.format("attempts=%d successes=%d overloads=%d (%.2f%%) failures=%d meanLatency=%.1fms "
                            + "limit min=%d max=%d mean=%.1f goodput=%.1f/s", attempts, successes, overloads,
                    100 * overloadShare(), failures, meanSuccessLatencyNanos / MS, minLimit, maxLimit, meanLimit,
                    goodputPerSecond());
        }
    }

    private record Attempt(long endNanos, long sentNanos, Answer answer) { }

    private final AdaptiveLimit limit;
    private final Target target;
    private final int demand;
    private final Random random;
    private final PriorityQueue<Attempt> inFlight = new PriorityQueue<>((a, b) -> Long.compare(a.endNanos, b.endNanos));
    private long now;

    /** @param demand the most requests waiting at any time; {@code Integer.MAX_VALUE} for an endless backlog */
    Simulation(AdaptiveLimit limit, Target target, int demand, long seed) {
        this.limit = limit;
        this.target = target;
        this.demand = demand;
        this.random = new Random(seed);
        fill();
    }

    long now() {
        return now;
    }

    /**
     * Runs for a while; {@code lastOutsideNanos} is how long after the phase began the limit was
     * last seen outside [{@code low}, {@code high}] (0 if never).
     */
    Phase run(long durationNanos, int low, int high) {
        long start = now;
        long end = now + durationNanos;
        long attempts = 0;
        long successes = 0;
        long overloads = 0;
        long failures = 0;
        double latencySum = 0;
        int minLimit = Integer.MAX_VALUE;
        int maxLimit = 0;
        double limitSum = 0;
        long lastOutside = 0;
        while (inFlight.peek().endNanos <= end) {
            Attempt done = inFlight.poll();
            now = done.endNanos;
            limit.onSample(now - done.sentNanos, done.answer.outcome(), inFlight.size() + 1, now);
            attempts++;
            switch (done.answer.outcome()) {
                case SUCCESS -> {
                    successes++;
                    latencySum += done.answer.latencyNanos();
                }
                case OVERLOAD -> overloads++;
                default -> failures++;
            }
            int current = limit.limit();
            minLimit = Math.min(minLimit, current);
            maxLimit = Math.max(maxLimit, current);
            limitSum += current;
            if (current < low || current > high) {
                lastOutside = now - start;
            }
            fill();
        }
        now = end;
        return new Phase(attempts, successes, overloads, failures, successes == 0 ? 0 : latencySum / successes,
                minLimit, maxLimit, attempts == 0 ? 0 : limitSum / attempts, lastOutside,
                (double) durationNanos / SECOND);
    }

    Phase run(long durationNanos) {
        return run(durationNanos, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    private void fill() {
        while (inFlight.size() < Math.min(limit.limit(), demand)) {
            Answer answer = target.answer(inFlight.size() + 1, now, random);
            inFlight.add(new Attempt(now + answer.latencyNanos(), now, answer));
        }
    }
}
