package ferry.forwarding.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ferry.forwarding.target.AttemptResult;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AttemptMetersTest {

    private final AttemptMeters meters = new AttemptMeters();

    AttemptMetersTest() {
        meters.registry = new SimpleMeterRegistry();
    }

    private static AttemptResult answer(int status) {
        return new AttemptResult(AttemptResult.RESPONSE, status, Map.of(), new byte[0], null, Instant.EPOCH, 30);
    }

    @Test
    void countsAttemptsPerProxyOutcomeAndStatusClass() {
        meters.attempted("p", "POST", answer(200), TimeUnit.MILLISECONDS.toNanos(30));
        meters.attempted("p", "POST", answer(204), TimeUnit.MILLISECONDS.toNanos(30));
        meters.attempted("p", "POST", answer(503), TimeUnit.MILLISECONDS.toNanos(30));
        meters.attempted("p", "POST", new AttemptResult(AttemptResult.TIMEOUT, 0, null, null, "slow", Instant.EPOCH, 800),
                TimeUnit.MILLISECONDS.toNanos(800));
        meters.attempted("p", "POST", null, 1);

        assertEquals(2, count("response", "2xx"));
        assertEquals(1, count("response", "5xx"));
        assertEquals(1, count("timeout", "none"));
        assertEquals(1, count("not-sent", "none"));
    }

    @Test
    void recordsDurationsUnderTheSemanticConventionsBuckets() {
        meters.attempted("p", "POST", answer(200), TimeUnit.MILLISECONDS.toNanos(60));
        meters.attempted("p", "POST", answer(200), TimeUnit.MILLISECONDS.toNanos(3_000));
        Timer timer = meters.registry.get("http.client.request.duration").tag("proxy", "p")
                .tag("http.response.status_code", "200").tag("error.type", "none").timer();
        assertEquals(2, timer.count());
        double[] bounds = Arrays.stream(timer.takeSnapshot().histogramCounts())
                .mapToDouble(CountAtBucket::bucket).map(nanos -> nanos / 1e9).toArray();
        assertEquals(Arrays.toString(AttemptMeters.DURATION_BUCKETS), Arrays.toString(bounds));
        assertEquals(1, bucket(timer, 0.075), "60 ms is within 75 ms");
        assertEquals(2, bucket(timer, 5), "3 s is within 5 s");
    }

    @Test
    void namesAnUnknownMethodOtherAndAFailureByItsKind() {
        meters.attempted("p", "PROPFIND", answer(404), 1);
        assertEquals(1, meters.registry.get("http.client.request.duration").tag("http.request.method", "_OTHER")
                .tag("error.type", "404").timer().count());
        assertEquals("connect-error", AttemptMeters.errorType(
                new AttemptResult(AttemptResult.CONNECT_ERROR, 0, null, null, "refused", Instant.EPOCH, 1)));
        assertEquals("none", AttemptMeters.errorType(answer(302)));
    }

    @Test
    void countsRetriesPerProxy() {
        meters.retryScheduled("a");
        meters.retryScheduled("a");
        assertEquals(2, meters.registry.get("ferry.forwarding.retries.scheduled").tag("proxy", "a").counter().count());
        assertNull(meters.registry.find("ferry.forwarding.retries.scheduled").tag("proxy", "b").counter());
    }

    private double count(String outcome, String statusClass) {
        return meters.registry.get("ferry.forwarding.attempts").tag("proxy", "p").tag("outcome", outcome)
                .tag("status_class", statusClass).counter().count();
    }

    private static double bucket(Timer timer, double seconds) {
        for (CountAtBucket b : timer.takeSnapshot().histogramCounts()) {
            if (Math.abs(b.bucket(TimeUnit.SECONDS) - seconds) < 1e-9) {
                return b.count();
            }
        }
        throw new AssertionError("no bucket " + seconds);
    }
}
