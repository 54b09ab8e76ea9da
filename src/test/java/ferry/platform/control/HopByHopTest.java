package ferry.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HopByHopTest {

    @Test
    void theStandardNamesAreTheRfc9110HopByHopHeaders() {
        assertEquals(Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
                "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"), HopByHop.NAMES);
    }

    @Test
    void withoutConnectionHeaderOnlyTheStandardNamesAreDropped() {
        Set<String> drop = HopByHop.namesToDrop(Map.of("Content-Type", List.of("text/plain"),
                "X-Custom", List.of("1")));
        assertEquals(HopByHop.NAMES, drop);
    }

    @Test
    void headersNamedInConnectionAreDroppedTrimmedAndLowerCased() {
        Set<String> drop = HopByHop.namesToDrop(Map.of(
                "CONNECTION", List.of(" X-Foo ,Keep-Alive", "x-BAR"),
                "X-Foo", List.of("1")));
        assertTrue(drop.contains("x-foo"));
        assertTrue(drop.contains("x-bar"));
        assertTrue(drop.containsAll(HopByHop.NAMES));
        assertEquals(HopByHop.NAMES.size() + 2, drop.size());
    }

    @Test
    void blankConnectionTokensAddNothing() {
        Set<String> drop = HopByHop.namesToDrop(Map.of("Connection", List.of(" , ,,")));
        assertEquals(HopByHop.NAMES, drop);
        assertFalse(drop.contains(""));
    }

    @Test
    void aConnectionHeaderDoesNotLeakIntoTheSharedSetOrLaterCalls() {
        HopByHop.namesToDrop(Map.of("Connection", List.of("x-once")));
        assertFalse(HopByHop.NAMES.contains("x-once"));
        assertFalse(HopByHop.namesToDrop(Map.of()).contains("x-once"));
    }
}
