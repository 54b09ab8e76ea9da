package ferry.proxies.boundary;

import ferry.platform.control.Problem;
import ferry.platform.control.SecretBox;
import ferry.proxies.control.ProxyCodec;
import ferry.proxies.control.ProxyDirectory;
import ferry.proxies.control.ProxyService;
import ferry.proxies.control.Requeue;
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

    @Inject
    SecretBox secrets;

    @Inject
    Requeue requeue;

    @Inject
    ProxyDirectory directory;

    @POST
    public Response create(ProxySpec spec, @Context UriInfo uri) {
        var proxy = proxies.create(required(spec));
        directory.forget(proxy.getId());
        return Response.created(uri.getAbsolutePathBuilder().path(proxy.getId()).build())
                .entity(view(proxy)).build();
    }

    @GET
    public List<ProxySpec> list() {
        return proxies.all().stream().map(this::view).toList();
    }

    @GET
    @Path("{id}")
    public ProxySpec get(@PathParam("id") String id) {
        return proxies.find(id).map(this::view)
                .orElseThrow(() -> Problem.notFound("proxy-not-found", "No proxy with id " + id + "."));
    }

    @PUT
    @Path("{id}")
    public ProxySpec replace(@PathParam("id") String id, ProxySpec spec) {
        var proxy = proxies.replace(id, required(spec));
        directory.forget(id);
        return view(proxy);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @QueryParam("force") @DefaultValue("false") boolean force) {
        proxies.delete(id, force);
        directory.forget(id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/pause")
    public ProxySpec pause(@PathParam("id") String id) {
        var proxy = proxies.pause(id);
        directory.forget(id);
        return view(proxy);
    }

    @POST
    @Path("{id}/resume")
    public ProxySpec resume(@PathParam("id") String id) {
        boolean resumed = proxies.resume(id);
        directory.forget(id);
        if (resumed) {
            for (String after = ""; after != null; ) {
                after = requeue.batch(id, after);
            }
        }
        return view(proxies.find(id).orElseThrow(() -> Problem.notFound("proxy-not-found", "No proxy with id " + id + ".")));
    }

    private ProxySpec view(ferry.proxies.entity.Proxy proxy) {
        return ProxyCodec.view(proxy, secrets);
    }

    private static ProxySpec required(ProxySpec spec) {
        if (spec == null) {
            throw Problem.badRequest("A JSON proxy definition is required.");
        }
        return spec;
    }
}
