package ferry.forwarding.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PipelineShareTest {

    /** Takes places for the proxy until refused; returns how many it got. */
    private static int fill(PipelineShare share, String proxyId) {
        int got = 0;
        while (share.tryEnter(proxyId)) {
            got++;
            assertTrue(got <= 1_000, "never refused");
        }
        return got;
    }

    @Test
    void oneProxyAloneGetsTheRoomLessTheReserve() {
        PipelineShare share = new PipelineShare(8, 4);
        assertEquals(4, share.mostForOne());
        assertEquals(4, fill(share, "a"));
        assertEquals(4, share.held("a"));
    }

    @Test
    void withoutAReserveOneProxyMayTakeTheWholeRoom() {
        PipelineShare share = new PipelineShare(8, 0);
        assertEquals(8, fill(share, "a"));
        assertFalse(share.tryEnter("b"));
    }

    @Test
    void theReserveIsSharedAmongTheProxiesHoldingPlaces() {
        PipelineShare share = new PipelineShare(8, 4);
        assertEquals(4, fill(share, "a"));
        assertEquals(2, fill(share, "b")); // 4 / 2 of the reserve
        assertEquals(1, fill(share, "c")); // 4 / 3
        assertEquals(1, fill(share, "d")); // at least one, while there is room
        assertFalse(share.tryEnter("e"), "the room is full");
        assertEquals(0, share.held("e"));
    }

    @Test
    void placesComeBackWithLeave() {
        PipelineShare share = new PipelineShare(8, 4);
        fill(share, "a");
        share.leave("a");
        assertEquals(3, share.held("a"));
        assertTrue(share.tryEnter("a"));
        assertFalse(share.tryEnter("a"));
        assertEquals(2, fill(share, "b"));
        share.leave("b");
        share.leave("b");
        assertEquals(0, share.held("b"));
        assertEquals(2, fill(share, "c")); // b no longer shares the reserve: 4 / 2, not 4 / 3
    }

    @Test
    void aProxyBeyondItsShareWaitsWhileOthersUseTheReserve() {
        PipelineShare share = new PipelineShare(8, 4);
        fill(share, "a");
        fill(share, "b");
        share.leave("a");
        assertFalse(share.tryEnter("a"), "3 free is inside the reserve, and a holds more than 4 / 2");
        assertTrue(share.tryEnter("c"));
    }

    @Test
    void leavingForAnUnknownProxyIsHarmless() {
        PipelineShare share = new PipelineShare(8, 4);
        fill(share, "a");
        share.leave("nobody");
        share.leave("b");
        assertEquals(4, share.held("a"));
        assertFalse(share.tryEnter("a"), "no place was freed");
        assertEquals(2, fill(share, "b"));
    }

    @Test
    void leavingMoreThanWasTakenFreesNoMore() {
        PipelineShare share = new PipelineShare(2, 0);
        assertTrue(share.tryEnter("a"));
        share.leave("a");
        share.leave("a");
        assertEquals(2, fill(share, "b"));
    }

    @Test
    void rejectsAReserveThatLeavesNoRoom() {
        assertThrows(IllegalArgumentException.class, () -> new PipelineShare(8, 8));
        assertThrows(IllegalArgumentException.class, () -> new PipelineShare(8, 9));
        assertThrows(IllegalArgumentException.class, () -> new PipelineShare(8, -1));
        assertThrows(IllegalArgumentException.class, () -> new PipelineShare(0, 0));
        assertEquals(1, new PipelineShare(8, 7).mostForOne());
    }
}
