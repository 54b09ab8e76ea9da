package ferry.intake.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.platform.problems.Problem;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IdempotencyKeysTest {

    @Test
    void bareAndQuotedKeysAreTheSameKey() {
        assertEquals(Optional.of("order-7"), IdempotencyKeys.parse("order-7"));
        assertEquals(Optional.of("order-7"), IdempotencyKeys.parse("\"order-7\""));
        assertEquals(Optional.of("a\"b"), IdempotencyKeys.parse("\"a\\\"b\""), "a structured-field string's escapes");
        assertTrue(IdempotencyKeys.parse(null).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\"\"", "a\u0001b", "tab\there"})
    void emptyKeysAndControlCharactersAre400(String header) {
        Problem p = assertThrows(Problem.class, () -> IdempotencyKeys.parse(header));
        assertEquals(400, p.status());
    }

    @Test
    void atMost255Characters() {
        assertEquals(255, IdempotencyKeys.parse("k".repeat(255)).orElseThrow().length());
        assertThrows(Problem.class, () -> IdempotencyKeys.parse("k".repeat(256)));
    }

    @Test
    void theFingerprintTellsMethodPathQueryAndBodyApart() {
        String base = IdempotencyKeys.fingerprint("POST", "a/b", "x=1", new byte[] {1});
        assertEquals(base, IdempotencyKeys.fingerprint("POST", "a/b", "x=1", new byte[] {1}));
        assertNotEquals(base, IdempotencyKeys.fingerprint("PUT", "a/b", "x=1", new byte[] {1}));
        assertNotEquals(base, IdempotencyKeys.fingerprint("POST", "a/c", "x=1", new byte[] {1}));
        assertNotEquals(base, IdempotencyKeys.fingerprint("POST", "a/b", "x=2", new byte[] {1}));
        assertNotEquals(base, IdempotencyKeys.fingerprint("POST", "a/b", "x=1", new byte[] {2}));
        assertNotEquals(IdempotencyKeys.fingerprint("POST", "ab", null, null),
                IdempotencyKeys.fingerprint("POST", "a", "b", null), "parts cannot run into each other");
    }
}
