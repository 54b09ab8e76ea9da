package ferry.forwarding.target;

import ferry.platform.tracing.TraceContext;
import io.opentelemetry.api.trace.SpanContext;
import java.security.SecureRandom;
import java.util.HexFormat;

/** W3C Trace Context: a {@code traceparent} for the outgoing attempt, child of the client's or a new trace. */
public final class TraceParent {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TraceParent() {
    }

    public static String childOf(String clientTraceParent) {
        SpanContext client = TraceContext.parse(clientTraceParent);
        if (client.isValid()) {
            return "00-" + client.getTraceId() + "-" + randomHex(8) + "-" + client.getTraceFlags().asHex();
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
