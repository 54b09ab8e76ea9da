package ferry.platform.boundary;

import ferry.platform.control.BrokerProbe;
import ferry.platform.control.Destinations;
import ferry.platform.control.HealthReport;
import ferry.platform.control.HealthReport.Check;
import ferry.platform.control.LocalBroker;
import ferry.platform.control.StartupProgress;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;

/**
 * {@code /health/ready} and {@code /health/live} (CONTRACT.md §1), public, served by the WAR in
 * the MicroProfile Health JSON shape. Ready means Ferry can take and forward work: the schema is
 * migrated, the database answers, the broker accepts a session, and the forwarding listener is
 * attached to its queue. Before the WAR is deployed these paths do not exist ({@code 404}), so a
 * probe never sees a {@code 200} that Ferry did not give. Live means the application answers.
 */
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    @Resource(lookup = "jdbc/ferry")
    DataSource dataSource;

    @Inject
    BrokerProbe brokerProbe;

    @Inject
    LocalBroker broker;

    @Inject
    StartupProgress progress;

    @GET
    @Path("ready")
    public Response ready() {
        return answer(readiness());
    }

    @GET
    @Path("live")
    public Response live() {
        return answer(new HealthReport(List.of(new Check("ferry.live", true, null))));
    }

    /** Liveness and readiness together, as MicroProfile Health's {@code /health}. */
    @GET
    public Response all() {
        List<Check> checks = new java.util.ArrayList<>(readiness().checks());
        checks.add(0, new Check("ferry.live", true, null));
        return answer(new HealthReport(checks));
    }

    private HealthReport readiness() {
        boolean migrated = progress.isMigrated();
        return new HealthReport(List.of(
                new Check("ferry.migrations", migrated, migrated ? null : "the schema is being migrated"),
                database(),
                brokerSession(),
                forwarding()));
    }

    private Check database() {
        try (Connection connection = dataSource.getConnection()) {
            return new Check("ferry.database", connection.isValid(2), null);
        } catch (Exception e) {
            return new Check("ferry.database", false, "no connection: " + e.getClass().getSimpleName());
        }
    }

    private Check brokerSession() {
        if (broker.isEmbedded() && !broker.isActive()) {
            return new Check("ferry.broker", false, "the embedded broker is not active");
        }
        String problem = brokerProbe.problem();
        return new Check("ferry.broker", problem == null, problem);
    }

    /** The listener is attached once the resource adapter has activated it (only a local broker can tell). */
    private Check forwarding() {
        var consumers = broker.consumers(Destinations.FORWARD);
        boolean attached = consumers.isEmpty() || consumers.getAsInt() > 0;
        return new Check("ferry.forwarding", attached, attached ? null : "the forwarding listener is not attached yet");
    }

    private static Response answer(HealthReport report) {
        return Response.status(report.httpStatus()).type(MediaType.APPLICATION_JSON_TYPE).entity(report.json()).build();
    }
}
