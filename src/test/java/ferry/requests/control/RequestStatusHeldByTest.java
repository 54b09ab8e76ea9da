package ferry.requests.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ferry.proxies.entity.EntryPoint;
import ferry.requests.entity.ForwardRequest;
import ferry.requests.entity.RequestState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestStatusHeldByTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    private static Instant at(long seconds) {
        return NOW.plusSeconds(seconds);
    }

    /** Accepted a minute ago, first attempt due at {@code notBefore}. */
    private static ForwardRequest request(Instant notBefore) {
        return new ForwardRequest("r1", "orders", EntryPoint.ASYNC, "POST", "v1/x", null, "{}", new byte[0], "r1",
                notBefore, at(-60));
    }

    /** One attempt made and failed, waiting to retry at {@code next}. */
    private static ForwardRequest retrying(Instant next) {
        ForwardRequest r = request(at(-60));
        r.startAttempt("node-1", at(0), at(-10));
        r.moveTo(RequestState.RETRYING, at(-5));
        r.scheduleNext(next);
        return r;
    }

    @Test
    void aRequestDueNowIsNotHeld() {
        assertNull(RequestStatus.heldBy(request(NOW), false, NOW));
        assertNull(RequestStatus.heldBy(request(at(-30)), false, NOW));
    }

    @Test
    void aFirstAttemptAheadIsADelay() {
        assertEquals("delay", RequestStatus.heldBy(request(at(30)), false, NOW));
        assertNull(RequestStatus.heldBy(request(at(30)), false, at(30)));
    }

    @Test
    void aRetryAheadIsABackoff() {
        assertEquals("backoff", RequestStatus.heldBy(retrying(at(10)), false, NOW));
        assertNull(RequestStatus.heldBy(retrying(at(10)), false, at(10)));
    }

    @Test
    void aLimitsReasonIsShownWhileItsHoldLasts() {
        ForwardRequest r = request(at(-30));
        r.hold("circuit-open", at(5), NOW);
        assertEquals("circuit-open", RequestStatus.heldBy(r, false, NOW));
        assertEquals("circuit-open", RequestStatus.heldBy(r, false, at(5).minusNanos(1)));
        assertNull(RequestStatus.heldBy(r, false, at(5)));

        ForwardRequest retried = retrying(at(-1));
        retried.hold("concurrency-limit", at(1), NOW);
        assertEquals("concurrency-limit", RequestStatus.heldBy(retried, false, NOW));
    }

    @Test
    void schedulingTheNextAttemptClearsTheLimitsReason() {
        ForwardRequest r = request(NOW);
        r.hold("rate-limit", at(1), NOW);
        r.scheduleNext(at(20));
        assertEquals("delay", RequestStatus.heldBy(r, false, NOW));

        ForwardRequest retried = retrying(NOW);
        retried.hold("target-retry-after", at(1), NOW);
        retried.scheduleNext(at(20));
        assertEquals("backoff", RequestStatus.heldBy(retried, false, NOW));
    }

    @Test
    void aPausedProxyHoldsEveryWaitingRequest() {
        assertEquals("paused", RequestStatus.heldBy(request(NOW), true, NOW));
        assertEquals("paused", RequestStatus.heldBy(request(at(30)), true, NOW));
        assertEquals("paused", RequestStatus.heldBy(retrying(at(10)), true, NOW));
        ForwardRequest r = request(NOW);
        r.hold("circuit-open", at(5), NOW);
        assertEquals("paused", RequestStatus.heldBy(r, true, NOW));
    }

    @Test
    void aRequestNotWaitingIsNotHeld() {
        ForwardRequest r = request(at(-30));
        r.hold("circuit-open", at(5), at(-1));
        r.startAttempt("node-1", at(60), NOW);
        assertEquals(RequestState.PROCESSING, r.getState());
        assertNull(RequestStatus.heldBy(r, false, NOW));
        assertNull(RequestStatus.heldBy(r, true, NOW));
        r.moveTo(RequestState.COMPLETED, at(1));
        assertNull(RequestStatus.heldBy(r, true, at(1)));

        ForwardRequest canceled = request(at(30));
        canceled.moveTo(RequestState.CANCELED, NOW);
        assertNull(RequestStatus.heldBy(canceled, true, NOW));
        assertNull(RequestStatus.heldBy(canceled, false, NOW));
    }

    @Test
    void aRestartedSeriesWaitsForItsFirstAttemptAgain() {
        ForwardRequest r = retrying(NOW);
        r.startAttempt("node-1", at(60), NOW);
        r.moveTo(RequestState.FAILED, at(1));
        r.restartSeries(at(2), null);
        assertNull(RequestStatus.heldBy(r, false, at(2)));
        r.scheduleNext(at(30));
        assertEquals("delay", RequestStatus.heldBy(r, false, at(2)));
    }
}
