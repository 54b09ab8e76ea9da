package ferry.platform.concurrent;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fixed pools of Ferry's own threads, made by the container's thread factory (so they carry its
 * context) and named {@code name-0}, {@code name-1}, ... for thread dumps and profiles.
 */
public final class ThreadPools {

    private ThreadPools() {
    }

    public static ExecutorService fixed(ThreadFactory threads, String name, int size) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(size, task -> {
            Thread thread = threads.newThread(task);
            thread.setName(name + "-" + count.getAndIncrement());
            return thread;
        });
    }
}
