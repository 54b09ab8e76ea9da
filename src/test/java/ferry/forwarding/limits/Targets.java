package ferry.forwarding.limits;

import ferry.forwarding.limits.Simulation.Answer;
import ferry.forwarding.limits.Simulation.Target;
import java.util.function.LongToIntFunction;

/** Simulated targets, each with random jitter on its latencies (±10% unless given) so no answer is exact. */
final class Targets {

    private Targets() {
    }

    /** Never fails; beyond {@code capacity} in flight, work queues: latency grows with the excess. */
    static Target queueing(long baseNanos, LongToIntFunction capacityAt) {
        return queueing(baseNanos, capacityAt, 0.1);
    }

    /** The same, each answer varying uniformly by up to ±{@code jitter} of its latency. */
    static Target queueing(long baseNanos, LongToIntFunction capacityAt, double jitter) {
        return (inFlight, now, random) -> {
            int capacity = capacityAt.applyAsInt(now);
            double load = Math.max(1.0, (double) inFlight / capacity);
            return new Answer(jitter(baseNanos * load, jitter, random), Outcome.SUCCESS);
        };
    }

    /** Answers at its base latency up to {@code capacity} in flight and {@code 503}s quickly beyond. */
    static Target refusing(long baseNanos, LongToIntFunction capacityAt) {
        return refusing(baseNanos, capacityAt, 0.1);
    }

    static Target refusing(long baseNanos, LongToIntFunction capacityAt, double jitter) {
        return (inFlight, now, random) -> inFlight > capacityAt.applyAsInt(now)
                ? new Answer(jitter(baseNanos / 10.0, jitter, random), Outcome.OVERLOAD)
                : new Answer(jitter(baseNanos, jitter, random), Outcome.SUCCESS);
    }

    /** Every attempt runs into the attempt timeout. */
    static Target timingOut(long timeoutNanos) {
        return (inFlight, now, random) -> new Answer(timeoutNanos, Outcome.TIMEOUT);
    }

    private static long jitter(double nanos, double jitter, java.util.Random random) {
        return Math.max(1, Math.round(nanos * (1 - jitter + 2 * jitter * random.nextDouble())));
    }
}
