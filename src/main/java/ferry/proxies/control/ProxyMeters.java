package ferry.proxies.control;

import ferry.platform.metrics.ScrapeRefresh;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A deleted proxy's meters go with it, whichever feature made them: the proxy label stays
 * bounded because deleting a proxy removes its series. Removed when the deletion commits, and
 * again at each scrape for a while after: what ends with the deletion (its requests canceled in
 * the same transaction, an attempt still in flight) is counted after it.
 */
@ApplicationScoped
public class ProxyMeters implements ScrapeRefresh {

    /** How long after its deletion a proxy's late meters are still removed. */
    static final Duration LINGER = Duration.ofMinutes(10);

    @Inject
    MeterRegistry registry;

    @Inject
    ProxyDirectory proxies;

    /** Deleted proxies and when (System.nanoTime). */
    private final Map<String, Long> deleted = new ConcurrentHashMap<>();

    void onDeleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) ProxyDeleting deleting) {
        deleted.put(deleting.proxyId(), System.nanoTime());
        remove(deleting.proxyId());
    }

    @Override
    public void beforeScrape() {
        long now = System.nanoTime();
        deleted.forEach((proxyId, at) -> {
            if (now - at > LINGER.toNanos() || proxies.find(proxyId).isPresent()) {
                deleted.remove(proxyId); // long gone, or defined again: its meters are its own
            } else {
                remove(proxyId);
            }
        });
    }

    private void remove(String proxyId) {
        List<Meter> meters = new ArrayList<>();
        for (Meter meter : registry.getMeters()) {
            if (proxyId.equals(meter.getId().getTag("proxy"))) {
                meters.add(meter);
            }
        }
        meters.forEach(registry::remove);
    }
}
