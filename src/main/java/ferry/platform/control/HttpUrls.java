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

    /**
     * An I/O error as a log line or attempt record may show it: its kind and message, without the
     * URL's query string, which may carry a credential (a target's, a webhook receiver's token).
     */
    public static String describeWithoutQuery(java.io.IOException e, URI url) {
        String message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        String query = url.getRawQuery();
        return query == null ? message : message.replace(query, "…");
    }
}
