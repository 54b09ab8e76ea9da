package ferry.platform.concurrent;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs short callbacks when a time is up: attempt deadlines, long-poll time-outs. One plain
 * scheduler on a container thread rather than the managed scheduled executor, because the
 * managed one captures the caller's context for every task, and on Payara that capture scans
 * class-loader resources: it was a top hot spot of forwarding (issue 6 profile). The callbacks
 * need no context: they cancel an exchange or resume a suspended response.
 */
@ApplicationScoped
public class Deadlines {

    @Resource
    ManagedThreadFactory threads;

    private ScheduledThreadPoolExecutor scheduler;

    @PostConstruct
    void start() {
        scheduler = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = threads.newThread(task);
            thread.setName("ferry-deadlines");
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true); // most deadlines are cancelled long before they fire
    }

    public ScheduledFuture<?> after(Duration delay, Runnable task) {
        return scheduler.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
