package ferry.platform.boundary;

import ferry.platform.security.AdminToken;
import ferry.platform.problems.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /bench/noop}: the benchmark's ceiling — the same server, the same JAX-RS path, a
 * credential check and the body read, and nothing stored. Off unless
 * {@code ferry.bench.noop-endpoint=true} (then 404 like any unknown path).
 */
@Path("bench/noop")
public class NoOpResource {

    @Inject
    @ConfigProperty(name = "ferry.bench.noop-endpoint", defaultValue = "false")
    boolean enabled;

    @Inject
    AdminToken adminToken;

    @POST
    public Response noop(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, InputStream body) throws IOException {
        if (!enabled) {
            throw Problem.notFound("not-found", "No resource at this path.");
        }
        if (!adminToken.matches(authorization)) {
            throw Problem.authInvalid();
        }
        body.transferTo(java.io.OutputStream.nullOutputStream());
        return Response.accepted("{\"status\":\"noop\"}").type("application/json").build();
    }
}
