package ferry.forwarding.attempts;

import ferry.forwarding.retry.Decision;
import ferry.forwarding.target.AttemptResult;

import static ferry.forwarding.attempts.Fixtures.NODE;
import static ferry.forwarding.attempts.Fixtures.REQUEST_ID;
import static ferry.forwarding.attempts.Fixtures.answered;
import static ferry.forwarding.attempts.Fixtures.planner;
import static ferry.forwarding.attempts.Fixtures.policy;
import static ferry.forwarding.attempts.Fixtures.request;
import static ferry.forwarding.attempts.Fixtures.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.requests.entity.Attempt;
import ferry.requests.entity.ForwardRequest;
import ferry.requests.entity.RequestState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AttemptOutcomeTest {

    /** A request in its first attempt, claimed at t(1) by this node. */
    private static ForwardRequest inFirstAttempt() {
        ForwardRequest r = request();
        r.startAttempt(NODE, t(91), t(1));
        return r;
    }

    @Test
    void aSuccessCompletesAndItsAttemptIsNotRetryable() {
        AttemptOutcome outcome = AttemptOutcome.of(inFirstAttempt(), policy(), 1, answered(201, t(1)), planner(), t(2));
        assertEquals(Decision.Kind.COMPLETE, outcome.decision().kind());
        Attempt attempt = outcome.attempt();
        assertEquals(REQUEST_ID, attempt.getRequestId());
        assertEquals(1, attempt.getNumber());
        assertEquals(t(1), attempt.getStartedAt());
        assertEquals(250, attempt.getDurationMs());
        assertEquals(AttemptResult.RESPONSE, attempt.getOutcome());
        assertEquals(201, attempt.getStatus());
        assertFalse(attempt.isRetryable());
        assertNull(attempt.getNextDelayMs());
    }

    @Test
    void aRetryableStatusRetriesAndTheAttemptKeepsThePlannedDelay() {
        AttemptOutcome first = AttemptOutcome.of(inFirstAttempt(), policy(), 1, answered(503, t(1)), planner(), t(2));
        assertEquals(Decision.Kind.RETRY, first.decision().kind());
        assertEquals(Duration.ofSeconds(1), first.decision().delay());
        assertTrue(first.attempt().isRetryable());
        assertEquals(1000L, first.attempt().getNextDelayMs());
        assertEquals(503, first.attempt().getStatus());

        AttemptOutcome third = AttemptOutcome.of(inFirstAttempt(), policy(), 3, answered(503, t(1)), planner(), t(2));
        assertEquals(Duration.ofSeconds(4), third.decision().delay());
        assertEquals(4000L, third.attempt().getNextDelayMs());
        assertEquals(3, third.attempt().getNumber());
    }

    @Test
    void aFinalFailureIsNotRetryable() {
        AttemptOutcome outcome = AttemptOutcome.of(inFirstAttempt(), policy(), 1, answered(404, t(1)), planner(), t(2));
        assertEquals(Decision.Kind.FAIL, outcome.decision().kind());
        assertEquals("non-retryable-status", outcome.decision().errorType());
        assertFalse(outcome.attempt().isRetryable());
        assertNull(outcome.attempt().getNextDelayMs());
        assertEquals(404, outcome.attempt().getStatus());
    }

    @Test
    void theLastAllowedRetryIsFollowedByFailure() {
        AttemptOutcome outcome = AttemptOutcome.of(inFirstAttempt(), policy(3), 4, answered(503, t(1)), planner(),
                t(2));
        assertEquals("retries-exhausted", outcome.decision().errorType());
        assertFalse(outcome.attempt().isRetryable());
    }

    @Test
    void anUnansweredAttemptHasNoStatusAndKeepsItsError() {
        AttemptResult refused = new AttemptResult(AttemptResult.CONNECT_ERROR, 0, null, null, "connection refused",
                t(1), 7);
        AttemptOutcome outcome = AttemptOutcome.of(inFirstAttempt(), policy(), 1, refused, planner(), t(2));
        assertEquals(Decision.Kind.RETRY, outcome.decision().kind());
        assertNull(outcome.attempt().getStatus());
        assertEquals("connection refused", outcome.attempt().getError());
        assertEquals(AttemptResult.CONNECT_ERROR, outcome.attempt().getOutcome());
    }

    @Test
    void theRequestsWindowAndDeadlineBoundTheRetry() {
        ForwardRequest sync = inFirstAttempt();
        sync.setDeadline(t(2).plusMillis(999)); // a 1 s retry would start after it
        AttemptOutcome outcome = AttemptOutcome.of(sync, policy(), 1, answered(503, t(1)), planner(), t(2));
        assertEquals("deadline-exceeded", outcome.decision().errorType());

        // The window (900 s) runs from the request's notBefore (t(0)), not from this attempt.
        AttemptOutcome late = AttemptOutcome.of(inFirstAttempt(), policy(), 1, answered(503, t(899)), planner(),
                t(900));
        assertEquals("retry-window-exhausted", late.decision().errorType());
    }

    @Test
    void anAbandonedAttemptTimedOutAndLastedFromItsClaimUntilNow() {
        ForwardRequest r = inFirstAttempt(); // claimed at t(1)
        AttemptResult result = AttemptOutcome.abandoned(r, t(95));
        assertEquals(AttemptResult.TIMEOUT, result.outcome());
        assertFalse(result.answered());
        assertEquals(t(1), result.startedAt());
        assertEquals(94_000, result.durationMs());
        assertTrue(result.error().contains("lease expired"), result.error());
    }

    @Test
    void anAbandonedAttemptIsTheRowsLatestAndIsRetriedWhileRetriesRemain() {
        ForwardRequest r = inFirstAttempt();
        r.moveTo(RequestState.RETRYING, t(2));
        r.startAttempt(NODE, t(200), t(110)); // attempt 2, claimed at t(110)
        AttemptOutcome outcome = AttemptOutcome.ofAbandoned(r, policy(), planner(), t(200));
        assertEquals(Decision.Kind.RETRY, outcome.decision().kind());
        assertEquals(Duration.ofSeconds(2), outcome.decision().delay());
        assertEquals(2, outcome.attempt().getNumber());
        assertEquals(t(110), outcome.attempt().getStartedAt());
        assertEquals(90_000, outcome.attempt().getDurationMs());
        assertEquals(AttemptResult.TIMEOUT, outcome.attempt().getOutcome());
        assertTrue(outcome.attempt().isRetryable());
    }

    @Test
    void anAbandonedAttemptFailsTheRequestOnceRetriesAreUsedUp() {
        AttemptOutcome outcome = AttemptOutcome.ofAbandoned(inFirstAttempt(), policy(0), planner(), t(95));
        assertEquals(Decision.Kind.FAIL, outcome.decision().kind());
        assertEquals("retries-exhausted", outcome.decision().errorType());
        assertFalse(outcome.attempt().isRetryable());
    }

    @Test
    void scheduleRetryReleasesTheLeaseAndMakesTheRowDueAfterTheDelay() {
        ForwardRequest r = inFirstAttempt();
        AttemptOutcome.scheduleRetry(r, Duration.ofSeconds(8), t(2));
        assertEquals(RequestState.RETRYING, r.getState());
        assertFalse(r.isLeasedBy(NODE));
        assertNull(r.getLeaseUntil());
        assertEquals(t(10), r.getNextAttemptAt());
        assertEquals(t(2), r.getUpdatedAt());
        // Its message is not claimed early, and is claimed once due.
        assertFalse(ClaimRule.isDue(r, t(8)));
        assertTrue(ClaimRule.isDue(r, t(10)));
    }
}
