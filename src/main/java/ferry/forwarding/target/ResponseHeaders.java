package ferry.forwarding.target;

import ferry.platform.control.HopByHop;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hc.core5.http.Header;

/**
 * Which of a target's response headers are stored and handed back (CONTRACT.md §5): all but
 * hop-by-hop headers and {@code Content-Length}, names in lower case, and at most
 * {@link #MAX_VALUES} values and {@link #MAX_BYTES} bytes of them, so that one target cannot make
 * Ferry store (and load with every status lookup) an unbounded answer. What is left out is marked
 * with {@code ferry-response-headers-truncated: true}.
 */
final class ResponseHeaders {

    static final int MAX_VALUES = 100;
    static final int MAX_BYTES = 32 * 1024;
    static final String TRUNCATED = "ferry-response-headers-truncated";
    private static final Set<String> NOT_STORED = Set.of("content-length");

    private ResponseHeaders() {
    }

    static Map<String, List<String>> kept(Header[] received) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int values = 0;
        int bytes = 0;
        for (Header header : received) {
            String name = header.getName().toLowerCase(Locale.ROOT);
            if (HopByHop.NAMES.contains(name) || NOT_STORED.contains(name)) {
                continue;
            }
            String value = header.getValue() == null ? "" : header.getValue();
            int size = name.length() + value.length() + 4;
            if (values + 1 > MAX_VALUES || bytes + size > MAX_BYTES) {
                headers.put(TRUNCATED, List.of("true"));
                break;
            }
            values++;
            bytes += size;
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return headers;
    }
}
