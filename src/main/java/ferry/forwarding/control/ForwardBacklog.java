package ferry.forwarding.control;

import ferry.platform.boundary.EmbeddedBroker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Whether the forwarding queue still holds messages that are due, which tells the recovery sweep
 * whether an overdue row may simply be waiting its turn. In a backlog (a paused proxy resumed
 * with a hundred thousand requests, a slow target) nearly every row is "overdue"; queueing them
 * all again would multiply the backlog and fight the forwarders for row locks, which is what
 * stalled the first drain benchmark. Only the embedded broker can be asked; with an external
 * broker the answer is "unknown" and the sweep behaves as if the queue were empty.
 */
@ApplicationScoped
public class ForwardBacklog {

    @Inject
    EmbeddedBroker broker;

    /** @return true if no due message is waiting or in delivery (or this node cannot tell) */
    public boolean drained() {
        var server = broker.server();
        var queue = server == null ? null : server.locateQueue(WorkQueue.QUEUE);
        return queue == null || queue.getMessageCount() - queue.getScheduledCount() <= 0;
    }
}
