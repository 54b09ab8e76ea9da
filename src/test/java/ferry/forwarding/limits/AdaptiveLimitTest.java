package ferry.forwarding.limits;

import static ferry.forwarding.limits.Simulation.MS;
import static ferry.forwarding.limits.Simulation.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The adaptive limit's rules one by one; {@link AdaptiveLimitSimulationTest} has it against targets. */
class AdaptiveLimitTest {

    private static final long T0 = 1_000 * SECOND;
    private static final long LATENCY = 50 * MS;

    /** A round of successes, all sent after {@code now} and answered at {@code latency}. */
    private static long round(AdaptiveLimit limit, long now, long latency, int inFlight) {
        long t = now;
        for (int i = 0; i < AdaptiveLimit.ROUND_SAMPLES; i++) {
            t += MS;
            limit.onSample(latency, Outcome.SUCCESS, inFlight, t + latency);
        }
        return t + latency;
    }

    @Nested
    class Fixed {

        @Test
        void isAlwaysTheMaximum() {
            AdaptiveLimit limit = AdaptiveLimit.fixed(64);
            assertEquals(64, limit.limit());
            for (int i = 0; i < 100; i++) {
                limit.onSample(LATENCY, Outcome.TIMEOUT, 64, T0 + i * SECOND);
            }
            assertEquals(64, limit.limit());
        }

        @Test
        void needsAMaximumOfAtLeastOne() {
            assertThrows(IllegalArgumentException.class, () -> AdaptiveLimit.fixed(0));
            assertThrows(IllegalArgumentException.class, () -> AdaptiveLimit.adaptive(0));
        }
    }

    @Nested
    class Start {

        @Test
        void startsAtTheInitialLimitOrTheMaximumIfLower() {
            assertEquals(AdaptiveLimit.INITIAL, AdaptiveLimit.adaptive(64).limit());
            assertEquals(3, AdaptiveLimit.adaptive(3).limit());
            assertEquals(1, AdaptiveLimit.adaptive(1).limit());
        }
    }

    @Nested
    class Failures {

        @ParameterizedTest
        @EnumSource(value = Outcome.class, names = {"OVERLOAD", "TIMEOUT", "REFUSED"})
        void eachKindCutsTheLimitByATenth(Outcome outcome) {
            AdaptiveLimit limit = new AdaptiveLimit(100, 50, true);
            limit.onSample(LATENCY, outcome, 50, T0);
            assertEquals(45, limit.limit());
        }

        @Test
        void aBurstOfFailuresSentBeforeTheCutIsOneCut() {
            AdaptiveLimit limit = new AdaptiveLimit(100, 50, true);
            for (int i = 0; i < 50; i++) {
                limit.onSample(30 * SECOND, Outcome.TIMEOUT, 50 - i, T0 + i * MS);
            }
            assertEquals(45, limit.limit());
        }

        @Test
        void aFailureSentAfterTheCutCutsAgain() {
            AdaptiveLimit limit = new AdaptiveLimit(100, 50, true);
            limit.onSample(LATENCY, Outcome.OVERLOAD, 50, T0);
            limit.onSample(LATENCY, Outcome.OVERLOAD, 45, T0 + LATENCY);
            assertEquals(40, limit.limit()); // 50 × 0.9 × 0.9 = 40.5
        }

        @Test
        void neverCutsBelowOne() {
            AdaptiveLimit limit = new AdaptiveLimit(100, 2, true);
            for (int i = 1; i <= 50; i++) {
                limit.onSample(MS, Outcome.REFUSED, 1, T0 + i * SECOND);
            }
            assertEquals(1, limit.limit());
        }

        @Test
        void failuresAloneNeverRaiseIt() {
            AdaptiveLimit limit = new AdaptiveLimit(100, 1, true);
            for (int i = 1; i <= 1_000; i++) {
                limit.onSample(SECOND, Outcome.TIMEOUT, 1, T0 + i * SECOND);
            }
            assertEquals(1, limit.limit());
        }
    }

    @Nested
    class Latency {

        @Test
        void aUsedLimitAtTheNoLoadLatencyGrowsAfterEachRound() {
            AdaptiveLimit limit = new AdaptiveLimit(100, 10, true);
            long now = round(limit, T0, LATENCY, 10);
            assertEquals(11, limit.limit());
            round(limit, now, LATENCY, 11);
            assertEquals(12, limit.limit());
        }

        @Test
        void growsByATenthPerRoundWhenLarger() {
            AdaptiveLimit limit = new AdaptiveLimit(100, 50, true);
            round(limit, T0, LATENCY, 50);
            assertEquals(55, limit.limit());
        }

        @Test
        void neverGrowsAboveTheMaximum() {
            AdaptiveLimit limit = new AdaptiveLimit(12, 10, true);
            long now = T0;
            for (int i = 0; i < 20; i++) {
                now = round(limit, now, LATENCY, limit.limit());
            }
            assertEquals(12, limit.limit());
        }

        @Test
        void aLimitLessThanHalfUsedDoesNotMove() {
            AdaptiveLimit limit = new AdaptiveLimit(100, 10, true);
            long now = round(limit, T0, LATENCY, 10);
            now = round(limit, now, LATENCY, 6);
            assertEquals(12, limit.limit()); // 6 is more than half of 11: used
            now = round(limit, now, LATENCY, 5);
            round(limit, now, 10 * LATENCY, 5);
            assertEquals(12, limit.limit()); // 5 is less than half of 12: neither grows nor shrinks
        }

        @Test
        void aQueueingRoundMovesToLittlesEstimate() {
            AdaptiveLimit limit = new AdaptiveLimit(100, 40, true);
            long now = round(limit, T0, LATENCY, 20);
            assertEquals(44, limit.limit());
            // twice the no-load latency: 44 in flight are served at the rate 22 would be unqueued
            round(limit, now, 2 * LATENCY, 44);
            assertEquals(22, limit.limit());
        }

        @Test
        void aQueueingRoundCutsAtMostHalf() {
            AdaptiveLimit limit = new AdaptiveLimit(100, 40, true);
            long now = round(limit, T0, LATENCY, 20);
            round(limit, now, 5 * LATENCY, 44);
            assertEquals(22, limit.limit());
        }

        @Test
        void latencyWithinTheToleranceStillGrows() {
            AdaptiveLimit limit = new AdaptiveLimit(100, 10, true);
            long now = round(limit, T0, LATENCY, 10);
            round(limit, now, LATENCY * 105 / 100, 11);
            assertEquals(12, limit.limit());
        }

        @Test
        void oneSlowishRoundAmongSteadyOnesIsNotTakenForQueueing() {
            AdaptiveLimit limit = new AdaptiveLimit(100, 10, true);
            long now = T0;
            for (int i = 0; i < 4; i++) {
                now = round(limit, now, LATENCY, limit.limit());
            }
            assertEquals(14, limit.limit()); // 10, 11, 12.1, 13.31, 14.64
            round(limit, now, LATENCY * 115 / 100, 14); // above the tolerance, but only once
            assertEquals(16, limit.limit()); // grew by a tenth
            round(limit, now + SECOND, LATENCY * 115 / 100, 16); // twice is a trend
            assertTrue(limit.limit() < 16, "limit " + limit.limit());
        }

        @Test
        void oneFastAnswerDoesNotLowerTheNoLoadLatency() {
            AdaptiveLimit limit = new AdaptiveLimit(100, 10, true);
            long now = T0;
            for (int i = 0; i < AdaptiveLimit.ROUND_SAMPLES; i++) {
                now += MS;
                limit.onSample(i == 0 ? MS : LATENCY, Outcome.SUCCESS, 10, now + LATENCY);
            }
            now += LATENCY;
            assertEquals(11, limit.limit());
            round(limit, now, LATENCY, 11); // would look queued against a 1 ms no-load latency
            assertEquals(12, limit.limit());
        }

        @Test
        void samplesSentBeforeTheLastChangeDoNotCount() {
            AdaptiveLimit limit = new AdaptiveLimit(100, 40, true);
            long now = round(limit, T0, LATENCY, 20);
            now = round(limit, now, 2 * LATENCY, 44); // shrinks to 22 at `now`
            for (int i = 0; i < 3 * AdaptiveLimit.ROUND_SAMPLES; i++) {
                limit.onSample(2 * LATENCY, Outcome.SUCCESS, 44, now + i * MS); // sent before the cut
            }
            assertEquals(22, limit.limit());
        }
    }
}
