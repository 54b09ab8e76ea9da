package ferry.forwarding.limits;

import static ferry.forwarding.limits.CircuitBreaker.State.CLOSED;
import static ferry.forwarding.limits.CircuitBreaker.State.HALF_OPEN;
import static ferry.forwarding.limits.CircuitBreaker.State.OPEN;
import static ferry.forwarding.limits.Simulation.MS;
import static ferry.forwarding.limits.Simulation.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.forwarding.limits.CircuitBreaker.Settings;
import ferry.forwarding.limits.CircuitBreaker.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private static final long T0 = 3_000 * SECOND;

    private record Move(State from, State to, long at) { }

    private final List<Move> moves = new ArrayList<>();
    private final CircuitBreaker breaker = new CircuitBreaker(Settings.DEFAULTS,
            (from, to, at) -> moves.add(new Move(from, to, at)), T0);

    /** One attempt allowed and answered at once; returns whether it was allowed. */
    private boolean attempt(Outcome outcome, long now) {
        if (!breaker.tryAcquire(now)) {
            return false;
        }
        breaker.onOutcome(outcome, now, now);
        return true;
    }

    /** Opens the breaker with ten refusals at T0, T0 + 1 ms, … */
    private long open() {
        long now = T0;
        for (int i = 0; i < 10; i++) {
            now = T0 + i * MS;
            attempt(Outcome.REFUSED, now);
        }
        assertEquals(OPEN, breaker.state(now));
        return now;
    }

    @Nested
    class Opening {

        @Test
        void staysClosedBeforeTheMinimumNumberOfOutcomes() {
            for (int i = 0; i < 9; i++) {
                assertTrue(attempt(Outcome.TIMEOUT, T0 + i * MS));
            }
            assertEquals(CLOSED, breaker.state(T0 + 9 * MS));
            assertTrue(attempt(Outcome.TIMEOUT, T0 + 9 * MS));
            assertEquals(OPEN, breaker.state(T0 + 9 * MS));
            assertEquals(List.of(new Move(CLOSED, OPEN, T0 + 9 * MS)), moves);
            assertEquals(T0 + 9 * MS, breaker.since());
        }

        @Test
        void aWidenedWindowKeepsWhatItHeldAndTakesTheRateOverMore() {
            long now = T0;
            for (int i = 0; i < 10; i++) {
                attempt(Outcome.SUCCESS, now += MS);
            }
            breaker.widen(64);
            // 10 successes kept: 10 failures make half of 20, not all of the last 20
            for (int i = 0; i < 9; i++) {
                attempt(Outcome.OVERLOAD, now += MS);
            }
            assertEquals(CLOSED, breaker.state(now));
            attempt(Outcome.OVERLOAD, now += MS);
            assertEquals(OPEN, breaker.state(now), "10 of 20");
        }

        @Test
        void outcomesWaitForTheAttemptsSentBeforeThemAndCountTogether() {
            // sent at T0..T0+9ms; the last 4 refused at once, the first 6 answered later
            for (int i = 6; i < 10; i++) {
                assertTrue(breaker.tryAcquire(T0 + i * MS));
                breaker.onOutcome(Outcome.OVERLOAD, T0 + i * MS, T0 + 20 * MS, T0);
            }
            for (int i = 0; i < 6; i++) {
                breaker.onOutcome(Outcome.SUCCESS, T0 + i * MS, T0 + 200 * MS, i < 5 ? T0 + (i + 1) * MS : T0 + 300 * MS);
            }
            assertEquals(CLOSED, breaker.state(T0 + 300 * MS), "4 of 10 failed");
            assertTrue(moves.isEmpty(), moves.toString());
        }

        @Test
        void opensWhenHalfTheWindowFailed() {
            long now = T0;
            for (int i = 0; i < 10; i++) {
                attempt(Outcome.SUCCESS, now += MS);
            }
            for (int i = 0; i < 9; i++) {
                attempt(Outcome.OVERLOAD, now += MS);
            }
            assertEquals(CLOSED, breaker.state(now)); // 9 of 19
            attempt(Outcome.OVERLOAD, now += MS);
            assertEquals(OPEN, breaker.state(now)); // 10 of 20
        }

        @Test
        void staysClosedBelowTheFailureRate() {
            long now = T0;
            for (int i = 0; i < 1_000; i++) { // 40% failing: S S S T T, never half of the last 10 to 20
                now = T0 + i * MS;
                attempt(i % 5 >= 3 ? Outcome.TIMEOUT : Outcome.SUCCESS, now);
            }
            assertEquals(CLOSED, breaker.state(now));
            assertTrue(moves.isEmpty());
        }

        @Test
        void forgetsFailuresThatLeftTheWindow() {
            long now = T0;
            for (int i = 0; i < 11; i++) {
                attempt(Outcome.SUCCESS, now += MS);
            }
            for (int i = 0; i < 9; i++) {
                attempt(Outcome.REFUSED, now += MS);
            }
            for (int i = 0; i < 20; i++) {
                attempt(Outcome.SUCCESS, now += MS);
            }
            for (int i = 0; i < 9; i++) {
                attempt(Outcome.REFUSED, now += MS);
            }
            assertEquals(CLOSED, breaker.state(now)); // 9 of the last 20
            attempt(Outcome.REFUSED, now += MS);
            assertEquals(OPEN, breaker.state(now)); // 10 of the last 20
        }

        @Test
        void lateOutcomesOfAttemptsSentBeforeItOpenedAreIgnored() {
            long opened = open();
            breaker.onOutcome(Outcome.SUCCESS, T0 - SECOND, opened + 10 * MS);
            assertEquals(OPEN, breaker.state(opened + 10 * MS));
        }
    }

    @Nested
    class Open {

        @Test
        void holdsEveryAttemptForTheCoolDown() {
            long opened = open();
            for (long t = opened; t < opened + 5 * SECOND; t += 10 * MS) {
                assertFalse(breaker.tryAcquire(t));
            }
            assertTrue(breaker.tryAcquire(opened + 5 * SECOND));
            assertEquals(HALF_OPEN, breaker.state(opened + 5 * SECOND));
        }
    }

    @Nested
    class HalfOpen {

        @Test
        void letsExactlyOneProbeGoAtATime() {
            long opened = open();
            long probeAt = opened + 5 * SECOND;
            assertTrue(breaker.tryAcquire(probeAt));
            for (int i = 1; i < 1_000; i++) {
                assertFalse(breaker.tryAcquire(probeAt + i * MS));
            }
        }

        @Test
        void aSuccessfulProbeClosesItWithAnEmptyWindow() {
            long opened = open();
            long probeAt = opened + 5 * SECOND;
            assertTrue(attempt(Outcome.SUCCESS, probeAt));
            assertEquals(CLOSED, breaker.state(probeAt));
            // the window was cleared: nine new failures are below the minimum again
            for (int i = 1; i <= 9; i++) {
                attempt(Outcome.REFUSED, probeAt + i * MS);
            }
            assertEquals(CLOSED, breaker.state(probeAt + 9 * MS));
            assertEquals(List.of(CLOSED, OPEN, HALF_OPEN), moves.stream().map(Move::from).toList());
            assertEquals(List.of(OPEN, HALF_OPEN, CLOSED), moves.stream().map(Move::to).toList());
        }

        @Test
        void aFailedProbeReopensItForTwiceAsLong() {
            long opened = open();
            long probeAt = opened + 5 * SECOND;
            assertTrue(attempt(Outcome.TIMEOUT, probeAt));
            assertEquals(OPEN, breaker.state(probeAt));
            assertFalse(breaker.tryAcquire(probeAt + 10 * SECOND - 1));
            assertTrue(breaker.tryAcquire(probeAt + 10 * SECOND));
        }

        @Test
        void theCoolDownDoublesUpToItsMaximumAndIsResetOnClosing() {
            long now = open();
            List<Long> coolDowns = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                long openedAt = breaker.since();
                while (!breaker.tryAcquire(now)) {
                    now += MS;
                }
                coolDowns.add((now - openedAt) / SECOND);
                breaker.onOutcome(Outcome.REFUSED, now, now);
            }
            assertEquals(List.of(5L, 10L, 20L, 40L, 60L, 60L), coolDowns);
            long openedAt = breaker.since();
            now = openedAt + 60 * SECOND;
            assertTrue(attempt(Outcome.SUCCESS, now));
            long reopened = open(now);
            assertFalse(breaker.tryAcquire(reopened + 5 * SECOND - 1));
            assertTrue(breaker.tryAcquire(reopened + 5 * SECOND));
        }

        @Test
        void aProbeThatNeverReportsCountsAsFailedAfterItsLease() {
            long opened = open();
            long probeAt = opened + 5 * SECOND;
            assertTrue(breaker.tryAcquire(probeAt));
            assertEquals(HALF_OPEN, breaker.state(probeAt + 10 * 60 * SECOND - 1));
            assertEquals(OPEN, breaker.state(probeAt + 10 * 60 * SECOND));
            // its late answer is stale now
            breaker.onOutcome(Outcome.SUCCESS, probeAt, probeAt + 10 * 60 * SECOND + 1);
            assertEquals(OPEN, breaker.state(probeAt + 10 * 60 * SECOND + 1));
        }

        @Test
        void aLateAnswerFromBeforeTheOpeningDoesNotDecide() {
            long opened = open();
            long probeAt = opened + 5 * SECOND;
            assertTrue(breaker.tryAcquire(probeAt));
            breaker.onOutcome(Outcome.SUCCESS, opened - MS, probeAt + MS);
            assertEquals(HALF_OPEN, breaker.state(probeAt + MS));
            breaker.onOutcome(Outcome.SUCCESS, probeAt, probeAt + 2 * MS);
            assertEquals(CLOSED, breaker.state(probeAt + 2 * MS));
        }
    }

    @Nested
    class DuringAnOutage {

        /**
         * Issue 14's goal: 40 requests waiting on a target that is down for 30 s; each asks every
         * 10 ms whether it may go. A probe's attempt is refused after 100 ms.
         */
        @Test
        void noMoreThanOneProbePerSecondReachesTheTarget() {
            long now = open();
            long outageEnd = now + 30 * SECOND;
            int probes = 0;
            long probeEndsAt = -1;
            long probeSentAt = 0;
            for (; now < outageEnd; now += 10 * MS) {
                if (probeEndsAt >= 0 && now >= probeEndsAt) {
                    breaker.onOutcome(Outcome.REFUSED, probeSentAt, now);
                    probeEndsAt = -1;
                }
                for (int waiter = 0; waiter < 40; waiter++) {
                    if (breaker.tryAcquire(now)) {
                        probes++;
                        probeSentAt = now;
                        probeEndsAt = now + 100 * MS;
                    }
                }
            }
            System.out.println("[CircuitBreakerTest] probes during a 30 s outage: " + probes);
            assertTrue(probes <= 30, probes + " probes");
            assertEquals(2, probes); // after 5 s of cool-down, then after 10 s more (the next would be 20 s later)
        }
    }

    /** Opens the breaker again from closed, starting at {@code from}. */
    private long open(long from) {
        long now = from;
        for (int i = 1; i <= 10; i++) {
            now = from + i * MS;
            attempt(Outcome.OVERLOAD, now);
        }
        assertEquals(OPEN, breaker.state(now));
        return now;
    }

    @Test
    void settingsAreChecked() {
        Duration s = Duration.ofSeconds(1);
        assertThrows(IllegalArgumentException.class, () -> new Settings(10, 11, 0.5, s, s, s));
        assertThrows(IllegalArgumentException.class, () -> new Settings(10, 0, 0.5, s, s, s));
        assertThrows(IllegalArgumentException.class, () -> new Settings(10, 5, 0, s, s, s));
        assertThrows(IllegalArgumentException.class, () -> new Settings(10, 5, 1.5, s, s, s));
        assertThrows(IllegalArgumentException.class, () -> new Settings(10, 5, 0.5, s, Duration.ZERO, s));
        assertThrows(IllegalArgumentException.class, () -> new Settings(10, 5, 0.5, Duration.ZERO, s, s));
        assertThrows(IllegalArgumentException.class, () -> new Settings(10, 5, 0.5, s, s, Duration.ZERO));
    }
}
