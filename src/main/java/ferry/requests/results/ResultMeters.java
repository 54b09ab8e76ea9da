package ferry.requests.results;

import ferry.platform.metrics.ScrapeRefresh;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Results' meters: fetches of a request's answer (per proxy, with or without {@code ?wait}) and
 * the clients waiting for an ending right now on this node (long-polls and sync-mode callers).
 * A {@link ScrapeRefresh} only so that the first scrape makes it, and the gauge shows 0 before
 * anyone fetched.
 */
@ApplicationScoped
public class ResultMeters implements ScrapeRefresh {

    @Inject
    MeterRegistry registry;

    @Inject
    Waiters waiters;

    @PostConstruct
    void start() {
        Gauge.builder("ferry.results.waiting", waiters, Waiters::count)
                .description("Clients waiting for a request to end on this node (long-polls, sync mode)")
                .register(registry);
    }

    /** A client fetched a request's answer; {@code waiting}: with {@code ?wait}. */
    public void fetched(String proxyId, boolean waiting) {
        Counter.builder("ferry.results.fetches")
                .description("Fetches of a request's answer, per proxy, with ?wait (long-poll) or without")
                .tag("proxy", proxyId)
                .tag("wait", waiting ? "long-poll" : "none")
                .register(registry)
                .increment();
    }

    @Override
    public void beforeScrape() {
        // the gauge reads the waiters itself
    }
}
