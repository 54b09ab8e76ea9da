package ferry.intake.control;

import ferry.platform.control.HopByHop;
import ferry.platform.problems.Problem;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which of the client's headers are kept to be forwarded: everything but hop-by-hop headers
 * (and those named in {@code Connection}), {@code Host}, {@code Content-Length}, the client's own
 * credential and Ferry's control headers (CONTRACT.md §4). Names are lower-case, as stored.
 */
public final class StoredHeaders {

    /** Consumed by Ferry, never forwarded. */
    static final Set<String> CONTROL = Set.of("idempotency-key", "prefer", "ferry-delay", "ferry-not-before",
            "ferry-retries", "ferry-callback-url", "ferry-request-id", "ferry-attempt");
    /**
     * Below the HTTP listener's own limits (100 headers, an 8 KiB header buffer), so that a client
     * over them gets Ferry's 431 rather than the container's bare 400.
     */
    static final int MAX_HEADERS = 64;
    static final int MAX_HEADER_BYTES = 6 * 1024;

    private StoredHeaders() {
    }

    /**
     * @param headers          the request's headers, any case
     * @param credentialHeader the header that carried the client's credential, or null
     */
    public static Map<String, List<String>> of(Map<String, List<String>> headers, String credentialHeader) {
        checkSize(headers);
        Set<String> dropped = HopByHop.namesToDrop(headers);
        Map<String, List<String>> kept = new TreeMap<>();
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            for (String value : values) {
                if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
                    throw Problem.badRequest("Header " + name + " contains CR, LF or NUL.");
                }
            }
            boolean credential = credentialHeader != null && lower.equalsIgnoreCase(credentialHeader);
            if (!dropped.contains(lower) && !CONTROL.contains(lower) && !credential
                    && !lower.equals("host") && !lower.equals("content-length")) {
                kept.computeIfAbsent(lower, k -> new java.util.ArrayList<>()).addAll(values);
            }
        });
        return kept;
    }

    private static void checkSize(Map<String, List<String>> headers) {
        int count = 0;
        int bytes = 0;
        for (var entry : headers.entrySet()) {
            for (String value : entry.getValue()) {
                count++;
                bytes += entry.getKey().length() + value.length() + 4;
            }
        }
        if (count > MAX_HEADERS || bytes > MAX_HEADER_BYTES) {
            throw new Problem(431, "headers-too-large", "Request headers too large",
                    "At most " + MAX_HEADERS + " headers and " + MAX_HEADER_BYTES + " bytes of headers are accepted.");
        }
    }
}
