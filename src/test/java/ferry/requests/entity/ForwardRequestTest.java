package ferry.requests.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ForwardRequestTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant NOT_BEFORE = T0.plusSeconds(30);
    private static final String NODE = "node-a";

    private static ForwardRequest newRequest() {
        return new ForwardRequest("6f1c1e0e-4a8e-4d2c-9a6e-0c0b8f1f2a3b", "orders", ferry.proxies.entity.EntryPoint.ASYNC, "POST", "v1/orders",
                "a=1", "{}", new byte[] {1, 2}, "key-1", NOT_BEFORE, T0);
    }

    private static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void aNewRequestIsQueuedUntilItsNotBefore() {
        ForwardRequest r = newRequest();
        assertEquals(RequestState.QUEUED, r.getState());
        assertEquals(0, r.getAttempts());
        assertEquals(NOT_BEFORE, r.getNextAttemptAt());
        assertEquals(T0, r.getCreatedAt());
        assertEquals(T0, r.getUpdatedAt());
        assertNull(r.getCompletedAt());
        assertFalse(r.isLeasedBy(NODE));
    }

    @Test
    void startAttemptLeasesTheRequestAndCountsAttempts() {
        ForwardRequest r = newRequest();
        assertEquals(1, r.startAttempt(NODE, t(90), t(60)));
        assertEquals(RequestState.PROCESSING, r.getState());
        assertEquals(1, r.getAttempts());
        assertTrue(r.isLeasedBy(NODE));
        assertFalse(r.isLeasedBy("node-b"));
        assertEquals(t(90), r.getLeaseUntil());
        assertNull(r.getNextAttemptAt());
        assertEquals(t(60), r.getUpdatedAt());
    }

    @Test
    void aRetryCycleCountsAttemptsUpAndClearsTheLeaseBetweenThem() {
        ForwardRequest r = newRequest();
        r.startAttempt(NODE, t(40), t(31));
        r.moveTo(RequestState.RETRYING, t(32));
        assertFalse(r.isLeasedBy(NODE));
        assertNull(r.getLeaseUntil());
        r.scheduleNext(t(35));
        assertEquals(t(35), r.getNextAttemptAt());

        assertEquals(2, r.startAttempt("node-b", t(50), t(35)));
        assertTrue(r.isLeasedBy("node-b"));
        assertFalse(r.isLeasedBy(NODE));
        r.moveTo(RequestState.RETRYING, t(36));
        assertEquals(3, r.startAttempt(NODE, t(60), t(40)));
        r.moveTo(RequestState.COMPLETED, t(41));

        assertEquals(3, r.getAttempts());
        assertEquals(RequestState.COMPLETED, r.getState());
    }

    @ParameterizedTest
    @EnumSource(value = RequestState.class, names = {"COMPLETED", "FAILED"})
    void endingAnAttemptSetsCompletedAtAndClearsLeaseAndSchedule(RequestState terminal) {
        ForwardRequest r = newRequest();
        r.startAttempt(NODE, t(90), t(60));
        r.scheduleNext(t(100));
        r.moveTo(terminal, t(61));
        assertEquals(terminal, r.getState());
        assertEquals(t(61), r.getCompletedAt());
        assertEquals(t(61), r.getUpdatedAt());
        assertNull(r.getNextAttemptAt());
        assertNull(r.getLeaseUntil());
        assertFalse(r.isLeasedBy(NODE));
    }

    @Test
    void cancelingAQueuedRequestSetsCompletedAt() {
        ForwardRequest r = newRequest();
        r.moveTo(RequestState.CANCELED, t(5));
        assertEquals(RequestState.CANCELED, r.getState());
        assertEquals(t(5), r.getCompletedAt());
        assertNull(r.getNextAttemptAt());
    }

    @Test
    void aQueuedRequestCanFailWithoutAnAttempt() {
        ForwardRequest r = newRequest();
        r.moveTo(RequestState.FAILED, t(180));
        assertEquals(t(180), r.getCompletedAt());
        assertEquals(0, r.getAttempts());
    }

    @Test
    void cancelingARetryingRequest() {
        ForwardRequest r = newRequest();
        r.startAttempt(NODE, t(90), t(60));
        r.moveTo(RequestState.RETRYING, t(61));
        r.moveTo(RequestState.CANCELED, t(62));
        assertEquals(RequestState.CANCELED, r.getState());
        assertEquals(t(62), r.getCompletedAt());
    }

    @Test
    void anAbandonedAttemptGoesBackToQueuedWithoutItsLease() {
        ForwardRequest r = newRequest();
        r.startAttempt(NODE, t(90), t(60));
        r.moveTo(RequestState.QUEUED, t(95));
        assertEquals(RequestState.QUEUED, r.getState());
        assertFalse(r.isLeasedBy(NODE));
        assertNull(r.getLeaseUntil());
        assertNull(r.getCompletedAt());
        assertEquals(1, r.getAttempts());
    }

    @Test
    void aFailedRequestCanBeQueuedAgainAndAttemptsKeepCounting() {
        ForwardRequest r = newRequest();
        r.startAttempt(NODE, t(90), t(60));
        r.moveTo(RequestState.FAILED, t(61));
        r.moveTo(RequestState.QUEUED, t(100));
        assertEquals(RequestState.QUEUED, r.getState());
        assertEquals(2, r.startAttempt(NODE, t(200), t(101)));
    }

    @Test
    void queuingAnEndedRequestAgainClearsCompletedAt() {
        ForwardRequest r = newRequest();
        r.moveTo(RequestState.CANCELED, t(5));
        r.moveTo(RequestState.QUEUED, t(10));
        assertNull(r.getCompletedAt());
    }

    @Test
    void aCompletedRequestCannotBeAttemptedAgain() {
        ForwardRequest r = newRequest();
        r.startAttempt(NODE, t(90), t(60));
        r.moveTo(RequestState.COMPLETED, t(61));
        assertThrows(IllegalTransition.class, () -> r.startAttempt(NODE, t(200), t(100)));
        assertEquals(RequestState.COMPLETED, r.getState());
        assertEquals(1, r.getAttempts());
        assertFalse(r.isLeasedBy(NODE));
        assertEquals(t(61), r.getUpdatedAt());
    }

    @Test
    void aLeasedRequestCannotBeLeasedTwice() {
        ForwardRequest r = newRequest();
        r.startAttempt(NODE, t(90), t(60));
        IllegalTransition e = assertThrows(IllegalTransition.class, () -> r.startAttempt("node-b", t(95), t(61)));
        assertTrue(e.getMessage().contains("PROCESSING -> PROCESSING"), e.getMessage());
        assertTrue(r.isLeasedBy(NODE));
        assertFalse(r.isLeasedBy("node-b"));
        assertEquals(t(90), r.getLeaseUntil());
        assertEquals(1, r.getAttempts());
    }

    @Test
    void aQueuedRequestCannotCompleteWithoutAnAttempt() {
        ForwardRequest r = newRequest();
        IllegalTransition e = assertThrows(IllegalTransition.class, () -> r.moveTo(RequestState.COMPLETED, t(1)));
        assertTrue(e.getMessage().contains("QUEUED -> COMPLETED"), e.getMessage());
        assertEquals(RequestState.QUEUED, r.getState());
        assertNull(r.getCompletedAt());
        assertEquals(T0, r.getUpdatedAt());
    }

    @Test
    void aProcessingRequestCannotBeCanceled() {
        ForwardRequest r = newRequest();
        r.startAttempt(NODE, t(90), t(60));
        assertThrows(IllegalTransition.class, () -> r.moveTo(RequestState.CANCELED, t(61)));
        assertTrue(r.isLeasedBy(NODE));
    }

    @Test
    void aCompletedRequestCannotBeReQueued() {
        ForwardRequest r = newRequest();
        r.startAttempt(NODE, t(90), t(60));
        r.moveTo(RequestState.COMPLETED, t(61));
        assertThrows(IllegalTransition.class, () -> r.moveTo(RequestState.QUEUED, t(62)));
        assertThrows(IllegalTransition.class, () -> r.moveTo(RequestState.PROCESSING, t(62)));
        assertEquals(t(61), r.getCompletedAt());
    }

    @Test
    void illegalTransitionIsAnIllegalStateException() {
        assertTrue(IllegalStateException.class.isAssignableFrom(IllegalTransition.class));
    }

    @Test
    void forgettingTheResponseLeavesNoEarlierAnswerStanding() {
        ForwardRequest r = newRequest();
        r.recordResponse(503, "{}");
        r.forgetResponse();
        org.junit.jupiter.api.Assertions.assertNull(r.getResponseStatus());
        org.junit.jupiter.api.Assertions.assertNull(r.getResponseHeaders());
    }

    @Test
    void aRestartedSeriesCountsItsOwnAttemptsAndStartsItsWindowAndDeadlineAgain() {
        ForwardRequest r = newRequest();
        r.startAttempt(NODE, t(60), t(31));
        r.moveTo(RequestState.RETRYING, t(32));
        r.startAttempt(NODE, t(90), t(33));
        r.recordError("retries-exhausted", "done");
        r.moveTo(RequestState.FAILED, t(34));

        r.restartSeries(t(100), t(280));

        org.junit.jupiter.api.Assertions.assertEquals(RequestState.QUEUED, r.getState());
        org.junit.jupiter.api.Assertions.assertEquals(2, r.getAttempts(), "numbers go on");
        org.junit.jupiter.api.Assertions.assertEquals(1, r.attemptInSeries(3), "the next attempt is the series' first");
        org.junit.jupiter.api.Assertions.assertEquals(t(100), r.getNotBefore(), "the window starts again");
        org.junit.jupiter.api.Assertions.assertEquals(t(100), r.getNextAttemptAt());
        org.junit.jupiter.api.Assertions.assertEquals(t(280), r.getDeadlineAt());
        org.junit.jupiter.api.Assertions.assertNull(r.getLastErrorType());
        org.junit.jupiter.api.Assertions.assertNull(r.getCompletedAt());
        org.junit.jupiter.api.Assertions.assertFalse(r.isDispatched(), "not on the queue until sent");
    }
}
