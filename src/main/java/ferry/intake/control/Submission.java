package ferry.intake.control;

import ferry.proxies.entity.EntryPoint;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * A request as a client sent it to an entry point, before anything is checked.
 *
 * @param entry   which entry point it came through
 * @param rawPath the path below the proxy id, still percent-encoded
 * @param rawQuery the query string as sent, or null
 * @param contentLength the declared body length, or -1
 */
public record Submission(EntryPoint entry, String proxyId, String method, String rawPath, String rawQuery,
                         Map<String, List<String>> headers, InputStream body, long contentLength) {

    /** The first value of a header, looked up case-insensitively. */
    public String header(String name) {
        for (var entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }
}
