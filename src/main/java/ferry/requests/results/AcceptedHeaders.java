package ferry.requests.results;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code Ferry-Proxy-*} headers of an accepted request (CONTRACT.md §3): on its {@code 202},
 * and again on the target's answer when that is handed out (§5). A {@code GET} was accepted with
 * a warning that it gains nothing from queuing, repeated on those two answers only (not on a
 * pending one).
 */
public final class AcceptedHeaders {

    static final String GET_WARNING = "GET requests gain nothing from queuing: consider calling the target directly.";

    private AcceptedHeaders() {
    }

    /** Code and message: every answer about an accepted request at an entry point. */
    public static Map<String, String> accepted() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Ferry-Proxy-Code", "OK");
        headers.put("Ferry-Proxy-Message", "Request accepted and stored.");
        return headers;
    }

    /** Code, message and, for a {@code GET}, the warning: the {@code 202} and the target's answer. */
    public static Map<String, String> of(String method) {
        Map<String, String> headers = accepted();
        if ("GET".equals(method)) {
            headers.put("Ferry-Proxy-Warning", GET_WARNING);
        }
        return headers;
    }
}
