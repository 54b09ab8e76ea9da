package ferry.proxies.boundary;

import ferry.proxies.control.ProxyService;
import ferry.proxies.control.ProxySpec;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** The admin API for proxies (CONTRACT.md §2); {@code AdminAuthFilter} guards it. */
@Path("admin/proxies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProxiesResource {

    @Inject
    ProxyService proxies;

    @POST
    public Response create(ProxySpec spec, @Context UriInfo uri) {
        ProxySpec created = proxies.create(spec);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id).build()).entity(created).build();
    }

    @GET
    public List<ProxySpec> list() {
        return proxies.all();
    }

    @GET
    @Path("{id}")
    public ProxySpec get(@PathParam("id") String id) {
        return proxies.get(id);
    }

    @PUT
    @Path("{id}")
    public ProxySpec replace(@PathParam("id") String id, ProxySpec spec) {
        return proxies.replace(id, spec);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @QueryParam("force") @DefaultValue("false") boolean force) {
        proxies.delete(id, force);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/pause")
    public ProxySpec pause(@PathParam("id") String id) {
        return proxies.pause(id);
    }

    @POST
    @Path("{id}/resume")
    public ProxySpec resume(@PathParam("id") String id) {
        return proxies.resume(id);
    }
}
