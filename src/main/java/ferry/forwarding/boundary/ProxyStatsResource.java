package ferry.forwarding.boundary;

import ferry.forwarding.health.ProxyActivity;
import ferry.forwarding.pipeline.ProxyGates;
import ferry.forwarding.health.ProxyStats;
import ferry.platform.problems.Problem;
import ferry.requests.control.StateCounts;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.TimeUnit;

/** {@code GET /admin/proxies/{id}/stats} (admin token, CONTRACT.md §6): what a proxy's forwarding is doing. */
@Path("admin/proxies/{id}/stats")
@Produces(MediaType.APPLICATION_JSON)
public class ProxyStatsResource {

    @Inject
    StateCounts counts;

    @Inject
    ProxyActivity activity;

    @Inject
    ProxyGates gates;

    @GET
    public ProxyStats stats(@PathParam("id") String id) {
        // empty for an unknown proxy: the one lookup that decides the 404
        ProxyStats.Limits limits = gates.limits(id).orElseThrow(() -> notFound(id));
        ProxyActivity.Activity now = activity.of(id);
        return ProxyStats.of(id, counts.of(id), now.inFlight(),
                now.recent().summary(System.nanoTime(), TimeUnit.SECONDS.toNanos(ProxyStats.RECENT_SECONDS)), limits);
    }

    private static Problem notFound(String id) {
        return Problem.notFound("proxy-not-found", "No proxy with id " + id + ".");
    }
}
