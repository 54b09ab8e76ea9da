package ferry.requests.control;

import ferry.platform.security.AdminToken;
import ferry.platform.problems.Problem;
import ferry.proxies.auth.ClientAuthenticator;
import ferry.proxies.control.ProxyDirectory;
import ferry.proxies.entity.Proxy;
import ferry.requests.entity.ForwardRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Who may see a request (CONTRACT.md §5): the admin, or any client credential of the proxy it was
 * submitted to. No credential is {@code 401}; a wrong one gets the same {@code 404} as an unknown
 * or purged id, so ids of other tenants cannot be probed; a malformed id is {@code 400}.
 */
@ApplicationScoped
public class RequestAccess {

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    @Inject
    AdminToken adminToken;

    @Inject
    ProxyDirectory proxies;

    @Inject
    ClientAuthenticator authenticator;

    public ForwardRequest visible(String id, UnaryOperator<String> headers) {
        return visible(id, headers, key -> em.find(ForwardRequest.class, key), proxies::find);
    }

    /**
     * The decision, with its two look-ups passed in: the request by its (lower-case) id, null if
     * there is none; and its proxy. The admin's call never looks the proxy up.
     */
    ForwardRequest visible(String id, UnaryOperator<String> headers, Function<String, ForwardRequest> requests,
                           Function<String, Optional<Proxy>> proxyById) {
        if (!isUuid(id)) {
            throw Problem.badRequest("Request ids are UUIDs.");
        }
        id = id.toLowerCase(java.util.Locale.ROOT);
        String authorization = headers.apply("Authorization");
        ForwardRequest request = requests.apply(id);
        if (authorization != null && adminToken.matches(authorization)) {
            if (request == null) {
                throw notFound(id);
            }
            return request;
        }
        var proxy = request == null ? null : proxyById.apply(request.getProxyId()).orElse(null);
        if (proxy == null) {
            if (authorization == null && headers.apply(ClientAuthenticator.DEFAULT_API_KEY_HEADER) == null) {
                throw Problem.authMissing("Bearer realm=\"ferry\"");
            }
            throw notFound(id);
        }
        try {
            if (authenticator.authenticate(proxy, headers).isEmpty()) {
                // A proxy without client auth ("none") has no credential that could prove
                // ownership: only the admin reads its requests.
                throw Problem.authMissing("Bearer realm=\"ferry\"");
            }
        } catch (Problem p) {
            boolean presentedSomething = authorization != null
                    || headers.apply(ClientAuthenticator.DEFAULT_API_KEY_HEADER) != null;
            if (p.code().equals("auth-missing") && !presentedSomething) {
                throw p;
            }
            throw notFound(id); // a wrong or foreign credential learns nothing
        }
        return request;
    }

    /**
     * Whether the caller may list {@code proxyId}'s requests (CONTRACT.md §6): the admin, or a
     * client credential of that proxy. No credential is {@code 401}; an unknown proxy and a
     * credential that is not one of its own get the same {@code 404}, so ids cannot be probed.
     */
    public void mayList(String proxyId, UnaryOperator<String> headers) {
        String authorization = headers.apply("Authorization");
        if (authorization != null && adminToken.matches(authorization)) {
            return;
        }
        if (authorization == null && headers.apply(ClientAuthenticator.DEFAULT_API_KEY_HEADER) == null) {
            throw Problem.authMissing("Bearer realm=\"ferry\"");
        }
        Problem notYours = Problem.notFound("proxy-not-found", "No proxy with this id visible to these credentials.");
        var proxy = !ferry.proxies.entity.Proxy.isValidId(proxyId) ? null : proxies.find(proxyId).orElse(null);
        if (proxy == null) {
            throw notYours;
        }
        try {
            if (authenticator.authenticate(proxy, headers).isEmpty()) {
                throw notYours; // clientAuth none: no credential proves ownership
            }
        } catch (Problem p) {
            throw notYours;
        }
    }

    private static Problem notFound(String id) {
        return Problem.notFound("request-not-found", "No request " + id + " visible to these credentials.");
    }

    static boolean isUuid(String id) {
        if (id == null || id.length() != 36) {
            return false;
        }
        try {
            return UUID.fromString(id).toString().equals(id.toLowerCase());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
