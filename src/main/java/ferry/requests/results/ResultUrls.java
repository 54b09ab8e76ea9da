package ferry.requests.results;

import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;

/** The absolute URLs Ferry hands out for a request (CONTRACT.md §5), built from the call's base URI. */
public final class ResultUrls {

    private ResultUrls() {
    }

    /** {@code /requests/{id}}: the status document, the {@code Location} of a {@code 202}. */
    public static URI status(URI base, String requestId) {
        return UriBuilder.fromUri(base).path("requests").path(requestId).build();
    }

    /** {@code /requests/{id}/response?wait=25}: fetching it long-polls, as a fetch-later client expects. */
    public static URI fetch(URI base, String requestId) {
        return UriBuilder.fromUri(base).path("requests").path(requestId).path("response")
                .queryParam("wait", Preferences.MAX_WAIT_SECONDS).build();
    }
}
