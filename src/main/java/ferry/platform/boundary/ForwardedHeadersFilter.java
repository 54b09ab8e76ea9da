package ferry.platform.boundary;

import ferry.platform.control.ForwardedOrigin;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * With {@code ferry.http.trust-forwarded=true} (Ferry behind a reverse proxy that sets them), the
 * absolute URLs Ferry hands out use the scheme and host of {@code Forwarded} /
 * {@code X-Forwarded-*} ({@link ForwardedOrigin}); otherwise those headers are ignored.
 */
@Provider
@PreMatching
public class ForwardedHeadersFilter implements ContainerRequestFilter {

    @Inject
    @ConfigProperty(name = "ferry.http.trust-forwarded", defaultValue = "false")
    boolean trusted;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!trusted) {
            return;
        }
        URI base = request.getUriInfo().getBaseUri();
        URI requestUri = request.getUriInfo().getRequestUri();
        String forwarded = request.getHeaderString("Forwarded");
        String proto = request.getHeaderString("X-Forwarded-Proto");
        String host = request.getHeaderString("X-Forwarded-Host");
        String port = request.getHeaderString("X-Forwarded-Port");
        ForwardedOrigin.apply(base, forwarded, proto, host, port).ifPresent(newBase ->
                request.setRequestUri(newBase, ForwardedOrigin.apply(requestUri, forwarded, proto, host, port)
                        .orElse(requestUri)));
    }
}
