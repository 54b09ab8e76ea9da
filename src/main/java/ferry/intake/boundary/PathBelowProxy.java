package ferry.intake.boundary;

import java.net.URI;

/**
 * The part of a request's path below {@code /{entry}/{proxyId}/}, as the client sent it: still
 * percent-encoded, with every slash it had, a trailing one included (the guard in
 * {@code RequestPath} judges it later). Taken from the request URI rather than from a path
 * parameter, because runtimes differ there: RESTEasy (WildFly) drops a trailing slash from
 * {@code {path: .*}}, Jersey (Payara) keeps it, and {@code /users/} is not {@code /users} to
 * every target.
 */
final class PathBelowProxy {

    private PathBelowProxy() {
    }

    /**
     * @param base    the application's base URI (its path ends with {@code /})
     * @param request the request URI, below {@code base}
     */
    static String of(URI base, URI request) {
        String basePath = base.getRawPath() == null ? "/" : base.getRawPath();
        String path = request.getRawPath() == null ? "" : request.getRawPath();
        String relative = path.startsWith(basePath) ? path.substring(basePath.length()) : path.replaceFirst("^/", "");
        int entryEnd = relative.indexOf('/');
        int proxyEnd = entryEnd < 0 ? -1 : relative.indexOf('/', entryEnd + 1);
        return proxyEnd < 0 ? "" : relative.substring(proxyEnd + 1);
    }
}
