package ferry.requests.boundary;

import ferry.proxies.control.ProxyDirectory;
import ferry.requests.control.AttemptHistory;
import ferry.requests.control.AttemptView;
import ferry.requests.results.Preferences;
import ferry.requests.results.ResultMeters;
import ferry.platform.control.Json;
import ferry.requests.control.RequestAccess;
import ferry.platform.problems.Problem;
import ferry.requests.control.ListingQuery;
import ferry.requests.control.RequestControl;
import ferry.requests.control.RequestListing;
import ferry.requests.control.RequestStatus;
import ferry.requests.results.ResultAnswers;
import ferry.requests.results.ResultUrls;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /requests/{id}}: where an accepted request stands, and its attempts (CONTRACT.md §5). */
@Path("requests")
@Produces(MediaType.APPLICATION_JSON)
public class RequestsResource {

    @Inject
    ResultMeters meters;

    @Inject
    RequestAccess access;

    @Inject
    ProxyDirectory proxies;

    @Inject
    AttemptHistory attempts;

    @Inject
    ResultAnswers answers;

    @Inject
    RequestControl control;

    @Inject
    RequestListing listing;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    /**
     * The requests of one proxy, newest first, a page at a time (CONTRACT.md §6): with that
     * proxy's own credential (or the admin token); {@code proxyId} is required.
     */
    @GET
    public RequestListing.Page list(@QueryParam("proxyId") String proxyId, @QueryParam("status") String status,
                                    @QueryParam("since") String since, @QueryParam("until") String until,
                                    @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        if (proxyId == null || proxyId.isBlank()) {
            throw Problem.badRequest("proxyId: required (the proxy whose requests to list).");
        }
        access.mayList(proxyId, headers::getHeaderString);
        return listing.list(ListingQuery.parse(proxyId, status, since, until, limit, cursor));
    }

    @GET
    @Path("{id}")
    public RequestStatus status(@PathParam("id") String id) {
        var request = access.visible(id, headers::getHeaderString);
        return RequestStatus.of(request, proxies);
    }

    /**
     * The target's answer once there is one; {@code ?wait=N} (at most 25 s) holds the call until
     * the request ends or N passes, suspended rather than holding a thread.
     */
    @GET
    @Path("{id}/response")
    @Produces(MediaType.WILDCARD)
    public void response(@PathParam("id") String id, @QueryParam("wait") String wait, @Suspended AsyncResponse async) {
        var request = access.visible(id, headers::getHeaderString);
        URI fetchUrl = ResultUrls.fetch(uri.getBaseUri(), request.getId());
        Map<String, String> extra = new LinkedHashMap<>();
        int seconds = wait == null ? 0 : Preferences.seconds(wait);
        meters.fetched(request.getProxyId(), seconds > 0);
        if (wait != null) {
            extra.put("Preference-Applied", "wait=" + seconds);
        }
        if (seconds == 0 || request.getState().isTerminal()) {
            async.resume(answers.now(request.getId(), fetchUrl, extra));
        } else {
            answers.whenDone(request.getId(), Duration.ofSeconds(seconds), async, fetchUrl, extra);
        }
    }

    /** Cancels a waiting request (CONTRACT.md §6): {@code 200} with its status, {@code 409} if it no longer waits. */
    @POST
    @Path("{id}/cancel")
    public RequestStatus cancel(@PathParam("id") String id) {
        var request = control.cancel(access.visible(id, headers::getHeaderString).getId());
        return RequestStatus.of(request, proxies);
    }

    /**
     * Retries a failed or canceled request (CONTRACT.md §6): {@code 202} as at intake, with its
     * status URL; {@code 409} in any other state.
     */
    @POST
    @Path("{id}/retry")
    public Response retry(@PathParam("id") String id) {
        var request = control.retry(access.visible(id, headers::getHeaderString).getId());
        String body = Json.object()
                .add("status", request.getState().label())
                .add("requestId", request.getId())
                .add("message", "The request has been queued again: a new series of attempts.")
                .build().toString();
        return Response.accepted(body).type(MediaType.APPLICATION_JSON_TYPE)
                .location(ResultUrls.status(uri.getBaseUri(), request.getId()))
                .header("Ferry-Request-Id", request.getId())
                .build();
    }

    @GET
    @Path("{id}/attempts")
    public List<AttemptView> attempts(@PathParam("id") String id) {
        return attempts.of(access.visible(id, headers::getHeaderString).getId());
    }
}
