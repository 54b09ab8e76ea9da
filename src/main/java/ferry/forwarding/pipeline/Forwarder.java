package ferry.forwarding.pipeline;

import ferry.forwarding.attempts.AttemptHolds;
import ferry.forwarding.attempts.Ticket;
import ferry.forwarding.health.AttemptMeters;
import ferry.forwarding.health.ProxyActivity;
import ferry.forwarding.retry.Decision;
import ferry.platform.concurrent.ThreadPools;
import ferry.platform.control.ForwardingCapacity;
import ferry.platform.control.OptimisticConflict;
import ferry.forwarding.target.AttemptResult;
import ferry.forwarding.target.OutboundRequest;
import ferry.platform.tracing.Tracing;
import ferry.forwarding.target.TargetClient;
import ferry.requests.dispatch.LocalHandOff;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * Forwards requests: claim (a short transaction shared with concurrent claims), send (no
 * transaction: a slow target holds no locks), record (a short transaction shared likewise).
 *
 * <p>The queue listener hands a message's request ids over and waits only for their claims: up to
 * {@code ferry.forwarding.in-flight} requests are in this pipeline at once, and the listener
 * waits for room beyond that. The send and the record run on sender threads (a listener that
 * waited through every step kept claim and outcome batches at about five: issue 6 profile).
 * The message is acknowledged once the claim has committed, so a crash at any point leaves
 * either an unacknowledged message (delivered again) or a lease that runs out (the recovery
 * sweep takes the attempt over); a claim that fails throws, and the message is delivered again.
 * The bound and the steps are {@link ForwardPipeline}'s; here they are wired to the container.
 *
 * <p>Before any of that, the request's proxy's limits are asked ({@link ProxyGates}): a request
 * they do not let go now is held ({@link AttemptHolds}: a scheduled message, no thread, no
 * attempt) rather than taken into the pipeline, so a proxy at its limit never blocks the
 * listener for the others.
 */
@ApplicationScoped
public class Forwarder implements LocalHandOff {

    @Resource
    ManagedThreadFactory threads;

    @Inject
    AttemptBatches batches;

    @Inject
    TargetClient target;

    @Inject
    DurableOutcome recorder;

    @Inject
    ProxyActivity activity;

    @Inject
    AttemptMeters meters;

    @Inject
    Tracing tracing;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @Inject
    ProxyGates gates;

    @Inject
    ForwardingCapacity capacity;

    private ExecutorService senders;
    private ForwardPipeline<ProxyGates.Pass> pipeline;

    @PostConstruct
    void start() {
        int inFlight = capacity.inFlight();
        senders = ThreadPools.fixed(threads, "ferry-sender", inFlight);
        pipeline = new ForwardPipeline<>(inFlight, senders, batches::claimLater, this::sendAndRecord, ProxyGates.Pass::notSent);
        io.micrometer.core.instrument.Gauge.builder("ferry.forwarding.pipeline.used", pipeline, p -> inFlight - p.free())
                .description("Requests in this node's forwarding pipeline (claiming, sending or recording), of ferry.forwarding.in-flight")
                .register(registry);
    }

    private void sendAndRecord(Ticket ticket, ProxyGates.Pass pass) {
        activity.started(ticket.proxyId());
        OutboundRequest outbound = ticket.outbound();
        Tracing.AttemptSpan span = tracing.attempt(outbound.traceParent(), outbound.method(), outbound.url(),
                ticket.requestId(), ticket.proxyId(), ticket.attemptNumber());
        if (span.traceParent() != null) {
            outbound = outbound.sendingTraceParent(span.traceParent());
        }
        AttemptResult result = null;
        long sent = System.nanoTime();
        try {
            result = target.send(outbound);
        } finally {
            long ended = System.nanoTime();
            span.end(result == null ? null : result.outcome(), result == null || !result.answered() ? 0 : result.status());
            activity.ended(ticket.proxyId(), result, ended);
            meters.attempted(ticket.proxyId(), ticket.outbound().method(), result, ended - sent);
            if (result == null) {
                pass.notSent(); // failed unexpectedly: says nothing about the target
            } else {
                pass.sent(result, ended - sent);
            }
        }
        try {
            Decision decision = recorder.record(ticket, result); // null: the lease was lost
            if (decision != null && decision.kind() == Decision.Kind.RETRY) {
                meters.retryScheduled(ticket.proxyId());
            }
        } finally {
            target.done(result);
        }
    }

    /**
     * Takes a message's requests into the pipeline, waiting while it is full, and returns once
     * each is claimed (or found not to be sent now) or held, as its proxy's limits say. All are
     * taken in before any is waited for, so that their claims share transactions.
     *
     * @param proxyId the requests' proxy as their message carries it; null to read it from each row
     * @throws RuntimeException if a claim or a hold failed: the message must be delivered again
     *         (the ids already claimed are then found in flight, and skipped)
     */
    public void forward(List<String> requestIds, String proxyId) {
        List<CompletableFuture<?>> taken = new ArrayList<>(requestIds.size());
        RuntimeException failed = null;
        for (String requestId : requestIds) {
            try {
                taken.add(forwardLater(requestId, proxyId));
            } catch (RuntimeException e) {
                failed = failed == null ? e : failed;
            }
        }
        for (CompletableFuture<?> each : taken) {
            try {
                each.join();
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException c ? c : e;
                // The row changed meanwhile (claimed, held or queued again through a duplicate
                // message, called back, canceled): whoever changed it left it with its own message
                // or lease. Delivering this one again would only lose the race again.
                if (!OptimisticConflict.isCauseOf(cause) && failed == null) {
                    failed = cause;
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    private CompletableFuture<?> forwardLater(String requestId, String proxyId) {
        String proxy = proxyId != null ? proxyId : batches.proxyOf(requestId).orElse(null);
        if (proxy == null) {
            return CompletableFuture.completedFuture(null); // the row is gone (purged): nothing to send
        }
        ProxyGates.Admission admission = gates.admit(proxy, true);
        if (admission.held() != null) {
            return batches.holdLater(new AttemptHolds.Hold(requestId, admission.held().reason().label(),
                    admission.held().holdFor()));
        }
        return pipeline.takeLater(requestId, admission.pass());
    }

    /**
     * Takes a request into the pipeline if there is room and a permit now, without its queue
     * message: for sync-mode requests just stored on this node, whose caller is waiting (the
     * broker round trip would add to its latency).
     *
     * @return false if not (queue the request instead)
     */
    @Override
    public boolean tryTake(String requestId, String proxyId) {
        ProxyGates.Admission admission = gates.admit(proxyId, false);
        if (admission.pass() == null) {
            return false;
        }
        if (!pipeline.tryTake(requestId, admission.pass())) {
            admission.pass().notSent();
            return false;
        }
        return true;
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
    }
}
