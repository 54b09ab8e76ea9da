package ferry.intake.boundary;

import ferry.intake.control.Intake;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;

/**
 * {@code /async/{proxyId}/{path}}: queue a request for the proxy's target and answer {@code 202}
 * once it is durable (CONTRACT.md §3). Other methods get {@code 405} with {@code Allow}.
 */
@Path("async/{proxyId}")
public class AsyncIntakeResource {

    @Inject
    Intake intake;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @POST
    @Path("{path: .*}")
    public Response post(@PathParam("proxyId") String proxyId, InputStream body) {
        return submit("POST", proxyId, body);
    }

    @PUT
    @Path("{path: .*}")
    public Response put(@PathParam("proxyId") String proxyId, InputStream body) {
        return submit("PUT", proxyId, body);
    }

    @PATCH
    @Path("{path: .*}")
    public Response patch(@PathParam("proxyId") String proxyId, InputStream body) {
        return submit("PATCH", proxyId, body);
    }

    @DELETE
    @Path("{path: .*}")
    public Response delete(@PathParam("proxyId") String proxyId, InputStream body) {
        return submit("DELETE", proxyId, body);
    }

    @GET
    @Path("{path: .*}")
    public Response get(@PathParam("proxyId") String proxyId) {
        return submit("GET", proxyId, null);
    }

    /** HEAD and OPTIONS would otherwise be answered by the runtime (HEAD as a GET: queued!). */
    @HEAD
    @Path("{path: .*}")
    public Response head() {
        throw IntakeHttp.methodNotAllowed("HEAD");
    }

    @OPTIONS
    @Path("{path: .*}")
    public Response options() {
        throw IntakeHttp.methodNotAllowed("OPTIONS");
    }

    private Response submit(String method, String proxyId, InputStream body) {
        var submission = IntakeHttp.submission("async", method, proxyId, uri, headers, body);
        return IntakeHttp.accepted(intake.accept(submission), uri);
    }
}
