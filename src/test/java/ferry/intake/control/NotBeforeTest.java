package ferry.intake.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ferry.platform.problems.Problem;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NotBeforeTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    @Test
    void withoutHeadersItIsNow() {
        assertEquals(NOW, NotBefore.of(null, null, NOW));
    }

    @ParameterizedTest
    @CsvSource({
            "90, 90",
            "0, 0",
            "30s, 30",
            "5m, 300",
            "2h, 7200",
            "' 45s ', 45",
            "720h, 2592000",
            "2592000, 2592000"
    })
    void delayIsAddedToNow(String header, long seconds) {
        assertEquals(NOW.plusSeconds(seconds), NotBefore.of(header, null, NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "-5", "1.5h", "5d", "5 m", "m5", "10ms", "12345678", "PT5M"})
    void unreadableDelayIsABadRequest(String header) {
        assertBadRequest(() -> NotBefore.of(header, null, NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"721h", "2592001", "43201m"})
    void delayBeyondThirtyDaysIsABadRequest(String header) {
        assertBadRequest(() -> NotBefore.of(header, null, NOW));
    }

    @Test
    void notBeforeInRfc3339IsUsed() {
        assertEquals(Instant.parse("2025-03-02T08:30:00Z"),
                NotBefore.of(null, "2025-03-02T08:30:00Z", NOW));
    }

    @Test
    void notBeforeWithOffsetAndFractionIsConvertedToUtc() {
        assertEquals(Instant.parse("2025-03-02T06:30:00.250Z"),
                NotBefore.of(null, "2025-03-02T08:30:00.25+02:00", NOW));
    }

    @Test
    void notBeforeInThePastIsClampedToNow() {
        assertEquals(NOW, NotBefore.of(null, "2020-01-01T00:00:00Z", NOW));
    }

    @Test
    void notBeforeExactlyThirtyDaysAheadIsAccepted() {
        Instant limit = NOW.plus(Duration.ofDays(30));
        assertEquals(limit, NotBefore.of(null, limit.toString(), NOW));
    }

    @Test
    void notBeforeMoreThanThirtyDaysAheadIsABadRequest() {
        String later = NOW.plus(Duration.ofDays(30)).plusSeconds(1).toString();
        assertBadRequest(() -> NotBefore.of(null, later, NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomorrow", "2025-03-02", "2025-03-02T08:30:00", "Sun, 02 Mar 2025 08:30:00 GMT", "1741000000"})
    void unreadableNotBeforeIsABadRequest(String header) {
        assertBadRequest(() -> NotBefore.of(null, header, NOW));
    }

    @Test
    void bothHeadersAreABadRequest() {
        assertBadRequest(() -> NotBefore.of("30s", "2025-03-02T08:30:00Z", NOW));
    }

    private static void assertBadRequest(org.junit.jupiter.api.function.Executable call) {
        Problem p = assertThrows(Problem.class, call);
        assertEquals(400, p.status());
        assertEquals("bad-request", p.code());
    }
}
