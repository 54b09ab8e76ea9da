package ferry.platform.tracing;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A span context written as a W3C {@code traceparent} (version 00), the form in which a trace is
 * stored with a request and sent to a target. Plain Java over the OpenTelemetry API's value types.
 */
public final class TraceContext {

    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

    private TraceContext() {
    }

    /** The {@code traceparent} of a valid context; null for an invalid one (no trace). */
    public static String format(SpanContext context) {
        if (context == null || !context.isValid()) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }

    /** A remote parent from a {@code traceparent}; invalid if there is none or it is malformed. */
    public static SpanContext parse(String traceparent) {
        if (traceparent != null) {
            Matcher m = TRACEPARENT.matcher(traceparent.trim());
            if (m.matches()) {
                SpanContext context = SpanContext.createFromRemoteParent(m.group(1), m.group(2),
                        TraceFlags.fromHex(m.group(3), 0), TraceState.getDefault());
                if (context.isValid()) {
                    return context;
                }
            }
        }
        return SpanContext.getInvalid();
    }
}
