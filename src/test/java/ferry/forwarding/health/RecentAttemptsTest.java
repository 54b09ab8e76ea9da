package ferry.forwarding.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ferry.requests.entity.RequestState;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecentAttemptsTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long WINDOW = 300 * SECOND;
    private static final ProxyStats.Limits LIMITS = new ProxyStats.Limits(10, 64, true, null, null,
            new ProxyStats.Circuit("closed", "2026-12-01T00:00:00Z", 0));

    @Test
    void percentilesAndSuccessRateAreOverTheWindowOnly() {
        RecentAttempts recent = new RecentAttempts(1000);
        recent.record(0, 5000, false); // long before the window
        for (int i = 1; i <= 100; i++) {
            recent.record(400 * SECOND + i, i, i % 10 != 0); // 1..100 ms, every tenth unwell
        }
        RecentAttempts.Summary s = recent.summary(401 * SECOND, WINDOW);
        assertEquals(100, s.attempts());
        assertEquals(0.9, s.successRate(), 1e-9);
        assertEquals(50L, s.p50Ms());
        assertEquals(95L, s.p95Ms());
        assertEquals(99L, s.p99Ms());
        assertEquals(100 / 300.0, s.perSecond(), 1e-9);
    }

    @Test
    void theRingKeepsTheLatestAttempts() {
        RecentAttempts recent = new RecentAttempts(10);
        for (int i = 1; i <= 25; i++) {
            recent.record(i, 1000 + i, true);
        }
        RecentAttempts.Summary s = recent.summary(30, WINDOW);
        assertEquals(10, s.attempts());
        assertEquals(1020L, s.p50Ms(), "attempts 16 to 25 are kept: their median is the 20th's");
    }

    @Test
    void nothingRecentMeansNoRatesAndNoDrainEstimate() {
        RecentAttempts.Summary none = new RecentAttempts(10).summary(0, WINDOW);
        assertEquals(0, none.attempts());
        assertNull(none.successRate());
        Map<RequestState, Long> counts = new EnumMap<>(RequestState.class);
        counts.put(RequestState.QUEUED, 7L);
        counts.put(RequestState.RETRYING, 3L);
        counts.put(RequestState.COMPLETED, 100L);
        ProxyStats stats = ProxyStats.of("p", counts, 0, none, LIMITS);
        assertEquals(10, stats.backlog);
        assertNull(stats.drainSeconds);
        assertNull(stats.latencyMs);
    }

    @Test
    void theBacklogDrainsAtTheRecentRate() {
        RecentAttempts recent = new RecentAttempts(1000);
        for (int i = 0; i < 600; i++) {
            recent.record(i * SECOND / 2, 20, true); // two a second for five minutes
        }
        Map<RequestState, Long> counts = new EnumMap<>(RequestState.class);
        counts.put(RequestState.QUEUED, 100L);
        ProxyStats stats = ProxyStats.of("p", counts, 2, recent.summary(300 * SECOND, WINDOW), LIMITS);
        assertEquals(50L, stats.drainSeconds);
        assertEquals(2, stats.inFlight);
        assertEquals(20L, stats.latencyMs.p50());
    }
}
