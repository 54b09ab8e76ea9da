package ferry.intake.boundary;

import ferry.platform.problems.Problem;
import java.util.Map;

/**
 * The {@code Ferry-Proxy-Code} of a refused intake (CONTRACT.md §3), by problem code; a problem
 * not in the table (the runtime's own 405, a bad control header) is a {@code BAD_REQUEST}, or
 * {@code UNAVAILABLE} if the gateway failed.
 */
final class IntakeCodes {

    private static final Map<String, String> BY_PROBLEM = Map.ofEntries(
            Map.entry("proxy-not-found", "PROXY_NOT_FOUND"),
            Map.entry("not-found", "PROXY_NOT_FOUND"), // no resource below /async/ or /proxy/: no such proxy
            Map.entry("mode-not-enabled", "MODE_NOT_ENABLED"),
            Map.entry("auth-missing", "AUTH_MISSING"),
            Map.entry("auth-invalid", "AUTH_INVALID"),
            Map.entry("payload-too-large", "PAYLOAD_TOO_LARGE"),
            Map.entry("uri-too-long", "URI_TOO_LONG"),
            Map.entry("headers-too-large", "HEADERS_TOO_LARGE"),
            Map.entry("idempotency-key-reused", "IDEMPOTENCY_KEY_REUSED"),
            Map.entry("idempotency-key-in-flight", "IDEMPOTENCY_KEY_IN_FLIGHT"),
            Map.entry("rate-limited", "RATE_LIMITED"),
            Map.entry("unavailable", "UNAVAILABLE"));

    private IntakeCodes() {
    }

    static String of(Problem problem) {
        return of(problem.code(), problem.status());
    }

    static String of(String problemCode, int status) {
        String code = problemCode == null ? null : BY_PROBLEM.get(problemCode);
        if (code != null) {
            return code;
        }
        return status >= 500 ? "UNAVAILABLE" : "BAD_REQUEST";
    }
}
