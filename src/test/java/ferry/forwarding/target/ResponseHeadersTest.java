package ferry.forwarding.target;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicHeader;
import org.junit.jupiter.api.Test;

/** What of a target's answer is kept: headers within their caps, a body up to the cut. */
class ResponseHeadersTest {

    @Test
    void hopByHopAndContentLengthAreDroppedNamesLowerCased() {
        Map<String, List<String>> kept = ResponseHeaders.kept(new Header[] {
                new BasicHeader("Content-Type", "application/json"), new BasicHeader("Connection", "close"),
                new BasicHeader("Content-Length", "12"), new BasicHeader("X-A", "1"), new BasicHeader("x-a", "2")});
        assertEquals(Map.of("content-type", List.of("application/json"), "x-a", List.of("1", "2")), kept);
    }

    @Test
    void moreValuesThanTheCapAreLeftOutAndMarked() {
        Header[] many = new Header[ResponseHeaders.MAX_VALUES + 50];
        for (int i = 0; i < many.length; i++) {
            many[i] = new BasicHeader("x-h" + i, "v");
        }
        Map<String, List<String>> kept = ResponseHeaders.kept(many);
        assertEquals(ResponseHeaders.MAX_VALUES + 1, kept.size(), "the cap, plus the mark");
        assertEquals(List.of("true"), kept.get(ResponseHeaders.TRUNCATED));
    }

    @Test
    void moreBytesThanTheCapAreLeftOutAndMarked() {
        Header[] big = {new BasicHeader("x-1", "a".repeat(20_000)), new BasicHeader("x-2", "b".repeat(20_000))};
        Map<String, List<String>> kept = ResponseHeaders.kept(big);
        assertTrue(kept.containsKey("x-1"));
        assertFalse(kept.containsKey("x-2"));
        assertEquals(List.of("true"), kept.get(ResponseHeaders.TRUNCATED));
    }

    @Test
    void aBodyUpToTheCutIsWholeOneOverItIsCutAndMarked() throws IOException {
        byte[] exact = new byte[TargetClient.MAX_RESPONSE_BYTES];
        TargetClient.Body whole = TargetClient.read(new ByteArrayEntity(exact, null), budget(), far());
        assertFalse(whole.truncated());
        assertEquals(exact.length, whole.bytes().length);

        byte[] over = new byte[TargetClient.MAX_RESPONSE_BYTES + 1];
        over[0] = 7;
        TargetClient.Body cut = TargetClient.read(new ByteArrayEntity(over, null), budget(), far());
        assertTrue(cut.truncated());
        assertEquals(TargetClient.MAX_RESPONSE_BYTES, cut.bytes().length);
        assertEquals(7, cut.bytes()[0]);
    }

    @Test
    void noEntityIsNoBody() throws IOException {
        assertNull(TargetClient.read(null, budget(), far()).bytes());
        assertArrayEquals(new byte[0], TargetClient.read(new ByteArrayEntity(new byte[0], null), budget(), far()).bytes());
    }

    /** A reader waits for room in the budget, and gives up at its deadline as a time-out. */
    @Test
    void anAnswerThatFindsNoRoomBeforeItsDeadlineEndsAsATimeOut() throws IOException {
        ResponseBudget budget = new ResponseBudget(64 * 1024);
        ResponseBudget.Hold first = budget.hold();
        TargetClient.read(new ByteArrayEntity(new byte[40 * 1024], null), first, far());
        org.junit.jupiter.api.Assertions.assertThrows(java.io.InterruptedIOException.class, () -> TargetClient.read(
                new ByteArrayEntity(new byte[40 * 1024], null), budget.hold(), System.nanoTime() + 50_000_000L));
        first.release();
        assertEquals(64, budget.available(), "every unit came back, the failed reader's too");
    }

    private static ResponseBudget.Hold budget() {
        return new ResponseBudget(64L * 1024 * 1024).hold();
    }

    private static long far() {
        return System.nanoTime() + 60_000_000_000L;
    }
}
