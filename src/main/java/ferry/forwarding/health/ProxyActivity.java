package ferry.forwarding.health;

import ferry.forwarding.target.AttemptResult;
import ferry.proxies.control.ProxyDeleting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What this node's forwarding is doing per proxy: attempts in flight and the recent ones
 * ({@link RecentAttempts}), fed by the forwarding pipeline around every attempt. Per node: with
 * several nodes each knows its own attempts.
 */
@ApplicationScoped
public class ProxyActivity {

    /** Attempts remembered per proxy: enough for percentiles over the last minutes. */
    static final int REMEMBERED = 2048;

    /** One proxy's activity. */
    public static final class Activity {
        private final AtomicInteger inFlight = new AtomicInteger();
        private final RecentAttempts recent = new RecentAttempts(REMEMBERED);

        public int inFlight() {
            return inFlight.get();
        }

        public RecentAttempts recent() {
            return recent;
        }
    }

    private final Map<String, Activity> proxies = new ConcurrentHashMap<>();

    public void started(String proxyId) {
        of(proxyId).inFlight.incrementAndGet();
    }

    /** @param result how the attempt ended; null if sending it failed unexpectedly (it is then only no longer in flight) */
    public void ended(String proxyId, AttemptResult result, long nowNanos) {
        Activity activity = of(proxyId);
        activity.inFlight.decrementAndGet();
        if (result == null) {
            return;
        }
        boolean well = result.answered() && result.status() != 429 && result.status() < 500;
        activity.recent.record(nowNanos, result.durationMs(), well);
    }

    public Activity of(String proxyId) {
        return proxies.computeIfAbsent(proxyId, id -> new Activity());
    }

    /** A deleted proxy leaves nothing behind. */
    void onDeleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) ProxyDeleting deleted) {
        proxies.remove(deleted.proxyId());
    }
}
