package ferry.forwarding.health;

import ferry.forwarding.limits.ProxyGate;
import java.time.Instant;
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
    /** The concurrency limit in force on this node: adaptive between 1 and maxConcurrency, or maxConcurrency. */
    public int concurrencyLimit;
    public int maxConcurrency;
    public boolean adaptive;
    /** Permits of {@code forwardPerSecond} there now; absent without a rate. */
    public Double tokens;
    /** How much longer the target's own {@code Retry-After} holds the proxy; absent when it does not. */
    public Double retryAfterSeconds;
    public Circuit circuit;

    /** Target latency percentiles over the recent attempts (nearest rank). */
    public record Latency(long p50, long p95, long p99) {
    }

    /**
     * The proxy's circuit breaker on this node.
     *
     * @param state    closed, open or half-open
     * @param since    when it moved to that state (or this node first forwarded for the proxy)
     * @param openings how often it has opened on this node since then
     */
    public record Circuit(String state, String since, long openings) {
    }

    /** This node's limits in force, from the proxy's gate. */
    public record Limits(int concurrencyLimit, int maxConcurrency, boolean adaptive, Double tokens,
                         Double retryAfterSeconds, Circuit circuit) {

        /** From a gate's snapshot taken at {@code nowNanos}, which is {@code now} on the wall clock. */
        public static Limits of(ProxyGate.Snapshot gate, ProxyGate.Settings settings, long nowNanos, Instant now) {
            Instant since = now.minusNanos(Math.max(0, nowNanos - gate.circuitSinceNanos()));
            return new Limits(gate.limit(), settings.maxConcurrency(), settings.adaptive(),
                    gate.tokens() == null ? null : Math.floor(gate.tokens() * 100) / 100,
                    gate.retryAfterNanos() > 0 ? gate.retryAfterNanos() / 1e9 : null,
                    new Circuit(gate.circuit().label(), since.toString(),
                            gate.circuitOpenings()));
        }
    }

    public static ProxyStats of(String proxyId, Map<RequestState, Long> counts, int inFlight,
                                RecentAttempts.Summary recent, Limits limits) {
        ProxyStats stats = new ProxyStats();
        stats.proxyId = proxyId;
        stats.counts = new LinkedHashMap<>();
        counts.forEach((state, n) -> stats.counts.put(state.label(), n));
        stats.backlog = RequestState.UNFINISHED.stream().mapToLong(state -> counts.getOrDefault(state, 0L)).sum();
        stats.inFlight = inFlight;
        stats.concurrencyLimit = limits.concurrencyLimit();
        stats.maxConcurrency = limits.maxConcurrency();
        stats.adaptive = limits.adaptive();
        stats.tokens = limits.tokens();
        stats.retryAfterSeconds = limits.retryAfterSeconds();
        stats.circuit = limits.circuit();
        stats.recentAttempts = recent.attempts();
        stats.successRate = recent.successRate();
        if (recent.attempts() > 0) {
            stats.latencyMs = new Latency(recent.p50Ms(), recent.p95Ms(), recent.p99Ms());
            stats.drainSeconds = (long) Math.ceil(stats.backlog / recent.perSecond());
        }
        return stats;
    }
}
