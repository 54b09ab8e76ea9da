package ferry.requests.boundary;

import ferry.proxies.control.ProxyDirectory;
import ferry.requests.control.AttemptHistory;
import ferry.requests.control.AttemptView;
import ferry.requests.results.Preferences;
import ferry.requests.control.RequestAccess;
import ferry.requests.control.RequestStatus;
import ferry.requests.results.ResultAnswers;
import ferry.requests.results.ResultUrls;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
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
    RequestAccess access;

    @Inject
    ProxyDirectory proxies;

    @Inject
    AttemptHistory attempts;

    @Inject
    ResultAnswers answers;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @GET
    @Path("{id}")
    public RequestStatus status(@PathParam("id") String id) {
        var request = access.visible(id, headers::getHeaderString);
        return RequestStatus.of(request, proxies.retentionSeconds(request.getProxyId()));
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
        if (wait != null) {
            extra.put("Preference-Applied", "wait=" + seconds);
        }
        if (seconds == 0 || request.getState().isTerminal()) {
            async.resume(answers.now(request.getId(), fetchUrl, extra));
        } else {
            answers.whenDone(request.getId(), Duration.ofSeconds(seconds), async, fetchUrl, extra);
        }
    }

    @GET
    @Path("{id}/attempts")
    public List<AttemptView> attempts(@PathParam("id") String id) {
        return attempts.of(access.visible(id, headers::getHeaderString).getId());
    }
}
