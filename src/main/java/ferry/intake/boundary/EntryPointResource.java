package ferry.intake.boundary;

import ferry.proxies.entity.EntryPoint;
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
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;

/**
 * The methods both entry points serve (POST, PUT, PATCH, DELETE, GET below
 * {@code /{entry}/{proxyId}/}); HEAD and OPTIONS get {@code 405} with {@code Allow}.
 */
public abstract class EntryPointResource {

    /**
     * {@code {proxyId}}, then anything or nothing: {@code /async/p}, {@code /async/p/} and
     * {@code /async/p/a/b/} all reach the methods below on every runtime (RESTEasy matches a
     * path without its trailing slash). The path itself is read from the request URI
     * ({@link PathBelowProxy}).
     */
    static final String BELOW = "{proxyId}{path: (/.*)?}";

    @Inject
    SubmissionHandler http;

    protected abstract EntryPoint entry();

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @POST
    @Path(EntryPointResource.BELOW)
    public void post(@PathParam("proxyId") String proxyId, InputStream body, @Suspended AsyncResponse async) {
        http.submit(entry(), "POST", proxyId, uri, headers, body, async);
    }

    @PUT
    @Path(EntryPointResource.BELOW)
    public void put(@PathParam("proxyId") String proxyId, InputStream body, @Suspended AsyncResponse async) {
        http.submit(entry(), "PUT", proxyId, uri, headers, body, async);
    }

    @PATCH
    @Path(EntryPointResource.BELOW)
    public void patch(@PathParam("proxyId") String proxyId, InputStream body, @Suspended AsyncResponse async) {
        http.submit(entry(), "PATCH", proxyId, uri, headers, body, async);
    }

    @DELETE
    @Path(EntryPointResource.BELOW)
    public void delete(@PathParam("proxyId") String proxyId, InputStream body, @Suspended AsyncResponse async) {
        http.submit(entry(), "DELETE", proxyId, uri, headers, body, async);
    }

    @GET
    @Path(EntryPointResource.BELOW)
    public void get(@PathParam("proxyId") String proxyId, @Suspended AsyncResponse async) {
        http.submit(entry(), "GET", proxyId, uri, headers, null, async);
    }

    /** HEAD and OPTIONS would otherwise be answered by the runtime (HEAD as a GET: queued!). */
    @HEAD
    @Path(EntryPointResource.BELOW)
    public Response head() {
        throw SubmissionHandler.methodNotAllowed("HEAD");
    }

    @OPTIONS
    @Path(EntryPointResource.BELOW)
    public Response options() {
        throw SubmissionHandler.methodNotAllowed("OPTIONS");
    }
}
