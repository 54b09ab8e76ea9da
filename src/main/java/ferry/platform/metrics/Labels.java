package ferry.platform.metrics;

import java.util.regex.Pattern;

/**
 * Keeps label values bounded. Every value Ferry labels with comes from its own code (a problem
 * code, an outcome, an error type) or is a proxy id, which an administrator created; this is the
 * last line of defence should a value ever come from elsewhere: anything that does not look
 * like one of Ferry's own codes is {@code other}.
 */
public final class Labels {

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,47}");

    private Labels() {
    }

    /** The value if it looks like one of Ferry's codes, else {@code other}; null is {@code none}. */
    public static String code(String value) {
        if (value == null || value.isEmpty()) {
            return "none";
        }
        return CODE.matcher(value).matches() ? value : "other";
    }
}
