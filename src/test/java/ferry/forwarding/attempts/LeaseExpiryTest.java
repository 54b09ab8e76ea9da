package ferry.forwarding.attempts;

import ferry.forwarding.retry.Decision;
import ferry.forwarding.retry.RetryPolicy;

import static ferry.forwarding.attempts.Fixtures.NODE;
import static ferry.forwarding.attempts.Fixtures.planner;
import static ferry.forwarding.attempts.Fixtures.proxy;
import static ferry.forwarding.attempts.Fixtures.request;
import static ferry.forwarding.attempts.Fixtures.settings;
import static ferry.forwarding.attempts.Fixtures.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.proxies.control.ProxySettings;
import ferry.proxies.control.TargetAuth;
import ferry.requests.entity.ForwardRequest;
import ferry.requests.entity.RequestState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What {@link Recovery} does to a row whose node died during its attempt, through the plain steps
 * it and the claim share (the sweep's queries themselves need a database: RestartRecoveryIT).
 */
class LeaseExpiryTest {

    private static final TargetAuth NONE = new TargetAuth("none", null, null, null, null, null);
    private static final Duration MARGIN = Duration.ofSeconds(60);
    private static final ProxySettings SETTINGS = settings(3, 10_000, 3600);

    @Test
    void anAttemptCutOffByACrashIsRetriedByAnotherNodeWithTheSameIdempotencyKey() {
        ForwardRequest r = request();
        Ticket first = AttemptStart.start(r, proxy(), SETTINGS, MARGIN, NODE, Map.of(), NONE, t(1));
        Instant leaseEnd = r.getLeaseUntil();
        assertEquals(t(71), leaseEnd);

        // node-a died; the sweep on node-b finds the lease ran out.
        Instant sweep = leaseEnd.plusSeconds(5);
        RetryPolicy policy = RetryPolicy.of(SETTINGS.retry(), r.getMaxRetries());
        AttemptOutcome outcome = AttemptOutcome.ofAbandoned(r, policy, planner(), sweep);
        assertEquals(Decision.Kind.RETRY, outcome.decision().kind());
        assertEquals(1, outcome.attempt().getNumber());
        assertEquals(75_000, outcome.attempt().getDurationMs());
        AttemptOutcome.scheduleRetry(r, outcome.decision().delay(), sweep);
        assertFalse(r.isLeasedBy(NODE));

        Instant due = sweep.plus(outcome.decision().delay());
        assertFalse(ClaimRule.isDue(r, due.minusSeconds(2)));
        assertTrue(ClaimRule.isDue(r, due));
        Ticket second = AttemptStart.start(r, proxy(), SETTINGS, MARGIN, "node-b", Map.of(), NONE, due);
        assertEquals(2, second.attemptNumber());
        assertEquals(first.outbound().headers().get("idempotency-key"), second.outbound().headers().get("idempotency-key"));
        assertEquals(List.of("2"), second.outbound().headers().get("ferry-attempt"));
        assertTrue(r.isLeasedBy("node-b"));
    }

    @Test
    void anAttemptCutOffAfterItsLastRetryEndsTheRequest() {
        ForwardRequest r = request();
        r.setMaxRetries(1);
        AttemptStart.start(r, proxy(), SETTINGS, MARGIN, NODE, Map.of(), NONE, t(1));
        r.moveTo(RequestState.RETRYING, t(2));
        AttemptStart.start(r, proxy(), SETTINGS, MARGIN, NODE, Map.of(), NONE, t(3));

        RetryPolicy policy = RetryPolicy.of(SETTINGS.retry(), r.getMaxRetries());
        AttemptOutcome outcome = AttemptOutcome.ofAbandoned(r, policy, planner(), r.getLeaseUntil().plusSeconds(1));
        assertEquals(Decision.Kind.FAIL, outcome.decision().kind());
        assertEquals("retries-exhausted", outcome.decision().errorType());
        assertEquals(2, outcome.attempt().getNumber());
        assertTrue(outcome.decision().message().contains("timeout"), outcome.decision().message());
    }
}
