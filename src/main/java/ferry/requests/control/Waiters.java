package ferry.requests.control;

import ferry.platform.control.Deadlines;
import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Clients waiting for a request to finish (long-poll, sync mode), without a thread each: a
 * waiter is a callback, run once, either when the request's completion event arrives or when
 * its time is up. Whoever registers must check the request's state after registering, so that
 * a completion between the check and the registration is not missed.
 */
@ApplicationScoped
public class Waiters {

    @Inject
    Deadlines deadlines;

    private final Map<String, Set<Waiter>> waiting = new ConcurrentHashMap<>();

    /** Calls {@code then} once: at completion of {@code requestId}, or after {@code timeout}. */
    public Waiter await(String requestId, Duration timeout, Runnable then) {
        Waiter waiter = new Waiter(requestId, then);
        waiting.computeIfAbsent(requestId, id -> ConcurrentHashMap.newKeySet()).add(waiter);
        waiter.timeout = deadlines.after(timeout, waiter::fire);
        return waiter;
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
                ScheduledFuture<?> pending = timeout;
                if (pending != null) {
                    pending.cancel(false);
                }
                Set<Waiter> others = waiting.get(requestId);
                if (others != null) {
                    others.remove(this);
                    if (others.isEmpty()) {
                        waiting.remove(requestId, others);
                    }
                }
                then.run();
            }
        }
    }
}
