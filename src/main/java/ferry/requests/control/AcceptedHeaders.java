package ferry.requests.control;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code Ferry-Proxy-*} headers of an accepted request (CONTRACT.md §3): on its {@code 202},
 * and again on the target's answer when that is handed out (§5). A {@code GET} was accepted with
 * a warning that it gains nothing from queuing.
 */
public final class AcceptedHeaders {

    static final String GET_WARNING = "GET requests gain nothing from queuing: consider calling the target directly.";

    private AcceptedHeaders() {
    }

    public static Map<String, String> of(String method) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Ferry-Proxy-Code", "OK");
        headers.put("Ferry-Proxy-Message", "Request accepted and stored.");
        if ("GET".equals(method)) {
            headers.put("Ferry-Proxy-Warning", GET_WARNING);
        }
        return headers;
    }
}
