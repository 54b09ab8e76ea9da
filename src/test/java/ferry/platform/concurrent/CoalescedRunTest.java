package ferry.platform.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

class CoalescedRunTest {

    @Test
    void asksWhileItRunsMakeItRunOnceMoreAQueuedWakeOnceMoreAndNeverTwiceAtOnce() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CoalescedRun run = new CoalescedRun(Executors.defaultThreadFactory(), "test-run", () -> {
            mostAtOnce.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            if (runs.incrementAndGet() == 1) {
                started.countDown();
                await(release);
            }
            concurrent.decrementAndGet();
            finished.incrementAndGet();
        });
        try {
            run.wake();
            assertTrue(started.await(10, TimeUnit.SECONDS));
            // While the first run runs (on the run's own thread): two asks on this thread return
            // at once and make it run once more; a wake is queued behind it and runs once after.
            run.runNow();
            run.runNow();
            run.wake();
            run.wake();
            release.countDown();
            awaitValue(finished::get, 3);
            assertEquals(3, runs.get(), "the first run, one more for the asks, one for the queued wake");
            run.runNow(); // nothing runs now: it runs here, at once
            assertEquals(4, finished.get());
            assertEquals(1, mostAtOnce.get(), "never two at once");
        } finally {
            run.stop();
        }
    }

    private static void awaitValue(IntSupplier value, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (value.getAsInt() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5); // polling with a deadline: the runs happen on the run's own thread
        }
        assertEquals(expected, value.getAsInt());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
