package ferry.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void parsesSecondsDirectly() {
        assertEquals(Duration.ofSeconds(30), RetryAfter.parse("30", NOW));
        assertEquals(Duration.ofSeconds(30), RetryAfter.parse(" 30 ", NOW));
        assertEquals(Duration.ZERO, RetryAfter.parse("0", NOW));
        assertEquals(Duration.ofSeconds(999_999_999), RetryAfter.parse("999999999", NOW));
    }

    @Test
    void parsesHttpDatesDirectly() {
        assertEquals(Duration.ofSeconds(3661), RetryAfter.parse("Mon, 01 Jan 2024 01:01:01 GMT", NOW));
        assertEquals(Duration.ofDays(1), RetryAfter.parse("Tue, 2 Jan 2024 00:00:00 GMT", NOW));
    }

    @Test
    void anHttpDateInThePastMeansNoWait() {
        assertEquals(Duration.ZERO, RetryAfter.parse("Sun, 31 Dec 2023 23:00:00 GMT", NOW));
    }

    @Test
    void nullOrUnreadableIsNull() {
        assertNull(RetryAfter.parse(null, NOW));
        assertNull(RetryAfter.parse("  ", NOW));
        assertNull(RetryAfter.parse("later", NOW));
        assertNull(RetryAfter.parse("12345678901", NOW));
        assertNull(RetryAfter.parse("Tue, 01 Jan 2024 00:02:00 GMT", NOW)); // wrong weekday
    }
}
