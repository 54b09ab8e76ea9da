package ferry.requests.boundary;

import ferry.proxies.control.ProxyService;
import ferry.proxies.entity.Proxy;
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
import jakarta.ws.rs.core.MediaType;

/** {@code /requests/{id}}: where an accepted request stands, and its attempts (CONTRACT.md §5). */
@Path("requests")
@Produces(MediaType.APPLICATION_JSON)
public class RequestsResource {

    @Inject
    RequestAccess access;

    @Inject
    ProxyService proxies;

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    @Context
    HttpHeaders headers;

    @GET
    @Path("{id}")
    public RequestStatus status(@PathParam("id") String id) {
        var request = access.visible(id, headers::getHeaderString);
        String settings = proxies.find(request.getProxyId()).map(Proxy::getSettings).orElse(null);
        return RequestStatus.of(request, RequestStatus.retentionOf(settings));
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
