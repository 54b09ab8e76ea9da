package ferry.platform.boundary;

import ferry.platform.security.AdminToken;
import ferry.platform.problems.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/** Everything under {@code /admin} answers only to the admin bearer token (CONTRACT.md §2). */
@Provider
@PreMatching
public class AdminAuthFilter implements ContainerRequestFilter {

    @Inject
    AdminToken adminToken;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!(path.equals("admin") || path.startsWith("admin/") || path.startsWith("/admin"))) {
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            throw Problem.authMissing("Bearer realm=\"ferry-admin\"");
        }
        if (!adminToken.matches(authorization)) {
            throw Problem.authInvalid();
        }
    }
}
