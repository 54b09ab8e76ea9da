package ferry.requests.boundary;

import ferry.proxies.control.ProxyService;
import ferry.proxies.entity.Proxy;
import ferry.requests.control.RequestAccess;
import ferry.requests.control.RequestStatus;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/** {@code /requests/{id}}: where an accepted request stands (CONTRACT.md §5). */
@Path("requests")
@Produces(MediaType.APPLICATION_JSON)
public class RequestsResource {

    @Inject
    RequestAccess access;

    @Inject
    ProxyService proxies;

    @Context
    HttpHeaders headers;

    @GET
    @Path("{id}")
    public RequestStatus status(@PathParam("id") String id) {
        var request = access.visible(id, headers::getHeaderString);
        String settings = proxies.find(request.getProxyId()).map(Proxy::getSettings).orElse(null);
        return RequestStatus.of(request, RequestStatus.retentionOf(settings));
    }
}
