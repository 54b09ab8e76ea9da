package ferry.requests.boundary;

import ferry.proxies.control.ProxyDirectory;
import ferry.requests.control.AttemptView;
import ferry.requests.control.RequestAccess;
import ferry.requests.control.RequestStatus;
import ferry.requests.entity.Attempt;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import ferry.intake.control.Preferences;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import jakarta.ws.rs.core.MediaType;

/** {@code /requests/{id}}: where an accepted request stands, and its attempts (CONTRACT.md §5). */
@Path("requests")
@Produces(MediaType.APPLICATION_JSON)
public class RequestsResource {

    @Inject
    RequestAccess access;

    @Inject
    ProxyDirectory proxies;

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

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
        long retention = proxies.find(request.getProxyId()).map(p -> proxies.settings(p).retentionSeconds)
                .orElse(ferry.proxies.control.ProxySettings.DEFAULT_RETENTION_SECONDS);
        return RequestStatus.of(request, retention);
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
        URI fetchUrl = uri.getBaseUriBuilder().path("requests").path(request.getId()).path("response")
                .queryParam("wait", Preferences.MAX_WAIT_SECONDS).build();
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
        var request = access.visible(id, headers::getHeaderString);
        return em.createNamedQuery(Attempt.OF_REQUEST, Attempt.class)
                .setParameter("requestId", request.getId())
                .getResultList().stream().map(AttemptView::of).toList();
    }
}
