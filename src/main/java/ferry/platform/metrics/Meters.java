package ferry.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The WAR's one metrics registry (Micrometer's Prometheus registry) with the JVM's own meters
 * bound to it. Features inject {@link MeterRegistry} and record into it; {@link #scrape} is
 * what {@code /metrics} answers. A registry inside the application rather than the server's
 * MicroProfile Metrics, which both target servers are dropping (FIELD-NOTES), so that
 * {@code /metrics} is the same on each.
 */
@ApplicationScoped
public class Meters {

    private static final Logger LOG = Logger.getLogger(Meters.class.getName());

    @Inject
    @Any
    Instance<ScrapeRefresh> refreshes;

    private PrometheusMeterRegistry registry;
    private JvmGcMetrics gc;

    @PostConstruct
    void start() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc = new JvmGcMetrics();
        gc.bindTo(registry);
    }

    /**
     * The registry itself, not a proxy of it: {@code MeterRegistry} has final methods, which a
     * normal-scoped bean's client proxy cannot intercept. One registry for the application,
     * whatever the scope of who injects it.
     */
    @Produces
    MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text of every meter, readings brought up to date first. */
    public String scrape() {
        for (ScrapeRefresh refresh : refreshes) {
            try {
                refresh.beforeScrape();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "A metrics reading could not be refreshed; it keeps its last value", e);
            }
        }
        return registry.scrape();
    }

    @PreDestroy
    void stop() {
        gc.close();
        registry.close();
    }
}
