package ferry.intake.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void aBucketHoldsOneSecondOfRequestsThenRefillsAtTheRate() {
        RateLimiter.Bucket bucket = new RateLimiter.Bucket(2);
        long t = System.nanoTime();
        assertEquals(0, bucket.take(2, t));
        assertEquals(0, bucket.take(2, t));
        long wait = bucket.take(2, t);
        assertTrue(wait > 0 && wait <= 500_000_000L, "a token comes back within 1/rate: " + wait);
        assertEquals(0, bucket.take(2, t + 500_000_000L), "half a second later, one token is back");
        assertTrue(bucket.take(2, t + 500_000_000L) > 0);
    }

    @Test
    void slowRatesStillAllowOneRequest() {
        RateLimiter.Bucket bucket = new RateLimiter.Bucket(0.5);
        long t = System.nanoTime();
        assertEquals(0, bucket.take(0.5, t));
        long wait = bucket.take(0.5, t);
        assertTrue(wait > 1_900_000_000L && wait <= 2_000_000_000L, "two seconds per request: " + wait);
    }
}
