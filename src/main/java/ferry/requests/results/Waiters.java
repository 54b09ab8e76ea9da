package ferry.requests.results;

import ferry.platform.concurrent.Deadlines;
import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Clients waiting for a request to finish (long-poll, sync mode), without a thread each: a
 * waiter is a callback, run once, either when the request's completion event arrives or when
 * its time is up. Whoever registers must check the request's state after registering, so that
 * a completion between the check and the registration is not missed.
 *
 * <p>A request's set of waiters is changed only inside {@code compute}/{@code computeIfPresent}
 * of the map (or removed whole by {@link #finished}), so adding a waiter and removing the set once
 * its last waiter left are atomic with respect to each other (issue 11.5).
 */
@ApplicationScoped
public class Waiters {

    @Inject
    Deadlines deadlines;

    private final Map<String, Set<Waiter>> waiting = new ConcurrentHashMap<>();
    /** Clients waiting now, for the metrics. */
    private final java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
    /** Schedules a waiter's time-out: {@link Deadlines#after} in the server. */
    private final BiFunction<Duration, Runnable, ScheduledFuture<?>> after;
    /** Makes the set of one request's waiters: a concurrent set in the server. */
    private final Supplier<Set<Waiter>> newSet;

    public Waiters() {
        this.after = (delay, task) -> deadlines.after(delay, task);
        this.newSet = ConcurrentHashMap::newKeySet;
    }

    /** For unit tests: time-outs on a scheduler of their own, and sets they can watch. */
    Waiters(BiFunction<Duration, Runnable, ScheduledFuture<?>> after, Supplier<Set<Waiter>> newSet) {
        this.after = after;
        this.newSet = newSet;
    }

    /** Calls {@code then} once: at completion of {@code requestId}, or after {@code timeout}. */
    public Waiter await(String requestId, Duration timeout, Runnable then) {
        Waiter waiter = new Waiter(requestId, then);
        count.incrementAndGet();
        // Atomic per request with the removal in fire(): a set found empty and being removed can
        // never take a new waiter, which would be lost with it until its time-out.
        waiting.compute(requestId, (id, waiters) -> {
            Set<Waiter> set = waiters == null ? newSet.get() : waiters;
            set.add(waiter);
            return set;
        });
        waiter.timeout = after.apply(timeout, waiter::fire);
        return waiter;
    }

    /** How many clients wait for an ending now (long-polls and sync-mode callers). */
    public int count() {
        return count.get();
    }

    /** The request finished: run its waiters. */
    public void finished(String requestId) {
        Set<Waiter> waiters = waiting.remove(requestId);
        if (waiters != null) {
            waiters.forEach(Waiter::fire);
        }
    }

    /** One waiting client. */
    public final class Waiter {
        private final String requestId;
        private final Runnable then;
        private final AtomicBoolean fired = new AtomicBoolean();
        private volatile ScheduledFuture<?> timeout;

        private Waiter(String requestId, Runnable then) {
            this.requestId = requestId;
            this.then = then;
        }

        /** Runs the callback now (if it has not run yet). */
        public void fire() {
            if (fired.compareAndSet(false, true)) {
                count.decrementAndGet();
                ScheduledFuture<?> pending = timeout;
                if (pending != null) {
                    pending.cancel(false);
                }
                waiting.computeIfPresent(requestId, (id, others) -> {
                    others.remove(this);
                    return others.isEmpty() ? null : others;
                });
                then.run();
            }
        }
    }
}
