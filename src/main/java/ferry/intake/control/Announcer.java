package ferry.intake.control;

import ferry.forwarding.control.WorkQueue;
import ferry.platform.control.BatchLoop;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Queues stored requests for forwarding, in batches, on a thread of its own. A broker
 * transaction costs about ten milliseconds here whatever its size (connection from the pool,
 * enlistment, destination check, commit with a journal sync: issue 6 measurements), so one per
 * committed group held the intake writers up longer than the database did. The rows are already
 * durable when their ids arrive here; if the gateway stops first, or the broker refuses, the
 * recovery sweep queues them later (DESIGN.md invariant 2).
 */
@ApplicationScoped
public class Announcer {

    private static final Logger LOG = Logger.getLogger(Announcer.class.getName());
    static final int MAX_BATCH = 1000;
    static final int MAX_WAITING = 200_000;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    RequestStore store;

    private BatchLoop<WorkQueue.Item> sending;

    @PostConstruct
    void start() {
        sending = new BatchLoop<>("ferry-announcer", threads, 1, MAX_WAITING, MAX_BATCH, this::send);
    }

    /** Hands over ids of committed requests; never blocks the caller. */
    public void announce(List<WorkQueue.Item> items) {
        for (WorkQueue.Item item : items) {
            if (!sending.offer(item)) {
                LOG.warning("Announcement backlog full: request " + item.requestId() + " is left to the recovery sweep");
            }
        }
    }

    private void send(List<WorkQueue.Item> batch) {
        try {
            store.announce(batch);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, batch.size() + " stored requests could not be queued yet; the recovery sweep"
                    + " will queue them", e);
        }
    }

    @PreDestroy
    void stop() {
        sending.close(); // what was left is stored: the recovery sweep queues it
    }
}
