package ferry.forwarding.limits;

import static ferry.forwarding.limits.Simulation.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenBucketTest {

    /** Any origin: nanoTime's is arbitrary, even negative. */
    private static final long T0 = -5_000 * SECOND;

    /** Takes as fast as the bucket allows, each time exactly when it said a permit would be there. */
    private static long takeGreedily(TokenBucket bucket, long from, long until) {
        long now = from;
        long taken = 0;
        while (now <= until) {
            long wait = bucket.tryTake(now);
            if (wait == 0) {
                taken++;
            } else {
                now += wait;
            }
        }
        return taken;
    }

    @Nested
    class Rate {

        @ParameterizedTest
        @ValueSource(doubles = {1, 3, 7.5, 100, 0.3, 12_345.6})
        void holdsOverALongRun(double perSecond) {
            TokenBucket bucket = new TokenBucket(perSecond, 1, T0);
            long seconds = perSecond >= 1_000 ? 600 : 36_000;
            // the first permit at once, then one every 1/rate: rate × seconds in [T0, T0 + seconds),
            // which a drift of even a nanosecond per permit would miss at the higher rates
            long taken = takeGreedily(bucket, T0, T0 + seconds * SECOND - 1);
            assertEquals(Math.round(perSecond * seconds), taken);
        }

        @Test
        void aPollingCallerGetsTheRateToo() {
            TokenBucket bucket = new TokenBucket(10, 5, T0);
            long taken = 0;
            for (long now = T0; now < T0 + 3_600 * SECOND; now += 1_000_000L) { // every millisecond for an hour
                if (bucket.tryTake(now) == 0) {
                    taken++;
                }
            }
            assertEquals(5 + 36_000 - 1, taken); // the burst, then one per 100 ms after the first millisecond
        }
    }

    @Nested
    class Burst {

        @Test
        void aFullBucketGivesItsBurstAtOnceAndThenWaits() {
            TokenBucket bucket = new TokenBucket(2, 5, T0);
            for (int i = 0; i < 5; i++) {
                assertEquals(0, bucket.tryTake(T0));
            }
            assertEquals(SECOND / 2, bucket.tryTake(T0));
        }

        @Test
        void refillsNoMoreThanTheBurstAfterALongIdle() {
            TokenBucket bucket = new TokenBucket(1_000_000, 3, T0);
            long later = T0 + 200L * 365 * 24 * 3_600 * SECOND; // two centuries: rate × idle nanos is far beyond a long
            for (int i = 0; i < 3; i++) {
                assertEquals(0, bucket.tryTake(later));
            }
            assertEquals(1_000, bucket.tryTake(later));
        }

        @Test
        void afterALongIdleThePaceResumesExactly() {
            TokenBucket bucket = new TokenBucket(4, 1, T0);
            assertEquals(0, bucket.tryTake(T0));
            long afterIdle = T0 + 86_400 * SECOND;
            assertEquals(0, bucket.tryTake(afterIdle));
            assertEquals(SECOND / 4, bucket.tryTake(afterIdle));
            assertEquals(0, bucket.tryTake(afterIdle + SECOND / 4));
        }
    }

    @Nested
    class Waiting {

        @Test
        void theWaitIsExact() {
            TokenBucket bucket = new TokenBucket(3, 1, T0);
            assertEquals(0, bucket.tryTake(T0));
            long wait = bucket.tryTake(T0);
            assertEquals(333_333_334L, wait); // 1/3 s rounded up: at 333,333,333 ns a permit is not quite there
            assertTrue(bucket.tryTake(T0 + wait - 1) > 0);
            assertEquals(0, bucket.tryTake(T0 + wait));
        }

        @Test
        void askingDoesNotTake() {
            TokenBucket bucket = new TokenBucket(1, 1, T0);
            assertEquals(0, bucket.tryTake(T0));
            for (int i = 0; i < 10; i++) {
                assertEquals(SECOND - i * 1000L, bucket.tryTake(T0 + i * 1000L));
            }
            assertEquals(0, bucket.tryTake(T0 + SECOND));
        }

        @Test
        void aCallerWithAnEarlierClockReadingWaitsUntilThePermitIsThere() {
            TokenBucket bucket = new TokenBucket(1, 1, T0);
            assertEquals(0, bucket.tryTake(T0));
            assertEquals(11 * SECOND, bucket.tryTake(T0 - 10 * SECOND));
        }
    }

    @Test
    void rejectsANonPositiveRateOrBurst() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, T0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(-1, 1, T0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(Double.NaN, 1, T0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(Double.POSITIVE_INFINITY, 1, T0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 0, T0));
    }
}
