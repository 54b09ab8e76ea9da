package ferry.requests.results;

import ferry.platform.problems.Problem;
import java.util.OptionalInt;

/**
 * The client's {@code Prefer} header (RFC 7240) as far as Ferry honours it: {@code respond-async}
 * and {@code wait=N} (seconds). Other preferences are ignored, as the RFC asks.
 */
public record Preferences(boolean respondAsync, OptionalInt waitSeconds) {

    public static final int MAX_WAIT_SECONDS = 25;

    public static Preferences parse(String header) {
        boolean respondAsync = false;
        OptionalInt wait = OptionalInt.empty();
        if (header != null) {
            for (String token : header.split(",")) {
                String preference = token.trim();
                int semicolon = preference.indexOf(';');
                if (semicolon >= 0) {
                    preference = preference.substring(0, semicolon).trim(); // parameters are not used
                }
                if (preference.equalsIgnoreCase("respond-async")) {
                    respondAsync = true;
                } else if (preference.regionMatches(true, 0, "wait=", 0, 5)) {
                    // RFC 7240: a preference that cannot be understood is ignored, not refused.
                    try {
                        wait = OptionalInt.of(seconds(preference.substring(5)));
                    } catch (Problem unreadable) {
                        wait = OptionalInt.empty();
                    }
                }
            }
        }
        return new Preferences(respondAsync, wait);
    }

    /** A wait of N seconds, clamped to [0, 25]; not a number is the client's error. */
    public static int seconds(String value) {
        try {
            long n = Long.parseLong(value.trim().replace("\"", ""));
            return (int) Math.max(0, Math.min(MAX_WAIT_SECONDS, n));
        } catch (NumberFormatException e) {
            throw Problem.badRequest("wait must be a number of seconds.");
        }
    }
}
