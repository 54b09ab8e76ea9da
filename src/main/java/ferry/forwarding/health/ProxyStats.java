package ferry.forwarding.health;

import ferry.requests.entity.RequestState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A proxy's stats as {@code GET /admin/proxies/{id}/stats} shows them (CONTRACT.md §6). Counts
 * and the backlog are the database's (every node's requests); in-flight attempts, the success
 * rate, the latency and the drain estimate are this node's, over its recent attempts.
 */
public class ProxyStats {

    /** The window the recent figures are over. */
    public static final long RECENT_SECONDS = 300;

    public String proxyId;
    public Map<String, Long> counts;
    /** Unfinished requests: queued, processing and retrying. */
    public long backlog;
    /** The backlog divided by this node's recent completion rate; absent when nothing completed lately. */
    public Long drainSeconds;
    public Integer recentAttempts;
    public long recentSeconds = RECENT_SECONDS;
    /** The share of recent attempts at which the target answered and was not overloaded (not 429 or 5xx). */
    public Double successRate;
    public Latency latencyMs;
    public int inFlight;

    /** Target latency percentiles over the recent attempts (nearest rank). */
    public record Latency(long p50, long p95, long p99) {
    }

    public static ProxyStats of(String proxyId, Map<RequestState, Long> counts, int inFlight,
                                RecentAttempts.Summary recent) {
        ProxyStats stats = new ProxyStats();
        stats.proxyId = proxyId;
        stats.counts = new LinkedHashMap<>();
        counts.forEach((state, n) -> stats.counts.put(state.label(), n));
        stats.backlog = RequestState.UNFINISHED.stream().mapToLong(state -> counts.getOrDefault(state, 0L)).sum();
        stats.inFlight = inFlight;
        stats.recentAttempts = recent.attempts();
        stats.successRate = recent.successRate();
        if (recent.attempts() > 0) {
            stats.latencyMs = new Latency(recent.p50Ms(), recent.p95Ms(), recent.p99Ms());
            stats.drainSeconds = (long) Math.ceil(stats.backlog / recent.perSecond());
        }
        return stats;
    }
}
