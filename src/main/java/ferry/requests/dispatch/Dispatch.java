package ferry.requests.dispatch;

import ferry.proxies.control.ProxyResumed;
import ferry.requests.entity.ForwardRequest;
import ferry.requests.entity.RequestState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * "Queue this request", in its three forms. Everything that puts a request on the forwarding
 * queue comes through here (see the package description).
 */
@ApplicationScoped
public class Dispatch {

    private static final Logger LOG = Logger.getLogger(Dispatch.class.getName());

    @Inject
    ForwardQueue queue;

    @Inject
    Announcer announcer;

    @Inject
    DispatchBatches batches;

    @Inject
    LocalHandOff localForwarder;


    /**
     * Newly stored (committed) requests: those whose caller waits here and that are due now go
     * to this node's forwarder if it has room; the rest are queued in batches after this returns
     * (never blocking the caller). Called before any of their clients is answered, so a request
     * accepted after another's {@code 202} is never queued before it.
     */
    public void announce(List<DueRequest> stored) {
        List<DueRequest> toQueue = new ArrayList<>(stored.size());
        for (DueRequest due : stored) {
            if (due.callerWaiting() && due.isDueNow() && handOff(due)) {
                continue;
            }
            toQueue.add(due);
        }
        announcer.announce(toQueue);
    }

    /**
     * Queues one request in the caller's transaction, which also writes the row (marked
     * dispatched here): the message exists exactly if that transaction commits.
     */
    public void enqueue(ForwardRequest request, Duration delay) {
        request.markDispatched();
        queue.send(List.of(DueRequest.after(request.getId(), request.getProxyId(), delay)));
    }

    /**
     * A resumed proxy's waiting requests are queued again (the messages that came while it was
     * paused were consumed and ignored), a batch per transaction, so that a proxy that held a
     * hundred thousand requests does not need one transaction for all. If this stops half way,
     * the recovery sweep finds the rest: the rows are the record.
     */
    void requeueResumed(@Observes ProxyResumed resumed) {
        int batchesSent = 0;
        for (RequestState state : RequestState.WAITING) {
            DispatchBatches.WaitingCursor after = DispatchBatches.WaitingCursor.START;
            while ((after = batches.requeueWaitingAfter(resumed.proxyId(), state, after, DispatchBatches.REQUEUE_BATCH)) != null) {
                batchesSent++;
            }
        }
        LOG.fine("Proxy " + resumed.proxyId() + " resumed: " + batchesSent + " batch(es) of waiting requests queued");
    }

    private boolean handOff(DueRequest due) {
        return localForwarder.tryTake(due.requestId(), due.proxyId());
    }
}
