package ferry.intake.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ferry.platform.problems.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code Ferry-Retries} handling ({@link Admission#retriesOverride}); the rest of Admission needs a container. */
class AdmissionTest {

    @Test
    void withoutHeaderThereIsNoOverride() {
        assertNull(Admission.retriesOverride(null, 10));
    }

    @ParameterizedTest
    @CsvSource({
            "3, 10, 3",
            "0, 10, 0",
            "' 2 ', 10, 2",
            "10, 10, 10",
            "20, 10, 10",
            "5, 0, 0"
    })
    void theHeaderLowersButNeverRaises(String header, int proxyMax, int expected) {
        assertEquals(expected, Admission.retriesOverride(header, proxyMax));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "abc", "", "1.5", "3 retries"})
    void negativeOrUnreadableValuesAreABadRequest(String header) {
        Problem p = assertThrows(Problem.class, () -> Admission.retriesOverride(header, 10));
        assertEquals(400, p.status());
        assertEquals("bad-request", p.code());
    }
}
