package ferry.forwarding.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TraceParentTest {

    private static final Pattern FORMAT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_ID = "00f067aa0ba902b7";
    private static final String CLIENT = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";

    @Test
    void aChildKeepsTraceIdAndFlagsWithANewParentId() {
        String child = TraceParent.childOf(CLIENT);
        assertTrue(FORMAT.matcher(child).matches(), child);
        String[] parts = child.split("-");
        assertEquals(TRACE_ID, parts[1]);
        assertNotEquals(PARENT_ID, parts[2]);
        assertNotEquals("0".repeat(16), parts[2]);
        assertEquals("01", parts[3]);
    }

    @Test
    void unsampledFlagsAreKept() {
        String child = TraceParent.childOf("00-" + TRACE_ID + "-" + PARENT_ID + "-00");
        assertTrue(child.startsWith("00-" + TRACE_ID + "-"), child);
        assertTrue(child.endsWith("-00"), child);
    }

    @Test
    void surroundingWhitespaceIsTolerated() {
        assertEquals(TRACE_ID, TraceParent.childOf("  " + CLIENT + " ").split("-")[1]);
    }

    @Test
    void eachAttemptGetsItsOwnParentId() {
        Set<String> parents = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            parents.add(TraceParent.childOf(CLIENT).split("-")[2]);
        }
        assertEquals(20, parents.size());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
            "",
            "garbage",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01",  // upper case is invalid
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",   // trace id too short
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-01",   // parent id too short
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",     // no flags
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-ext",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",  // forbidden version
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",  // all-zero trace id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01"   // all-zero parent id
    })
    void anInvalidClientHeaderStartsANewTrace(String client) {
        String child = TraceParent.childOf(client);
        assertNewTrace(child);
    }

    @Test
    void newTracesDiffer() {
        assertNotEquals(TraceParent.childOf(null).split("-")[1], TraceParent.childOf(null).split("-")[1]);
    }

    private static void assertNewTrace(String child) {
        assertTrue(FORMAT.matcher(child).matches(), child);
        String[] parts = child.split("-");
        assertNotEquals(TRACE_ID, parts[1]);
        assertNotEquals("0".repeat(32), parts[1]);
        assertNotEquals("0".repeat(16), parts[2]);
        assertEquals("01", parts[3]);
    }
}
