package ferry.intake.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ferry.platform.problems.Problem;
import org.junit.jupiter.api.Test;

class StoredSizesTest {

    @Test
    void aPathOrQueryThatFitsItsColumnPasses() {
        assertDoesNotThrow(() -> StoredSizes.checkUri("a".repeat(StoredSizes.MAX_PATH), "q".repeat(StoredSizes.MAX_QUERY)));
        assertDoesNotThrow(() -> StoredSizes.checkUri("", null));
    }

    @Test
    void aPathLongerThanItsColumnIs414() {
        Problem p = assertThrows(Problem.class, () -> StoredSizes.checkUri("a".repeat(StoredSizes.MAX_PATH + 1), null));
        assertEquals(414, p.status());
        assertEquals("uri-too-long", p.code());
    }

    @Test
    void aQueryLongerThanItsColumnIs414() {
        Problem p = assertThrows(Problem.class, () -> StoredSizes.checkUri("x", "q".repeat(StoredSizes.MAX_QUERY + 1)));
        assertEquals(414, p.status());
        assertEquals("uri-too-long", p.code());
    }
}
