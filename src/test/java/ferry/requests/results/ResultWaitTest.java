package ferry.requests.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** How long an entry point waits for a result, and what it says about it (CONTRACT.md §5). */
class ResultWaitTest {

    private static ResultWait async(String prefer) {
        return ResultWait.of(false, 25, Preferences.parse(prefer));
    }

    private static ResultWait sync(int waitSeconds, String prefer) {
        return ResultWait.of(true, waitSeconds, Preferences.parse(prefer));
    }

    @Test
    void asyncAnswersAtOnceUnlessAskedToWait() {
        assertEquals(new ResultWait(true, 0, Map.of("Vary", "Prefer")), async(null));
        assertEquals(new ResultWait(true, 0, Map.of("Vary", "Prefer")), async("return=minimal"));
        assertEquals(new ResultWait(false, 10, Map.of("Vary", "Prefer", "Preference-Applied", "wait=10")), async("wait=10"));
        assertEquals(new ResultWait(false, 0, Map.of("Vary", "Prefer", "Preference-Applied", "wait=0")), async("wait=0"));
    }

    @Test
    void aWaitAboveTheCapIsClampedAndTheAppliedValueEchoed() {
        assertEquals(new ResultWait(false, 25, Map.of("Vary", "Prefer", "Preference-Applied", "wait=25")), async("wait=600"));
    }

    @Test
    void syncWaitsItsOwnTimeOrTheSmallerWait() {
        assertEquals(new ResultWait(false, 20, Map.of("Vary", "Prefer")), sync(20, null));
        assertEquals(new ResultWait(false, 5, Map.of("Vary", "Prefer", "Preference-Applied", "wait=5")), sync(20, "wait=5"));
        // a larger wait is not honoured as asked: what was applied is the proxy's own
        assertEquals(new ResultWait(false, 20, Map.of("Vary", "Prefer", "Preference-Applied", "wait=20")), sync(20, "wait=25"));
    }

    @Test
    void respondAsyncAnswersAtOnceOnBothEntryPoints() {
        ResultWait now = new ResultWait(true, 0, Map.of("Vary", "Prefer", "Preference-Applied", "respond-async"));
        assertEquals(now, async("respond-async"));
        assertEquals(now, sync(20, "respond-async"));
        assertEquals(now, sync(20, "respond-async, wait=5"));
        assertEquals(now, async("wait=5, respond-async"));
    }

    @Test
    void varyComesFirstWhateverTheAnswer() {
        assertEquals("Vary", sync(20, "wait=3").headers().keySet().iterator().next());
        assertEquals("Vary", async("respond-async").headers().keySet().iterator().next());
    }
}
