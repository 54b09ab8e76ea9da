package ferry.platform.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.SpanContext;
import org.junit.jupiter.api.Test;

class TraceContextTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void readsAndWritesAW3cTraceparent() {
        SpanContext context = TraceContext.parse(TRACEPARENT);
        assertTrue(context.isValid());
        assertTrue(context.isRemote());
        assertTrue(context.isSampled());
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", context.getTraceId());
        assertEquals("00f067aa0ba902b7", context.getSpanId());
        assertEquals(TRACEPARENT, TraceContext.format(context));
    }

    @Test
    void anythingElseIsNoTrace() {
        for (String bad : new String[] {null, "", "garbage", "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
                "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"}) {
            assertFalse(TraceContext.parse(bad).isValid(), String.valueOf(bad));
        }
        assertNull(TraceContext.format(SpanContext.getInvalid()));
        assertNull(TraceContext.format(null));
    }
}
