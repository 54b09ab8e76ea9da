package ferry.forwarding.limits;

import ferry.forwarding.limits.Simulation.Answer;
import ferry.forwarding.limits.Simulation.Target;
import java.util.function.LongToIntFunction;

/** Simulated targets, each with ±10% random jitter on its latencies so no answer is exact. */
final class Targets {

    private Targets() {
    }

    /** Never fails; beyond {@code capacity} in flight, work queues: latency grows with the excess. */
    static Target queueing(long baseNanos, LongToIntFunction capacityAt) {
        return (inFlight, now, random) -> {
            int capacity = capacityAt.applyAsInt(now);
            double load = Math.max(1.0, (double) inFlight / capacity);
            return new Answer(jitter(baseNanos * load, random), Outcome.SUCCESS);
        };
    }

    /** Answers at its base latency up to {@code capacity} in flight and {@code 503}s quickly beyond. */
    static Target refusing(long baseNanos, LongToIntFunction capacityAt) {
        return (inFlight, now, random) -> inFlight > capacityAt.applyAsInt(now)
                ? new Answer(jitter(baseNanos / 10.0, random), Outcome.OVERLOAD)
                : new Answer(jitter(baseNanos, random), Outcome.SUCCESS);
    }

    /** Every attempt runs into the attempt timeout. */
    static Target timingOut(long timeoutNanos) {
        return (inFlight, now, random) -> new Answer(timeoutNanos, Outcome.TIMEOUT);
    }

    private static long jitter(double nanos, java.util.Random random) {
        return Math.max(1, Math.round(nanos * (0.9 + 0.2 * random.nextDouble())));
    }
}
