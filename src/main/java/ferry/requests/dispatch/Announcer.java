package ferry.requests.dispatch;

import ferry.platform.concurrent.BatchLoop;
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
 * Sends the first messages of stored requests, in batches, on a thread of its own. A broker
 * transaction costs about ten milliseconds here whatever its size (connection from the pool,
 * enlistment, destination check, commit with a journal sync: issue 6 measurements), so one per
 * committed intake group held the intake writers up longer than the database did. The rows are
 * already durable when their ids arrive here; if the gateway stops first, or the broker refuses,
 * the recovery sweep queues them later (DESIGN.md invariant 2).
 */
@ApplicationScoped
public class Announcer {

    private static final Logger LOG = Logger.getLogger(Announcer.class.getName());
    static final int MAX_BATCH = 1000;
    static final int MAX_WAITING = 200_000;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    DispatchBatches batches;

    private BatchLoop<DueRequest> sending;

    @PostConstruct
    void start() {
        sending = new BatchLoop<>("ferry-announcer", threads, 1, MAX_WAITING, MAX_BATCH, this::send);
    }

    /** Takes requests to queue; never blocks the caller. */
    public void announce(List<DueRequest> due) {
        for (DueRequest item : due) {
            if (!sending.offer(item)) {
                LOG.warning("Announcement backlog full: request " + item.requestId() + " is left to the recovery sweep");
            }
        }
    }

    private void send(List<DueRequest> batch) {
        try {
            batches.send(batch);
            batches.marked(batch);
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
