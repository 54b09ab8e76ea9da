package ferry.requests.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BacklogGaugeTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(5 * SECOND);
    private final AtomicLong inDatabase = new AtomicLong(100);
    private final AtomicInteger counts = new AtomicInteger();
    private final BacklogGauge gauge = new BacklogGauge(SECOND, clock::get, proxyId -> {
        counts.incrementAndGet();
        return inDatabase.get();
    });

    @Test
    void countsAtMostOncePerIntervalAndAddsWhatThisNodeAcceptedSince() {
        assertEquals(100, gauge.unfinished("p"));
        gauge.added("p");
        gauge.added("p");
        inDatabase.set(150); // other nodes accepted too: not seen before the next count
        clock.addAndGet(SECOND / 2);
        assertEquals(102, gauge.unfinished("p"));
        assertEquals(1, counts.get(), "one count per interval");
        clock.addAndGet(SECOND);
        assertEquals(150, gauge.unfinished("p"), "a new count replaces what was added since the last");
        assertEquals(2, counts.get());
    }

    @Test
    void eachProxyHasItsOwnCountAndADeletedOneStartsAgain() {
        assertEquals(100, gauge.unfinished("a"));
        assertEquals(100, gauge.unfinished("b"));
        assertEquals(2, counts.get());
        gauge.added("a");
        gauge.forget("a");
        inDatabase.set(7);
        assertEquals(7, gauge.unfinished("a"), "counted again at once");
        gauge.added("never-counted"); // nothing to add to: no reading yet
        assertEquals(7, gauge.unfinished("never-counted"));
    }
}
