package ferry.forwarding.attempts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HoldRuleTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    private static Instant at(long seconds) {
        return NOW.plusSeconds(seconds);
    }

    @Test
    void holdsForTheWaitWithNoWindowOrDeadline() {
        assertEquals(at(5), HoldRule.until(NOW, Duration.ofSeconds(5), null, null));
    }

    @Test
    void aLaterWindowEndOrDeadlineDoesNotShortenIt() {
        assertEquals(at(5), HoldRule.until(NOW, Duration.ofSeconds(5), at(60), at(30)));
        assertEquals(at(5), HoldRule.until(NOW, Duration.ofSeconds(5), at(5), at(5)));
    }

    @Test
    void comesBackAtTheWindowsEndIfSooner() {
        assertEquals(at(3), HoldRule.until(NOW, Duration.ofSeconds(5), at(3), null));
        assertEquals(at(3), HoldRule.until(NOW, Duration.ofSeconds(5), at(3), at(4)));
    }

    @Test
    void comesBackAtTheDeadlineIfSooner() {
        assertEquals(at(2), HoldRule.until(NOW, Duration.ofSeconds(5), null, at(2)));
        assertEquals(at(2), HoldRule.until(NOW, Duration.ofSeconds(5), at(3), at(2)));
    }

    @Test
    void neverBeforeNow() {
        assertEquals(NOW, HoldRule.until(NOW, Duration.ofSeconds(5), at(-10), null));
        assertEquals(NOW, HoldRule.until(NOW, Duration.ofSeconds(5), null, at(-1)));
    }

    @Test
    void aNegativeWaitIsNow() {
        assertEquals(NOW, HoldRule.until(NOW, Duration.ofSeconds(-5), null, null));
        assertEquals(NOW, HoldRule.until(NOW, Duration.ZERO, at(10), at(10)));
    }

    @Test
    void theWindowHasEndedAtAndAfterItsEnd() {
        assertTrue(HoldRule.windowEnded(at(10), at(10)));
        assertTrue(HoldRule.windowEnded(at(11), at(10)));
        assertFalse(HoldRule.windowEnded(at(10).minusNanos(1), at(10)));
        assertFalse(HoldRule.windowEnded(NOW, null));
    }
}
