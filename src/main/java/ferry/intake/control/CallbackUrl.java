package ferry.intake.control;

import ferry.platform.control.HttpUrls;
import ferry.platform.problems.Problem;
import ferry.proxies.control.ProxySettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * {@code Ferry-Callback-Url} (CONTRACT.md §3, §8): a request may name where its completion
 * webhook goes, only if its proxy has a callback (the secret that signs it) that allows it.
 * The URL must be absolute {@code http} or {@code https}; the egress guard judges its host
 * apart, as it does the proxy's own callback URL.
 */
public final class CallbackUrl {

    /** The column's size; longer is refused rather than cut. */
    public static final int MAX_LENGTH = 2048;

    private CallbackUrl() {
    }

    /**
     * @param header   the header's value, or null
     * @param callback the proxy's callback, or null
     * @return the URL to store, or empty if the request named none
     */
    public static Optional<String> of(String header, ProxySettings.Callback callback) {
        if (header == null) {
            return Optional.empty();
        }
        if (callback == null || !Boolean.TRUE.equals(callback.allowPerRequest())) {
            throw new Problem(400, "callback-not-allowed", "Callback not allowed",
                    "This proxy does not allow a per-request Ferry-Callback-Url.");
        }
        String url = header.trim();
        if (url.length() > MAX_LENGTH) {
            throw Problem.badRequest("Ferry-Callback-Url is longer than " + MAX_LENGTH + " characters.");
        }
        try {
            URI uri = new URI(url);
            if (!HttpUrls.isAbsoluteHttp(uri) || uri.getRawUserInfo() != null) {
                throw Problem.badRequest("Ferry-Callback-Url must be an absolute http or https URL without user info.");
            }
        } catch (URISyntaxException e) {
            throw Problem.badRequest("Ferry-Callback-Url is not a valid URL.");
        }
        return Optional.of(url);
    }
}
