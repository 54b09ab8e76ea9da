package ferry.platform.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CoalescedRunTest {

    @Test
    void anAskWhileItRunsMakesItRunOnceMoreAndNeverTwiceAtOnce() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CoalescedRun run = new CoalescedRun(Executors.defaultThreadFactory(), "test-run", () -> {
            mostAtOnce.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            if (runs.incrementAndGet() == 1) {
                started.countDown();
                await(release);
            }
            concurrent.decrementAndGet();
        });
        try {
            run.wake();
            assertTrue(started.await(10, TimeUnit.SECONDS));
            run.runNow(); // while the first run runs: returns at once, asks for one more
            run.runNow();
            run.wake();
            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (runs.get() < 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            run.runNow(); // nothing running now: runs here, once
            assertEquals(1, mostAtOnce.get(), "never two at once");
            assertTrue(runs.get() >= 3 && runs.get() <= 4, "asks coalesced, none lost: " + runs.get());
        } finally {
            run.stop();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
