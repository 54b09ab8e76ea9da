package ferry.callbacks.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookDeliveryTest {

    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

    private static WebhookDelivery delivery() {
        return new WebhookDelivery("msg_1", "r-1", "p-1", null, T0, T0);
    }

    @Test
    void anAttemptHoldsTheDeliveryUntilItsLeaseAndCountsInTheSchedule() {
        WebhookDelivery d = delivery();
        assertEquals(1, d.startAttempt(T0.plusSeconds(35), T0));
        assertEquals(T0.plusSeconds(35), d.getNextAttemptAt());
        assertTrue(d.isAttempting(1));
        d.retryAt(T0.plusSeconds(5), 503, "HTTP 503", T0.plusSeconds(1));
        assertEquals(2, d.startAttempt(T0.plusSeconds(40), T0.plusSeconds(5)));
        assertEquals(2, d.getSeriesAttempts());
        assertFalse(d.isAttempting(1), "a late record of the first attempt no longer counts");
    }

    @Test
    void anAttemptNeverMadeIsGivenBackUncountedAndDueAtOnce() {
        WebhookDelivery d = delivery();
        d.startAttempt(T0.plusSeconds(35), T0);
        d.giveBack(1, T0.plusSeconds(2));
        assertEquals(0, d.getAttempts());
        assertEquals(0, d.getSeriesAttempts());
        assertEquals(T0.plusSeconds(2), d.getNextAttemptAt());
        d.startAttempt(T0.plusSeconds(40), T0.plusSeconds(3));
        d.giveBack(7, T0.plusSeconds(4)); // not its attempt: nothing changes
        assertEquals(1, d.getAttempts());
    }

    @Test
    void anEndedDeliveryIsNotAttemptedUntilRedelivered() {
        WebhookDelivery d = delivery();
        d.startAttempt(T0.plusSeconds(35), T0);
        d.end(DeliveryState.DELIVERED, 200, null, T0.plusSeconds(1));
        assertNull(d.getNextAttemptAt());
        assertThrows(IllegalStateException.class, () -> d.startAttempt(T0.plusSeconds(60), T0.plusSeconds(2)));
        d.redeliver(T0.plusSeconds(10));
        assertEquals(DeliveryState.PENDING, d.getState());
        assertEquals(0, d.getSeriesAttempts(), "the schedule starts again");
        assertEquals(1, d.getAttempts(), "attempt numbers go on");
        assertEquals(2, d.startAttempt(T0.plusSeconds(60), T0.plusSeconds(10)));
    }
}
