package ferry.forwarding.limits;

import static ferry.forwarding.limits.Simulation.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WindowedMinimumTest {

    private final WindowedMinimum min = new WindowedMinimum(6, 5 * SECOND);

    @Test
    void isEmptyAtFirst() {
        assertEquals(Double.POSITIVE_INFINITY, min.min(0));
    }

    @Test
    void keepsTheSmallestWithinTheWindow() {
        min.add(50, 0);
        min.add(40, 7 * SECOND);
        min.add(60, 12 * SECOND);
        assertEquals(40, min.min(12 * SECOND));
    }

    @Test
    void forgetsAValueAfterTwentyFiveToThirtySeconds() {
        min.add(10, SECOND); // bucket [0, 5 s)
        min.add(50, 26 * SECOND);
        assertEquals(10, min.min(29 * SECOND));
        assertEquals(50, min.min(30 * SECOND));
    }

    @Test
    void comesBackUpWhenEverythingGotSlower() {
        for (long t = 0; t < 30 * SECOND; t += SECOND) {
            min.add(50, t);
        }
        for (long t = 30 * SECOND; t < 70 * SECOND; t += SECOND) {
            min.add(100, t);
        }
        assertEquals(100, min.min(70 * SECOND));
    }

    @Test
    void aResetStartsOver() {
        min.add(10, 0);
        min.reset(80, SECOND);
        assertEquals(80, min.min(SECOND));
    }

    @Test
    void worksWithNegativeClockReadings() {
        min.add(20, -6 * SECOND); // bucket [-10 s, -5 s)
        min.add(30, -1); // bucket [-5 s, 0)
        assertEquals(20, min.min(0));
        assertEquals(20, min.min(20 * SECOND - 1));
        assertEquals(30, min.min(20 * SECOND));
    }
}
