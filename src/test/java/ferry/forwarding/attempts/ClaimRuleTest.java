package ferry.forwarding.attempts;

import static ferry.forwarding.attempts.Fixtures.NODE;
import static ferry.forwarding.attempts.Fixtures.T0;
import static ferry.forwarding.attempts.Fixtures.proxy;
import static ferry.forwarding.attempts.Fixtures.request;
import static ferry.forwarding.attempts.Fixtures.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.proxies.entity.Proxy;
import ferry.requests.entity.ForwardRequest;
import ferry.requests.entity.RequestState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClaimRuleTest {

    @Test
    void aMissingRowIsNotClaimed() {
        assertFalse(ClaimRule.isDue(null, T0));
    }

    @Test
    void aQueuedRowIsClaimedOnceDue() {
        ForwardRequest r = request(); // due at T0
        assertTrue(ClaimRule.isDue(r, T0));
        assertTrue(ClaimRule.isDue(r, t(3600)));
    }

    @Test
    void aMessageUpToOneSecondEarlyStillClaims() {
        ForwardRequest r = request();
        r.scheduleNext(t(10));
        assertTrue(ClaimRule.isDue(r, t(9)));
        assertFalse(ClaimRule.isDue(r, t(9).minusMillis(1)));
        assertFalse(ClaimRule.isDue(r, T0));
    }

    @Test
    void aRetryingRowWithoutADueTimeIsDue() {
        ForwardRequest r = request();
        r.startAttempt(NODE, t(90), t(1)); // clears the due time
        r.moveTo(RequestState.RETRYING, t(2));
        assertTrue(ClaimRule.isDue(r, t(2)));
    }

    @Test
    void aRowInFlightElsewhereIsNotClaimed() {
        ForwardRequest r = request();
        r.startAttempt("node-b", t(90), t(1));
        assertFalse(ClaimRule.isDue(r, t(2)));
    }

    @Test
    void finishedRowsAreNotClaimed() {
        ForwardRequest completed = request();
        completed.startAttempt(NODE, t(90), t(1));
        completed.moveTo(RequestState.COMPLETED, t(2));
        ForwardRequest failed = request();
        failed.moveTo(RequestState.FAILED, t(2));
        ForwardRequest canceled = request();
        canceled.moveTo(RequestState.CANCELED, t(2));
        for (ForwardRequest r : List.of(completed, failed, canceled)) {
            assertFalse(ClaimRule.isDue(r, t(3)), r.getState().toString());
        }
    }

    @Test
    void onlyAnExistingActiveProxyForwards() {
        Proxy proxy = proxy();
        assertTrue(ClaimRule.forwards(proxy));
        proxy.setPaused(true, t(1));
        assertFalse(ClaimRule.forwards(proxy));
        proxy.setPaused(false, t(2));
        assertTrue(ClaimRule.forwards(proxy));
        assertFalse(ClaimRule.forwards(null));
    }

    @Test
    void aBatchIsClaimedInIdOrderAndAnsweredInTheOrderGiven() {
        List<String> claimedInOrder = new ArrayList<>();
        List<Optional<String>> answers = ClaimRule.eachOnce(List.of("c", "a", "b"), id -> {
            claimedInOrder.add(id);
            return Optional.of("ticket-" + id);
        });
        assertEquals(List.of("a", "b", "c"), claimedInOrder);
        assertEquals(List.of(Optional.of("ticket-c"), Optional.of("ticket-a"), Optional.of("ticket-b")), answers);
    }

    @Test
    void anIdTwiceInABatchIsClaimedOnceAndOnlyItsFirstMessageGetsTheTicket() {
        List<String> claimedInOrder = new ArrayList<>();
        List<Optional<String>> answers = ClaimRule.eachOnce(List.of("b", "a", "b", "b"), id -> {
            claimedInOrder.add(id);
            return Optional.of("ticket-" + id);
        });
        assertEquals(List.of("a", "b"), claimedInOrder);
        assertEquals(List.of(Optional.of("ticket-b"), Optional.of("ticket-a"), Optional.empty(), Optional.empty()),
                answers);
    }

    @Test
    void aRowNotClaimedStaysEmptyInItsPlace() {
        List<Optional<String>> answers = ClaimRule.eachOnce(List.of("x", "y"),
                id -> id.equals("x") ? Optional.empty() : Optional.of("ticket-" + id));
        assertEquals(List.of(Optional.empty(), Optional.of("ticket-y")), answers);
    }
}
