package ferry.forwarding.limits;

import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * One proxy's limits together, as forwarding asks them before each attempt: may it go now, and
 * if not, why and until when. The checks run in this order, the first that says no decides:
 * the target's own {@code Retry-After} ({@link BackPressure}), the {@link CircuitBreaker}, the
 * concurrency limit in force ({@link AdaptiveLimit}), then the rate ({@link TokenBucket}); only
 * when all say yes is anything taken (the probe, a token, a place in flight). Thread-safe.
 *
 * <p><b>Held requests come back paced.</b> A request that may not go is held: the caller
 * schedules it again for the time this gate gives. That time is a reservation: the held
 * requests of a proxy are spread one permit interval apart (the target's recent latency over the
 * limit, or one over the rate), starting when the cause should be gone. So a hundred requests
 * held by a five-second cool-down come back over a spread rather than all at once, and a deep
 * backlog against a slow target is mostly held once, not again and again. They are spread
 * {@value #PACE_AHEAD} times faster than the limit is expected to serve them, so that the limit
 * stays in use (an adaptive limit only grows while used) at the price of a few holds again.
 *
 * <p><b>A short wait instead of a hold.</b> Holding costs a write and a message. When the only
 * cause is the concurrency limit or the rate, and a permit is expected within a given wait,
 * {@link #admit} waits for it: draining a backlog at the limit then costs no holds at all. The
 * caller bounds how many threads may wait so (the forwarding listener keeps most of its sessions
 * free for other proxies).
 */
public final class ProxyGate {

    /** Why a request is held (CONTRACT.md §5 {@code heldBy}). */
    public enum Hold {
        CONCURRENCY("concurrency-limit"),
        RATE("rate-limit"),
        TARGET_RETRY_AFTER("target-retry-after"),
        CIRCUIT("circuit-open");

        private final String label;

        Hold(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * @param maxConcurrency     attempts in flight at most
     * @param adaptive           whether the limit follows the target ({@link AdaptiveLimit}) or is fixed at the maximum
     * @param perSecond          attempts per second at most, null for no rate
     * @param retryAfterCapNanos the longest one {@code Retry-After} may hold the proxy
     */
    public record Settings(int maxConcurrency, boolean adaptive, Double perSecond, long retryAfterCapNanos) {
    }

    /** The shortest hold: a write and a message for less than this is waste. */
    static final long MIN_HOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** What the target's latency is taken to be before it has answered once. */
    static final long FIRST_LATENCY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Weight of the newest attempt in the latency that paces held requests. */
    static final double LATENCY_WEIGHT = 0.2;
    /** Held requests come back this much faster than the limit is expected to take them. */
    static final double PACE_AHEAD = 1.25;
    /** How many permits a rate may hand out at once after a quiet spell: a second's worth, at least 1. */
    static int burstOf(double perSecond) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(perSecond)));
    }

    /** A permit to send one attempt; give it back exactly once with {@link #release}. */
    public final class Permit {
        private final long allowedNanos;
        private boolean released;

        private Permit(long allowedNanos) {
            this.allowedNanos = allowedNanos;
        }

        /**
         * The attempt is over.
         *
         * @param outcome         how it ended; null if it was never sent (the gate's place and
         *                        a probe come back; a token does not)
         * @param latencyNanos    from sending to its end
         * @param retryAfterNanos the target's {@code Retry-After} on an overload answer, else 0
         */
        public void release(Outcome outcome, long latencyNanos, long retryAfterNanos, long nowNanos) {
            ProxyGate.this.release(this, outcome, latencyNanos, retryAfterNanos, nowNanos);
        }
    }

    /** Either a permit, or why not and for how long. */
    public record Admission(Permit permit, Hold heldBy, long waitNanos) {

        public boolean permitted() {
            return permit != null;
        }
    }

    /** What the stats show. */
    public record Snapshot(int limit, int inFlight, Double tokens, CircuitBreaker.State circuit, long circuitSinceNanos,
                           long circuitOpenings, long retryAfterNanos) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private final CircuitBreaker breaker;
    private Settings settings;
    private AdaptiveLimit limit;
    private TokenBucket bucket;
    private BackPressure backPressure;
    private int inFlight;
    private double latencyNanos = FIRST_LATENCY_NANOS;
    private long nextSlotNanos;
    private int waiting;
    /** When each attempt in flight was let go (how many at that nanosecond). */
    private final TreeMap<Long, Integer> sentAt = new TreeMap<>();
    private long openings;

    /** @param transitions told of every breaker transition (under this gate's lock: log and count only) */
    public ProxyGate(Settings settings, CircuitBreaker.Settings circuit, CircuitBreaker.Transitions transitions,
                     long nowNanos) {
        this.breaker = new CircuitBreaker(circuit, (from, to, at) -> {
            if (to == CircuitBreaker.State.OPEN) {
                openings++;
            }
            transitions.moved(from, to, at);
        }, nowNanos);
        this.nextSlotNanos = nowNanos;
        apply(settings, null, nowNanos);
        breaker.widen(settings.maxConcurrency());
    }

    /**
     * The proxy's limits were changed: what changed starts afresh (a new limit starts where an
     * adaptive one starts, a new rate full), the rest (attempts in flight, the breaker) is kept.
     */
    public void reconfigure(Settings next, long nowNanos) {
        lock.lock();
        try {
            apply(next, settings, nowNanos);
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public Settings settings() {
        lock.lock();
        try {
            return settings;
        } finally {
            lock.unlock();
        }
    }

    private void apply(Settings next, Settings previous, long nowNanos) {
        if (previous == null || previous.maxConcurrency() != next.maxConcurrency() || previous.adaptive() != next.adaptive()) {
            limit = next.adaptive() ? AdaptiveLimit.adaptive(next.maxConcurrency()) : AdaptiveLimit.fixed(next.maxConcurrency());
            if (previous != null) {
                breaker.widen(next.maxConcurrency());
            }
        }
        if (previous == null || !java.util.Objects.equals(previous.perSecond(), next.perSecond())) {
            bucket = next.perSecond() == null ? null : new TokenBucket(next.perSecond(), burstOf(next.perSecond()), nowNanos);
        }
        if (previous == null || previous.retryAfterCapNanos() != next.retryAfterCapNanos()) {
            backPressure = new BackPressure(next.retryAfterCapNanos());
        }
        settings = next;
    }

    /** A permit now, or a hold with its reserved time; never waits. */
    public Admission tryAdmit(long nowNanos) {
        lock.lock();
        try {
            Admission now = check(nowNanos);
            return now.permitted() ? now : reserve(now.heldBy(), now.waitNanos(), nowNanos);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A permit, waiting up to {@code maxWaitNanos} for one if only the concurrency limit or the
     * rate stands in the way and a permit is expected within that time (counting the ones
     * already waiting here); else, or if none came, a hold as {@link #tryAdmit} gives it.
     */
    public Admission admit(long maxWaitNanos, LongSupplier clock) throws InterruptedException {
        lock.lock();
        try {
            long deadline = clock.getAsLong() + maxWaitNanos;
            while (true) {
                long now = clock.getAsLong();
                Admission first = check(now);
                if (first.permitted()) {
                    return first;
                }
                long expected = first.waitNanos() + waiting * interval(now);
                boolean worthWaiting = (first.heldBy() == Hold.CONCURRENCY || first.heldBy() == Hold.RATE)
                        && deadline - (now + expected) >= 0;
                if (!worthWaiting) {
                    return reserve(first.heldBy(), first.waitNanos(), now);
                }
                waiting++;
                try {
                    // A place comes back with a release, which wakes this; a token with time only.
                    long nap = first.heldBy() == Hold.CONCURRENCY ? deadline - now : Math.min(deadline - now, first.waitNanos());
                    released.awaitNanos(Math.max(1, nap));
                } finally {
                    waiting--;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** A hold for a proxy that has its share of the node's pipeline (PipelineShare): paced as a concurrency hold. */
    public Admission holdForShare(long nowNanos) {
        lock.lock();
        try {
            return reserve(Hold.CONCURRENCY, interval(nowNanos), nowNanos);
        } finally {
            lock.unlock();
        }
    }

    /**
     * How many held requests to call back before their reserved time, now: the room the limit
     * leaves unused, plus what it is expected to free until the next call-back in
     * {@code periodNanos} (those wait for it in the listener, or are held again), when requests
     * are reserved further ahead than a hold at least. Their times were spread by the latency and
     * limit of when they were held; a limit that has grown since, or a target that got faster,
     * would otherwise idle while they wait. The rate, if any, bounds it; the reservations are
     * moved in by as many.
     */
    public int toCallBack(long nowNanos, long periodNanos) {
        lock.lock();
        try {
            if (backPressure.heldForNanos(nowNanos) > 0 || breaker.waitNanos(nowNanos, MIN_HOLD_NANOS) > 0) {
                return 0;
            }
            long ahead = nextSlotNanos - nowNanos;
            if (ahead <= MIN_HOLD_NANOS) {
                return 0;
            }
            long interval = interval(nowNanos);
            long room = Math.max(0, limit.limit() - inFlight - waiting) + periodNanos / interval;
            if (bucket != null) {
                room = Math.min(room, (long) Math.floor(bucket.tokens(nowNanos)) + (long) (periodNanos * settings.perSecond() / 1e9));
            }
            long pace = Math.max(1, (long) (interval / PACE_AHEAD));
            int reserved = (int) Math.min(Integer.MAX_VALUE, ahead / pace);
            int n = (int) Math.max(0, Math.min(room, reserved));
            nextSlotNanos = Math.max(nowNanos, nextSlotNanos - n * pace);
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: a permit (taken) or why not and the bare wait, nothing reserved. */
    private Admission check(long nowNanos) {
        long wait = backPressure.heldForNanos(nowNanos);
        if (wait > 0) {
            return new Admission(null, Hold.TARGET_RETRY_AFTER, wait);
        }
        wait = breaker.waitNanos(nowNanos, Math.max(MIN_HOLD_NANOS, 2 * (long) latencyNanos));
        if (wait > 0) {
            return new Admission(null, Hold.CIRCUIT, wait);
        }
        if (inFlight >= limit.limit()) {
            return new Admission(null, Hold.CONCURRENCY, interval(nowNanos));
        }
        if (bucket != null) {
            wait = bucket.waitNanos(nowNanos);
            if (wait > 0) {
                return new Admission(null, Hold.RATE, wait);
            }
            bucket.tryTake(nowNanos);
        }
        breaker.tryAcquire(nowNanos); // true: its wait was 0 under this same lock
        inFlight++;
        sentAt.merge(nowNanos, 1, Integer::sum);
        return new Admission(new Permit(nowNanos), null, 0);
    }

    /** The next free slot at or after the cause is gone, and the one after it for the next held request. */
    private Admission reserve(Hold reason, long waitNanos, long nowNanos) {
        long slot = Math.max(nowNanos + Math.max(MIN_HOLD_NANOS, waitNanos), nextSlotNanos);
        nextSlotNanos = slot + (long) (interval(nowNanos) / PACE_AHEAD);
        return new Admission(null, reason, slot - nowNanos);
    }

    /**
     * About how long between two permits while the proxy is busy: latency over the limit, or the
     * rate's interval. The latency is at least the age of the oldest attempt in flight: a target
     * that has started to hang has not answered yet, so the smoothed latency still looks fast,
     * and requests paced by it would come back, and be held again, far too often.
     */
    private long interval(long nowNanos) {
        double latency = sentAt.isEmpty() ? latencyNanos : Math.max(latencyNanos, nowNanos - sentAt.firstKey());
        long byLimit = (long) (latency / Math.max(1, limit.limit()));
        long byRate = bucket == null ? 0 : (long) (1e9 / settings.perSecond());
        return Math.max(1, Math.max(byLimit, byRate));
    }

    private void release(Permit permit, Outcome outcome, long latency, long retryAfterNanos, long nowNanos) {
        lock.lock();
        try {
            if (permit.released) {
                return;
            }
            permit.released = true;
            sentAt.computeIfPresent(permit.allowedNanos, (at, n) -> n > 1 ? n - 1 : null);
            int inFlightThen = inFlight;
            inFlight = Math.max(0, inFlight - 1);
            long settledBefore = sentAt.isEmpty() ? nowNanos + 1 : sentAt.firstKey();
            if (outcome == null) {
                breaker.notSent(permit.allowedNanos, nowNanos);
                breaker.settle(settledBefore, nowNanos);
            } else {
                limit.onSample(latency, outcome, inFlightThen, nowNanos);
                breaker.onOutcome(outcome, permit.allowedNanos, nowNanos, settledBefore);
                latencyNanos += LATENCY_WEIGHT * (Math.max(1, latency) - latencyNanos);
                if (retryAfterNanos > 0 && outcome == Outcome.OVERLOAD) {
                    backPressure.retryAfter(retryAfterNanos, nowNanos);
                }
            }
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public Snapshot snapshot(long nowNanos) {
        lock.lock();
        try {
            return new Snapshot(limit.limit(), inFlight, bucket == null ? null : bucket.tokens(nowNanos),
                    breaker.state(nowNanos), breaker.since(), openings, backPressure.heldForNanos(nowNanos));
        } finally {
            lock.unlock();
        }
    }
}
