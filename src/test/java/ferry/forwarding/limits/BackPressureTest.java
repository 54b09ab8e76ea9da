package ferry.forwarding.limits;

import static ferry.forwarding.limits.Simulation.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BackPressureTest {

    private static final long T0 = 77 * SECOND;
    private final BackPressure pressure = new BackPressure(60 * SECOND);

    @Test
    void aFreshProxyIsNotHeld() {
        assertEquals(0, pressure.heldForNanos(T0));
    }

    @Test
    void holdsForTheDelayAndThenLetsGo() {
        pressure.retryAfter(10 * SECOND, T0);
        assertEquals(10 * SECOND, pressure.heldForNanos(T0));
        assertEquals(SECOND, pressure.heldForNanos(T0 + 9 * SECOND));
        assertEquals(0, pressure.heldForNanos(T0 + 10 * SECOND));
        assertEquals(0, pressure.heldForNanos(T0 + 11 * SECOND));
    }

    @Test
    void aHugeDelayIsCapped() {
        pressure.retryAfter(86_400 * SECOND, T0);
        assertEquals(60 * SECOND, pressure.heldForNanos(T0));
        pressure.retryAfter(Long.MAX_VALUE, T0 + SECOND);
        assertEquals(60 * SECOND, pressure.heldForNanos(T0 + SECOND));
        assertEquals(0, pressure.heldForNanos(T0 + 61 * SECOND));
    }

    @Test
    void aLongerHintExtendsTheHold() {
        pressure.retryAfter(10 * SECOND, T0);
        pressure.retryAfter(20 * SECOND, T0 + 5 * SECOND);
        assertEquals(25 * SECOND, pressure.heldForNanos(T0));
    }

    @Test
    void aShorterHintDoesNotShortenTheHold() {
        pressure.retryAfter(30 * SECOND, T0);
        pressure.retryAfter(SECOND, T0 + SECOND);
        assertEquals(20 * SECOND, pressure.heldForNanos(T0 + 10 * SECOND));
    }

    @Test
    void aHintAfterTheHoldEndedStartsANewOne() {
        pressure.retryAfter(10 * SECOND, T0);
        assertEquals(0, pressure.heldForNanos(T0 + 20 * SECOND));
        pressure.retryAfter(2 * SECOND, T0 + 20 * SECOND);
        assertEquals(2 * SECOND, pressure.heldForNanos(T0 + 20 * SECOND));
    }

    @Test
    void aZeroOrNegativeDelayHoldsNothing() {
        pressure.retryAfter(0, T0);
        pressure.retryAfter(-5 * SECOND, T0);
        assertEquals(0, pressure.heldForNanos(T0));
    }

    @Test
    void aZeroCapMeansHintsAreIgnored() {
        BackPressure none = new BackPressure(0);
        none.retryAfter(10 * SECOND, T0);
        assertEquals(0, none.heldForNanos(T0));
    }

    @Test
    void rejectsANegativeCap() {
        assertThrows(IllegalArgumentException.class, () -> new BackPressure(-1));
    }
}
