package ferry.forwarding.target;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** W3C Trace Context: a {@code traceparent} for the outgoing attempt, child of the client's or a new trace. */
public final class TraceParent {

    private static final Pattern VALID = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TraceParent() {
    }

    public static String childOf(String clientTraceParent) {
        if (clientTraceParent != null) {
            var m = VALID.matcher(clientTraceParent.trim());
            if (m.matches() && !m.group(1).equals("0".repeat(32)) && !m.group(2).equals("0".repeat(16))) {
                return "00-" + m.group(1) + "-" + randomHex(8) + "-" + m.group(3);
            }
        }
        return "00-" + randomHex(16) + "-" + randomHex(8) + "-01";
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        do {
            RANDOM.nextBytes(b);
        } while (allZero(b));
        return HexFormat.of().formatHex(b);
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) return false;
        }
        return true;
    }
}
