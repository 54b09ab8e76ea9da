package ferry.intake.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ferry.platform.problems.Problem;
import ferry.proxies.entity.EntryPoint;
import java.io.ByteArrayInputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bodies held in memory at intake are bounded by bytes: beyond the budget, 503 (issue 11). */
class BodyBudgetTest {

    private static Submission withBody(byte[] body, long declared) {
        return new Submission(EntryPoint.ASYNC, "p", "POST", "x", null, Map.of(), new ByteArrayInputStream(body), declared);
    }

    @Test
    void bodiesWithinTheBudgetAreReadBeyondItRefusedWith503() {
        BodyBudget budget = BodyBudget.of(64 * 1024);
        BodyBudget.Hold first = budget.hold();
        byte[] body = new byte[40 * 1024];
        assertArrayEquals(body, Admission.readBody(withBody(body, body.length), 1 << 20, first));

        BodyBudget.Hold second = budget.hold();
        Problem refused = assertThrows(Problem.class,
                () -> Admission.readBody(withBody(new byte[40 * 1024], 40 * 1024), 1 << 20, second));
        assertEquals(503, refused.status());
        assertEquals("5", refused.headers().get("Retry-After"));

        first.release();
        assertDoesNotThrow(() -> Admission.readBody(withBody(new byte[40 * 1024], 40 * 1024), 1 << 20, budget.hold()));
    }

    @Test
    void aBodyOfUndeclaredLengthIsCoveredAsItIsRead() {
        BodyBudget budget = BodyBudget.of(64 * 1024);
        Problem refused = assertThrows(Problem.class,
                () -> Admission.readBody(withBody(new byte[100 * 1024], -1), 1 << 20, budget.hold()));
        assertEquals(503, refused.status());
    }

    @Test
    void releasingTwiceGivesBackOnce() {
        BodyBudget budget = BodyBudget.of(64 * 1024);
        BodyBudget.Hold hold = budget.hold();
        hold.cover(64 * 1024);
        hold.release();
        hold.release();
        BodyBudget.Hold next = budget.hold();
        next.cover(64 * 1024);
        assertThrows(Problem.class, () -> budget.hold().cover(1), "a double release would have freed room");
    }

    @Test
    void unsetTheBudgetIsAQuarterOfTheHeapAtMost256MiB() {
        long mib = 1024L * 1024;
        assertEquals(128 * mib, BodyBudget.defaultFor(512 * mib));
        assertEquals(160 * mib, BodyBudget.defaultFor(640 * mib));
        assertEquals(256 * mib, BodyBudget.defaultFor(4096 * mib));
    }
}
