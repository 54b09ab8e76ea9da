package ferry.callbacks.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryScheduleTest {

    private static final List<Duration> DEFAULT = DeliverySchedule.parse(DeliverySchedule.DEFAULT);

    @Test
    void theDefaultIsEightAttemptsOverAboutADayAndAHalf() {
        assertEquals(8, new DeliverySchedule(DEFAULT, 0, () -> 0.5).attempts());
        assertEquals(Duration.ofHours(27).plusMinutes(35).plusSeconds(5),
                DEFAULT.stream().reduce(Duration.ZERO, Duration::plus));
    }

    @Test
    void withoutJitterTheWaitsAreTheSchedule() {
        DeliverySchedule schedule = new DeliverySchedule(DEFAULT, 0.2, () -> 0.5); // the middle: no jitter
        assertEquals(Optional.of(Duration.ofSeconds(5)), schedule.next(1, null));
        assertEquals(Optional.of(Duration.ofMinutes(5)), schedule.next(2, null));
        assertEquals(Optional.of(Duration.ofHours(10)), schedule.next(7, null));
        assertEquals(Optional.empty(), schedule.next(8, null), "the eighth attempt was the last");
    }

    @Test
    void jitterMovesAWaitAtMostItsFractionEitherWay() {
        assertEquals(Duration.ofMinutes(4), new DeliverySchedule(DEFAULT, 0.2, () -> 0.0).next(2, null).orElseThrow());
        Duration high = new DeliverySchedule(DEFAULT, 0.2, () -> 0.999_999).next(2, null).orElseThrow();
        assertTrue(high.compareTo(Duration.ofMinutes(6)) <= 0 && high.compareTo(Duration.ofSeconds(359)) > 0, high.toString());
    }

    @Test
    void retryAfterRaisesAWaitUpToTheLongestOfTheSchedule() {
        DeliverySchedule schedule = new DeliverySchedule(DEFAULT, 0, () -> 0.5);
        assertEquals(Duration.ofMinutes(1), schedule.next(1, Duration.ofMinutes(1)).orElseThrow());
        assertEquals(Duration.ofMinutes(5), schedule.next(2, Duration.ofSeconds(30)).orElseThrow(), "never lowers it");
        assertEquals(Duration.ofHours(10), schedule.next(1, Duration.ofDays(30)).orElseThrow(), "capped");
        assertEquals(Optional.empty(), schedule.next(8, Duration.ofSeconds(1)), "nor extends the schedule");
    }

    @Test
    void aScheduleMustBeUsable() {
        assertThrows(IllegalArgumentException.class, () -> new DeliverySchedule(List.of(), 0, () -> 0));
        assertThrows(IllegalArgumentException.class,
                () -> new DeliverySchedule(List.of(Duration.ofSeconds(-1)), 0, () -> 0));
        assertThrows(IllegalArgumentException.class, () -> new DeliverySchedule(DEFAULT, 1.5, () -> 0));
        assertThrows(IllegalArgumentException.class, () -> new DeliverySchedule(DEFAULT, 0, () -> 0).next(0, null));
        assertThrows(java.time.format.DateTimeParseException.class, () -> DeliverySchedule.parse("PT5S,soon"));
    }

    @Test
    void onlyA2xxDeliversAndOnly410EndsTheDelivery() {
        assertEquals(DeliveryVerdict.DELIVERED, DeliveryVerdict.of(200));
        assertEquals(DeliveryVerdict.DELIVERED, DeliveryVerdict.of(204));
        assertEquals(DeliveryVerdict.GONE, DeliveryVerdict.of(410));
        for (int status : new int[] {0, 301, 302, 400, 404, 429, 500, 503}) {
            assertEquals(DeliveryVerdict.TRY_AGAIN, DeliveryVerdict.of(status), "status " + status);
        }
    }
}
