package ferry.intake.control;

import ferry.forwarding.control.WorkQueue;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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

    private final BlockingQueue<WorkQueue.Item> waiting = new LinkedBlockingQueue<>(MAX_WAITING);
    private volatile boolean open;
    private Thread sender;

    @PostConstruct
    void start() {
        open = true;
        sender = threads.newThread(this::send);
        sender.setName("ferry-announcer");
        sender.start();
    }

    /** Hands over ids of committed requests; never blocks the caller. */
    public void announce(List<WorkQueue.Item> items) {
        for (WorkQueue.Item item : items) {
            if (!waiting.offer(item)) {
                LOG.warning("Announcement backlog full: request " + item.requestId() + " is left to the recovery sweep");
            }
        }
    }

    private void send() {
        List<WorkQueue.Item> batch = new ArrayList<>(MAX_BATCH);
        while (open) {
            try {
                WorkQueue.Item first = waiting.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                waiting.drainTo(batch, MAX_BATCH - 1);
                store.announce(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, batch.size() + " stored requests could not be queued yet; the recovery sweep"
                        + " will queue them", e);
            } finally {
                batch.clear();
            }
        }
    }

    @PreDestroy
    void stop() {
        open = false;
        sender.interrupt();
    }
}
