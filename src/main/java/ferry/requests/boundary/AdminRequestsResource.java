package ferry.requests.boundary;

import ferry.requests.control.ListingQuery;
import ferry.requests.control.RequestListing;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code /admin/requests}: every proxy's requests, newest first, a page at a time (CONTRACT.md §6). */
@Path("admin/requests")
@Produces(MediaType.APPLICATION_JSON)
public class AdminRequestsResource {

    @Inject
    RequestListing listing;

    @GET
    public RequestListing.Page list(@QueryParam("proxyId") String proxyId, @QueryParam("status") String status,
                                    @QueryParam("since") String since, @QueryParam("until") String until,
                                    @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return listing.list(ListingQuery.parse(proxyId, status, since, until, limit, cursor));
    }
}
