package ferry.intake.jms;

import ferry.platform.concurrent.CoalescedRun;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.List;
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

    private CoalescedRun looking;

    @PostConstruct
    void start() {
        looking = new CoalescedRun(threads, "ferry-jms-replies", this::sendWaiting);
    }

    @PreDestroy
    void stop() {
        looking.stop();
    }

    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) ReplyOutbox.Queued queued) {
        looking.wake();
    }

    /** Sends every waiting reply, each in a transaction of its own (the timer's look). */
    public void sendDue() {
        looking.runNow();
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
            looking.runAgain(); // a full batch, all sent: more may be waiting
        }
    }
}
