package ferry.platform.boundary;

import ferry.platform.metrics.Meters;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/**
 * {@code GET /metrics} (CONTRACT.md §1): public, Prometheus text format 0.0.4, aggregates per
 * proxy only. Served by the WAR; Payara's own MicroProfile Metrics endpoint, which would
 * otherwise answer on the same path, is switched off before boot (server-config/payara).
 */
@Path("metrics")
public class MetricsResource {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    @Inject
    Meters meters;

    @GET
    @Produces(PROMETHEUS_TEXT)
    public String scrape() {
        return meters.scrape();
    }
}
