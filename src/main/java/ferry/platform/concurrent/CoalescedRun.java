package ferry.platform.concurrent;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A task that looks for work (due webhooks, waiting replies) and is asked to look often: by
 * every commit that made work, and by a timer. Asks are coalesced: the task never runs twice at
 * once, a {@link #wake} while one is queued adds nothing, and one while it runs makes it run once
 * more afterwards, so no ask is lost and none costs a run of its own.
 */
public final class CoalescedRun {

    private final Runnable task;
    private final ExecutorService thread;
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicBoolean queued = new AtomicBoolean();

    /** @param name the name of its thread, which {@link #wake} runs it on */
    public CoalescedRun(ThreadFactory threads, String name, Runnable task) {
        this.task = task;
        this.thread = ThreadPools.fixed(threads, name, 1);
    }

    /** Runs the task soon on its own thread (never on the caller's: it may be a committing one). */
    public void wake() {
        if (queued.compareAndSet(false, true)) {
            thread.execute(() -> {
                queued.set(false);
                runNow();
            });
        }
    }

    /** Runs the task on this thread, unless it is running: then that run goes once more. */
    public void runNow() {
        if (!running.tryLock()) {
            again.set(true);
            return;
        }
        try {
            do {
                again.set(false);
                task.run();
            } while (again.get());
        } finally {
            running.unlock();
        }
    }

    /** Asks for another run once the current one ends (a full batch: more may be waiting). */
    public void runAgain() {
        again.set(true);
    }

    public void stop() {
        thread.shutdownNow();
    }
}
