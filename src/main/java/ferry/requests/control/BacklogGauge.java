package ferry.requests.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * How many unfinished requests each proxy holds, as intake checks {@code limits.maxBacklog} on
 * every request: counted in the database at most once per refresh interval per proxy (a count is
 * a scan of the proxy's unfinished rows), plus what this node accepted since. Approximate by
 * design: other nodes' acceptances show at the next count, so a proxy can exceed its backlog by
 * what the other nodes accept within one interval; requests ending meanwhile make it err on the
 * strict side.
 */
public final class BacklogGauge {

    private final long refreshNanos;
    private final LongSupplier nanoClock;
    private final ToLongFunction<String> count;
    private final Map<String, Reading> readings = new ConcurrentHashMap<>();

    /** One proxy's last count, and what was accepted since it. */
    private static final class Reading {
        long counted;
        long countedAt;
        long addedSince;
    }

    public BacklogGauge(long refreshNanos, LongSupplier nanoClock, ToLongFunction<String> count) {
        this.refreshNanos = refreshNanos;
        this.nanoClock = nanoClock;
        this.count = count;
    }

    /** The proxy's unfinished requests, counting again if the last count is older than the interval. */
    public long unfinished(String proxyId) {
        long now = nanoClock.getAsLong();
        Reading reading = readings.computeIfAbsent(proxyId, id -> new Reading());
        synchronized (reading) {
            if (reading.countedAt == 0 || now - reading.countedAt > refreshNanos) {
                reading.counted = count.applyAsLong(proxyId);
                reading.countedAt = now;
                reading.addedSince = 0;
            }
            return reading.counted + reading.addedSince;
        }
    }

    /** This node accepted a request for the proxy (counted until the next count sees it). */
    public void added(String proxyId) {
        Reading reading = readings.get(proxyId);
        if (reading != null) {
            synchronized (reading) {
                reading.addedSince++;
            }
        }
    }

    /** A deleted proxy's reading goes with it. */
    public void forget(String proxyId) {
        readings.remove(proxyId);
    }
}
