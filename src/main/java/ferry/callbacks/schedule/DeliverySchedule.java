package ferry.callbacks.schedule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a webhook delivery is tried again, in the spirit of Svix's schedule: the first attempt at
 * once, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (eight attempts over about a day
 * and a half). Each wait is jittered by up to ±{@code jitter} of itself so that many deliveries
 * failed together do not return together, and raised to the receiver's {@code Retry-After}, capped
 * at the schedule's longest wait so a receiver cannot park a delivery for ever.
 */
public final class DeliverySchedule {

    /** The default, as ISO-8601 durations: {@code ferry.callbacks.retry-schedule}. */
    public static final String DEFAULT = "PT0S,PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT10H";

    private final List<Duration> waits;
    private final Duration longest;
    private final double jitter;
    private final DoubleSupplier random;

    /**
     * @param waits  before each attempt, the first included (usually zero)
     * @param jitter the fraction of each wait it may move either way, 0 to 1
     * @param random uniform in [0, 1)
     */
    public DeliverySchedule(List<Duration> waits, double jitter, DoubleSupplier random) {
        if (waits.isEmpty() || waits.stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("a delivery schedule needs at least one wait, none negative");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter is a fraction from 0 to 1");
        }
        this.waits = List.copyOf(waits);
        this.longest = waits.stream().max(Duration::compareTo).orElseThrow();
        this.jitter = jitter;
        this.random = random;
    }

    /** @param text comma-separated ISO-8601 durations, as configured */
    public static List<Duration> parse(String text) {
        List<Duration> waits = new ArrayList<>();
        for (String part : text.split(",")) {
            waits.add(Duration.parse(part.trim()));
        }
        return waits;
    }

    /** @return how many attempts a delivery gets */
    public int attempts() {
        return waits.size();
    }

    /**
     * @param attemptsMade attempts so far, including the one that just failed
     * @param retryAfter   the receiver's {@code Retry-After}, or null
     * @return the wait before the next attempt, or empty if the schedule has run out
     */
    public Optional<Duration> next(int attemptsMade, Duration retryAfter) {
        if (attemptsMade < 1) {
            throw new IllegalArgumentException("a wait follows an attempt");
        }
        if (attemptsMade >= waits.size()) {
            return Optional.empty();
        }
        Duration planned = waits.get(attemptsMade);
        long millis = planned.toMillis();
        long jittered = Math.round(millis * (1 + jitter * (2 * random.getAsDouble() - 1)));
        Duration wait = Duration.ofMillis(Math.max(0, jittered));
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter.compareTo(longest) > 0 ? longest : retryAfter;
        }
        return Optional.of(wait);
    }
}
