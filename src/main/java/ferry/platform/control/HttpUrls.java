package ferry.platform.control;

import java.net.URI;

/** What every URL Ferry sends to must be, wherever it was given (a proxy's callback, {@code Ferry-Callback-Url}). */
public final class HttpUrls {

    private HttpUrls() {
    }

    /** @return whether {@code uri} is an absolute {@code http} or {@code https} URL that names a host */
    public static boolean isAbsoluteHttp(URI uri) {
        return uri.getScheme() != null && uri.getScheme().matches("(?i)https?") && uri.getHost() != null;
    }
}
