package ferry.callbacks.boundary;

import ferry.callbacks.control.DeliveryHistory;
import ferry.callbacks.control.DeliveryView;
import ferry.requests.control.RequestAccess;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * {@code /requests/{id}/deliveries}: a request's completion webhooks (CONTRACT.md §8), with the
 * same access rules as the request itself (the admin token, or its proxy's client credential).
 */
@Path("requests/{id}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveriesResource {

    @Inject
    RequestAccess access;

    @Inject
    DeliveryHistory history;

    @Context
    HttpHeaders headers;

    /** Each delivery of the request, oldest first, with every attempt: when, the answer or error, the next try. */
    @GET
    public Deliveries list(@PathParam("id") String id) {
        String requestId = access.visible(id, headers::getHeaderString).getId();
        return new Deliveries(requestId, history.of(requestId));
    }

    /**
     * Sends the delivery of the request's ending again, same {@code webhook-id}: {@code 202} with
     * it; {@code 409} if the request has not ended, has no callback, or its callback is disabled.
     */
    @POST
    @Path("redeliver")
    public Response redeliver(@PathParam("id") String id) {
        String requestId = access.visible(id, headers::getHeaderString).getId();
        return Response.accepted(history.redeliver(requestId)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** The listing's body. */
    public record Deliveries(String requestId, List<DeliveryView> deliveries) {
    }
}
