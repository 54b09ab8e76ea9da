package ferry.forwarding.pipeline;

import ferry.forwarding.limits.CircuitBreaker;
import ferry.forwarding.limits.ProxyGate;
import ferry.platform.metrics.ScrapeRefresh;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * This node's adaptive forwarding per proxy, read from its gates at each scrape: the limit in
 * force, attempts in flight, the breaker's state (1 for the state it is in) and how often it
 * opened. A proxy whose gate is gone (deleted) drops out of the next scrape.
 */
@ApplicationScoped
public class GateMeters implements ScrapeRefresh {

    @Inject
    MeterRegistry registry;

    @Inject
    ProxyGates gates;

    private MultiGauge limit;
    private MultiGauge inFlight;
    private MultiGauge circuit;
    private MultiGauge openings;

    @PostConstruct
    void start() {
        limit = MultiGauge.builder("ferry.forwarding.limit")
                .description("Concurrency limit in force on this node, per proxy").register(registry);
        inFlight = MultiGauge.builder("ferry.forwarding.in.flight")
                .description("Attempts holding a permit on this node (claim and send), per proxy").register(registry);
        circuit = MultiGauge.builder("ferry.forwarding.circuit.state")
                .description("1 for the state the proxy's circuit breaker is in on this node, else 0").register(registry);
        openings = MultiGauge.builder("ferry.forwarding.circuit.openings")
                .description("Times the proxy's breaker opened on this node since the node started").register(registry);
    }

    @Override
    public void beforeScrape() {
        Map<String, ProxyGate.Snapshot> snapshots = gates.snapshots();
        List<MultiGauge.Row<?>> limits = new ArrayList<>();
        List<MultiGauge.Row<?>> flights = new ArrayList<>();
        List<MultiGauge.Row<?>> states = new ArrayList<>();
        List<MultiGauge.Row<?>> opened = new ArrayList<>();
        snapshots.forEach((proxyId, s) -> {
            Tags proxy = Tags.of("proxy", proxyId);
            limits.add(MultiGauge.Row.of(proxy, s.limit()));
            flights.add(MultiGauge.Row.of(proxy, s.inFlight()));
            opened.add(MultiGauge.Row.of(proxy, s.circuitOpenings()));
            for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
                states.add(MultiGauge.Row.of(proxy.and("state", state.label()), state == s.circuit() ? 1 : 0));
            }
        });
        limit.register(limits, true);
        inFlight.register(flights, true);
        circuit.register(states, true);
        openings.register(opened, true);
    }
}
