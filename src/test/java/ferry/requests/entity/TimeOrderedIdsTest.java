package ferry.requests.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void idsAreVersionSevenUuidsCarryingTheirMillisecond() {
        long millis = 1_796_000_000_123L;
        UUID id = UUID.fromString(TimeOrderedIds.next(millis));

        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        assertEquals(millis, id.getMostSignificantBits() >>> 16);
    }

    @Test
    void laterIdsSortAfterEarlierOnesAsStrings() {
        String earlier = TimeOrderedIds.next(1_796_000_000_123L);
        String later = TimeOrderedIds.next(1_796_000_000_124L);

        assertTrue(earlier.compareTo(later) < 0, earlier + " should sort before " + later);
    }

    @Test
    void idsOfTheSameMillisecondDiffer() {
        assertNotEquals(TimeOrderedIds.next(1_796_000_000_123L), TimeOrderedIds.next(1_796_000_000_123L));
    }
}
