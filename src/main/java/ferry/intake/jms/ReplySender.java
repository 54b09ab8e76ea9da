package ferry.intake.jms;

import ferry.platform.concurrent.ThreadPools;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends waiting JMS replies on a thread of its own ({@code ferry-jms-replies}): woken after an
 * ending with a reply commits, and by {@code ReplyTimer} for replies a broker outage held back.
 */
@ApplicationScoped
public class ReplySender {

    private static final Logger LOG = Logger.getLogger(ReplySender.class.getName());
    private static final int BATCH = 100;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    ReplyAttempts attempts;

    private final ReentrantLock sending = new ReentrantLock();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private ExecutorService waker;

    @PostConstruct
    void start() {
        waker = ThreadPools.fixed(threads, "ferry-jms-replies", 1);
    }

    @PreDestroy
    void stop() {
        waker.shutdownNow();
    }

    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) ReplyOutbox.Queued queued) {
        if (wakeQueued.compareAndSet(false, true)) {
            waker.execute(() -> {
                wakeQueued.set(false);
                sendDue();
            });
        }
    }

    /** Sends every waiting reply, each in a transaction of its own. */
    public void sendDue() {
        if (!sending.tryLock()) {
            again.set(true);
            return;
        }
        try {
            do {
                again.set(false);
                sendWaiting();
            } while (again.get());
        } finally {
            sending.unlock();
        }
    }

    private void sendWaiting() {
        List<String> due;
        try {
            due = attempts.due(BATCH);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Waiting JMS replies cannot be read; they wait for the next look", e);
            return;
        }
        int failed = 0;
        for (String id : due) {
            try {
                attempts.send(id);
            } catch (RuntimeException e) {
                failed++;
                LOG.log(Level.WARNING, "JMS reply " + id + " not sent; it waits for the next look", e);
            }
        }
        if (due.size() == BATCH && failed == 0) {
            again.set(true); // a full batch, all sent: more may be waiting
        }
    }
}
