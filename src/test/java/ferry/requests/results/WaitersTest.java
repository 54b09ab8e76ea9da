package ferry.requests.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Waiters woken by completion or time-out (issue 11.5: none lost to a concurrent registration). */
class WaitersTest {

    private static final Duration LONG = Duration.ofHours(1);
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);

    /** Runs once, the next time a request's waiter set answers {@code isEmpty()}, after computing the answer. */
    private final AtomicReference<Runnable> onIsEmpty = new AtomicReference<>();

    private final Waiters waiters = new Waiters(
            (delay, task) -> scheduler.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS),
            WatchedSet::new);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void finishedWakesEveryWaiterOfThatRequestOnce() {
        CountDownLatch a = new CountDownLatch(1);
        CountDownLatch b = new CountDownLatch(2);
        CountDownLatch other = new CountDownLatch(1);
        waiters.await("r1", LONG, a::countDown);
        waiters.await("r1", LONG, b::countDown);
        waiters.await("r2", LONG, other::countDown);

        waiters.finished("r1");
        waiters.finished("r1");
        assertEquals(0, a.getCount());
        assertEquals(1, b.getCount(), "once");
        assertEquals(1, other.getCount(), "another request's waiter keeps waiting");
    }

    @Test
    void aWaiterFiresAtItsTimeOutAndNotAgainAtCompletion() throws InterruptedException {
        CountDownLatch fired = new CountDownLatch(2);
        waiters.await("r1", Duration.ofMillis(1), fired::countDown);
        assertTrue(awaitCount(fired, 1), "timed out");
        waiters.finished("r1");
        assertEquals(1, fired.getCount(), "a waiter runs once");
    }

    @Test
    void aFiredWaiterCancelsItsTimeOut() {
        CountDownLatch fired = new CountDownLatch(1);
        Waiters.Waiter waiter = waiters.await("r1", LONG, fired::countDown);
        waiter.fire();
        assertEquals(0, fired.getCount());
        assertTrue(scheduler.getQueue().stream().allMatch(task -> ((Future<?>) task).isCancelled()),
                "no time-out left pending");
    }

    /**
     * The race of issue 11.5, made deterministic: the last waiter of a request leaves (here by
     * firing) and, at the moment it has found the request's set empty, another client registers
     * for the same request. The new waiter must be woken by the completion, not lost in a set
     * that has just been detached from the map (where only its time-out, up to 25 s later, would
     * answer it).
     */
    @Test
    void aWaiterRegisteringWhileTheLastOneLeavesIsWokenByCompletion() throws InterruptedException {
        warmUp();
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(1);
        Waiters.Waiter leaving = waiters.await("r1", LONG, first::countDown);

        AtomicReference<Waiters.Waiter> registered = new AtomicReference<>();
        Thread client = new Thread(() -> registered.set(waiters.await("r1", LONG, second::countDown)), "second-client");
        onIsEmpty.set(() -> {
            client.start();
            // Until the second client has registered, or is held back by the map (the fix makes
            // leaving and registering atomic per request): either way it has had its chance to
            // slip in between the emptiness check and the removal.
            awaitRegisteredOrBlocked(client);
        });
        leaving.fire();
        client.join(TimeUnit.NANOSECONDS.toMillis(DEADLINE_NANOS));
        assertFalse(client.isAlive(), "the second client registered");
        assertNotNull(registered.get());
        assertEquals(0, first.getCount());

        waiters.finished("r1");
        assertEquals(0, second.getCount(), "the second waiter is woken by the completion, not left to its time-out");
    }

    /** Loads and links what the race test runs, so that no class loading holds its threads back. */
    private void warmUp() {
        Runnable armed = onIsEmpty.getAndSet(null);
        waiters.await("warm-up", LONG, () -> { }).fire();
        waiters.await("warm-up", LONG, () -> { });
        waiters.finished("warm-up");
        onIsEmpty.set(armed);
    }

    private static void awaitRegisteredOrBlocked(Thread client) {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (client.isAlive() && client.getState() != Thread.State.BLOCKED && client.getState() != Thread.State.WAITING) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the second client neither registered nor waited for the map: " + client.getState());
            }
            Thread.onSpinWait();
        }
    }

    private static boolean awaitCount(CountDownLatch latch, long count) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (latch.getCount() > count) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            latch.await(10, TimeUnit.MILLISECONDS);
        }
        return true;
    }

    /** A request's waiters, as in the server, whose {@code isEmpty()} can run {@link #onIsEmpty} once. */
    private final class WatchedSet extends AbstractSet<Waiters.Waiter> {
        private final Set<Waiters.Waiter> waiters = ConcurrentHashMap.newKeySet();

        @Override
        public boolean add(Waiters.Waiter waiter) {
            return waiters.add(waiter);
        }

        @Override
        public boolean remove(Object waiter) {
            return waiters.remove(waiter);
        }

        @Override
        public boolean contains(Object waiter) {
            return waiters.contains(waiter);
        }

        @Override
        public Iterator<Waiters.Waiter> iterator() {
            return waiters.iterator();
        }

        @Override
        public int size() {
            return waiters.size();
        }

        @Override
        public boolean isEmpty() {
            boolean empty = waiters.isEmpty();
            Runnable hook = onIsEmpty.getAndSet(null);
            if (hook != null) {
                hook.run();
            }
            return empty;
        }
    }
}
