package ferry.forwarding.limits;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;
import java.time.Duration;

/**
 * A proxy's circuit breaker: while its target fails most attempts, requests are held instead of
 * burning their retries on it.
 *
 * <p>Closed → open when, over the last {@code window} outcomes (at least as many as the proxy's
 * concurrency limit: {@link #widen}) (and only once there are at least
 * {@code minimumOutcomes}, so two early failures do not open it), the share of overloads,
 * timeouts and refusals reaches {@code failureRate}. Open for a cool-down that doubles on every
 * re-open up to {@code maxCoolDown} (a target that stays down is asked less and less often) and
 * is back to {@code coolDown} once it closes. Then half-open: exactly one probe may go; its
 * success closes the breaker with an empty window, its failure re-opens it. A probe that never
 * reports within {@code probeLease} (a cancelled request, a lost outcome) counts as failed, so the
 * breaker cannot stay half-open for ever.
 *
 * <p>Outcomes count in the order their attempts were sent, and only once every attempt sent
 * before them has ended ({@code settledBefore}): a target that refuses at once what it cannot
 * take but answers the rest after its latency would otherwise look all-failing to the first ten
 * outcomes of every burst (the refusals come back first), and the breaker would open on a target
 * that serves most of what it gets (seen in the adaptive benchmark: a fixed limit of 64 against a
 * capacity of 40 kept it flapping). Outcomes wait so at most {@code 4 × window}; beyond that the
 * oldest count anyway (a hanging attempt must not hold the breaker's memory without bound).
 *
 * <p>Outcomes are matched to attempts by when the attempt was allowed: an outcome of an attempt
 * allowed before the last transition is stale (it was sent under another state) and is ignored.
 * So late answers of attempts sent before the breaker opened neither close nor re-open it, and in
 * half-open only the probe decides. Thread-safe; the listener is called under the breaker's lock
 * and must only log and count.
 */
public final class CircuitBreaker {

    public enum State {
        CLOSED, OPEN, HALF_OPEN;

        /** CONTRACT.md §6 spelling: closed, open, half-open. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** Told of every transition, e.g. to log and count it. */
    @FunctionalInterface
    public interface Transitions {
        void moved(State from, State to, long nowNanos);
    }

    /**
     * @param window          how many recent outcomes the failure rate is taken over
     * @param minimumOutcomes how many outcomes there must be before it may open
     * @param failureRate     share of failures in the window that opens it, in (0, 1]
     * @param coolDown        how long it stays open the first time
     * @param maxCoolDown     the longest cool-down after repeated re-opens
     * @param probeLease      how long a probe may stay outstanding before it counts as failed
     */
    public record Settings(int window, int minimumOutcomes, double failureRate, Duration coolDown,
                           Duration maxCoolDown, Duration probeLease) {

        /**
         * 20 outcomes, at least 10, 50% failing; 5 s doubling to 60 s; a 10-minute probe lease
         * (the longest attempt timeout, so a slow probe is not cut short). Half of twenty recent
         * attempts failing is well past a blip, yet a dead target is noticed after ten.
         */
        public static final Settings DEFAULTS = new Settings(20, 10, 0.5, Duration.ofSeconds(5),
                Duration.ofSeconds(60), Duration.ofMinutes(10));

        public Settings {
            if (window < 1 || minimumOutcomes < 1 || minimumOutcomes > window) {
                throw new IllegalArgumentException("need 1 <= minimumOutcomes <= window");
            }
            if (!(failureRate > 0 && failureRate <= 1)) {
                throw new IllegalArgumentException("failureRate must be in (0, 1]: " + failureRate);
            }
            if (coolDown.isNegative() || coolDown.isZero() || maxCoolDown.compareTo(coolDown) < 0
                    || probeLease.isNegative() || probeLease.isZero()) {
                throw new IllegalArgumentException("need 0 < coolDown <= maxCoolDown and a positive probeLease");
            }
        }
    }

    private final Settings settings;
    private final Transitions transitions;
    private OutcomeWindow outcomes;
    private State state = State.CLOSED;
    private long sinceNanos;
    private long coolDownNanos;
    private boolean probeOut;
    /** Outcomes in the order their attempts were allowed, until all attempts before them have ended. */
    private final TreeMap<Long, ArrayDeque<Boolean>> unsettled = new TreeMap<>();
    private int unsettledCount;

    public CircuitBreaker(Settings settings, Transitions transitions, long nowNanos) {
        this.settings = settings;
        this.transitions = transitions;
        this.outcomes = new OutcomeWindow(settings.window());
        this.sinceNanos = nowNanos;
        this.coolDownNanos = settings.coolDown().toNanos();
    }

    /**
     * May an attempt go now? In half-open the one that gets {@code true} is the probe.
     * Report its outcome with the same {@code nowNanos} as {@code allowedNanos}.
     */
    public synchronized boolean tryAcquire(long nowNanos) {
        advance(nowNanos);
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> {
                if (probeOut) {
                    yield false;
                }
                probeOut = true;
                yield true;
            }
        };
    }

    /** @param allowedNanos when {@link #tryAcquire} let this attempt go; every earlier attempt has ended */
    public synchronized void onOutcome(Outcome outcome, long allowedNanos, long nowNanos) {
        onOutcome(outcome, allowedNanos, nowNanos, nowNanos + 1);
    }

    /**
     * @param allowedNanos  when {@link #tryAcquire} let this attempt go
     * @param settledBefore every attempt allowed before this has ended (the oldest still in flight)
     */
    public synchronized void onOutcome(Outcome outcome, long allowedNanos, long nowNanos, long settledBefore) {
        advance(nowNanos);
        if (allowedNanos - sinceNanos < 0) {
            return; // sent under an earlier state: says nothing about this one
        }
        switch (state) {
            case CLOSED -> {
                unsettled.computeIfAbsent(allowedNanos, at -> new ArrayDeque<>()).add(outcome.failure());
                unsettledCount++;
                settle(settledBefore, nowNanos);
            }
            case HALF_OPEN -> {
                if (!probeOut) {
                    return;
                }
                if (outcome.failure()) {
                    reopen(nowNanos);
                } else {
                    outcomes.clear();
                    coolDownNanos = settings.coolDown().toNanos();
                    move(State.CLOSED, nowNanos);
                }
            }
            case OPEN -> { } // nothing is sent while open
        }
    }

    /**
     * A probe that was let go but never sent (its request turned out not to be due, or its claim
     * failed) is given back, so the next attempt may probe at once instead of after the probe lease.
     */
    public synchronized void notSent(long allowedNanos, long nowNanos) {
        advance(nowNanos);
        if (state == State.HALF_OPEN && probeOut && allowedNanos - sinceNanos >= 0) {
            probeOut = false;
        }
    }

    /**
     * @return 0 if {@link #tryAcquire} would let an attempt go now; else about how long until it
     *         might: the rest of the cool-down, or (a probe is out) the rest of the probe lease,
     *         capped by {@code probeAnswer}, since the probe's answer is expected sooner
     */
    public synchronized long waitNanos(long nowNanos, long probeAnswer) {
        advance(nowNanos);
        return switch (state) {
            case CLOSED -> 0;
            case OPEN -> Math.max(1, coolDownNanos - (nowNanos - sinceNanos));
            case HALF_OPEN -> probeOut
                    ? Math.max(1, Math.min(probeAnswer, settings.probeLease().toNanos() - (nowNanos - sinceNanos)))
                    : 0;
        };
    }

    /** Attempts sent before {@code settledBefore} have all ended: their outcomes count now. */
    public synchronized void settle(long settledBefore, long nowNanos) {
        advance(nowNanos);
        if (state != State.CLOSED) {
            return;
        }
        while (!unsettled.isEmpty()) {
            Map.Entry<Long, ArrayDeque<Boolean>> oldest = unsettled.firstEntry();
            boolean settled = oldest.getKey() - settledBefore < 0 || unsettledCount > 4 * settings.window();
            if (!settled) {
                break;
            }
            unsettled.pollFirstEntry();
            for (boolean failure : oldest.getValue()) {
                unsettledCount--;
                outcomes.add(failure);
            }
        }
        // Judged once for all that settled together: within a burst, which attempts failed
        // depends on the order they reached the target, and a prefix of it says nothing.
        if (outcomes.size() >= settings.minimumOutcomes()
                && outcomes.failures() >= settings.failureRate() * outcomes.size()) {
            move(State.OPEN, nowNanos);
        }
    }

    /**
     * Takes the failure rate over at least {@code window} outcomes from now on (the proxy's
     * concurrency limit: a window smaller than one burst sees only its tail, and the attempts a
     * target refuses beyond its capacity are the burst's last). The outcomes so far are kept.
     */
    public synchronized void widen(int window) {
        if (window <= outcomes.capacity()) {
            return;
        }
        OutcomeWindow wider = new OutcomeWindow(window);
        outcomes.forEachOldestFirst(wider::add);
        outcomes = wider;
    }

    public synchronized State state(long nowNanos) {
        advance(nowNanos);
        return state;
    }

    /** @return nanos of the last transition (construction counts as one) */
    public synchronized long since() {
        return sinceNanos;
    }

    /** Time alone moves it: open → half-open after the cool-down, a lost probe → open again. */
    private void advance(long nowNanos) {
        if (state == State.OPEN && nowNanos - sinceNanos >= coolDownNanos) {
            move(State.HALF_OPEN, nowNanos);
        } else if (state == State.HALF_OPEN && probeOut
                && nowNanos - sinceNanos >= settings.probeLease().toNanos()) {
            reopen(nowNanos);
        }
    }

    private void reopen(long nowNanos) {
        coolDownNanos = Math.min(coolDownNanos * 2, settings.maxCoolDown().toNanos());
        move(State.OPEN, nowNanos);
    }

    private void move(State to, long nowNanos) {
        unsettled.clear();
        unsettledCount = 0;
        State from = state;
        state = to;
        sinceNanos = nowNanos;
        probeOut = false;
        transitions.moved(from, to, nowNanos);
    }
}
