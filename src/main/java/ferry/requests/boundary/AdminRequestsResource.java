package ferry.requests.boundary;

import ferry.platform.problems.Problem;
import ferry.requests.control.ListingQuery;
import ferry.requests.control.Replay;
import ferry.requests.control.RequestListing;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code /admin/requests}: every proxy's requests, newest first, a page at a time, and bulk replay (CONTRACT.md §6). */
@Path("admin/requests")
@Produces(MediaType.APPLICATION_JSON)
public class AdminRequestsResource {

    @Inject
    RequestListing listing;

    @Inject
    Replay replay;

    /** What a bulk replay asks for (CONTRACT.md §6). */
    public static class ReplaySpec {
        public String proxyId;
        public String status;
        public String since;
        public String until;
        public Boolean dryRun;
    }

    /**
     * Replays the failed or canceled requests of a proxy that ended in {@code [since, until)}:
     * {@code {"matched","requeued","until"}}; a dry run only counts.
     */
    @POST
    @Path("replay")
    @Consumes(MediaType.APPLICATION_JSON)
    public Replay.Result replay(ReplaySpec spec) {
        if (spec == null) {
            throw Problem.badRequest("A JSON replay definition is required.");
        }
        return replay.run(spec.proxyId, spec.status, ListingQuery.time("since", spec.since),
                ListingQuery.time("until", spec.until), Boolean.TRUE.equals(spec.dryRun));
    }

    @GET
    public RequestListing.Page list(@QueryParam("proxyId") String proxyId, @QueryParam("status") String status,
                                    @QueryParam("since") String since, @QueryParam("until") String until,
                                    @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return listing.list(ListingQuery.parse(proxyId, status, since, until, limit, cursor));
    }
}
