package ferry.forwarding.pipeline;

import ferry.forwarding.attempts.AttemptClaims;
import ferry.forwarding.attempts.AttemptHolds;
import ferry.forwarding.attempts.AttemptRecorder;
import ferry.forwarding.attempts.Ticket;
import ferry.forwarding.retry.Decision;
import ferry.forwarding.target.AttemptResult;
import ferry.platform.concurrent.Batcher;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The forwarders' short transactions, shared: concurrent claims commit together, and so do
 * concurrent outcomes and concurrent holds ({@link Batcher}). A request is sent only once its claim has committed,
 * so a crash at any point leaves what the one-by-one version left: a waiting row, or a lease
 * that runs out. Two commits per forward were most of the drain benchmark's time (issue 6
 * profile).
 */
@ApplicationScoped
public class AttemptBatches {

    @Resource
    ManagedThreadFactory threads;

    @Inject
    AttemptClaims claims;

    @Inject
    AttemptRecorder recorder;

    @Inject
    AttemptHolds holds;

    @Inject
    NodeIdentity node;

    /** The most claims, or outcomes, one transaction takes. */
    @Inject
    @ConfigProperty(name = "ferry.forwarding.max-batch", defaultValue = "128")
    int maxBatch;

    private Batcher<String, Optional<Ticket>> claiming;
    private Batcher<AttemptRecorder.Ended, Decision> recording;
    private Batcher<AttemptHolds.Hold, Optional<Void>> holding;

    @PostConstruct
    void start() {
        claiming = new Batcher<>("ferry-claims", threads, 1, maxBatch, ids -> claims.claimAll(ids, node.id()));
        recording = new Batcher<>("ferry-outcomes", threads, 1, maxBatch, recorder::recordAll);
        holding = new Batcher<>("ferry-holds", threads, 1, maxBatch, holds::holdAll);
    }

    /** Claims the request for this node (see {@link AttemptClaims}); empty if it is not to be sent now. */
    public CompletableFuture<Optional<Ticket>> claimLater(String requestId) {
        return claiming.submit(requestId);
    }

    /** Records how the attempt ended (see {@link AttemptRecorder}); null if its lease was lost. */
    public Decision record(Ticket ticket, AttemptResult result) {
        return await(recording.submit(new AttemptRecorder.Ended(ticket, result)));
    }

    /**
     * Holds the request (see {@link AttemptHolds}); completes once that has committed, exceptionally
     * if it failed (the message must then be delivered again).
     */
    public CompletableFuture<Optional<Void>> holdLater(AttemptHolds.Hold hold) {
        return holding.submit(hold);
    }

    /** The request's proxy, read from its row; empty if the row is gone. */
    public Optional<String> proxyOf(String requestId) {
        return holds.proxyOf(requestId);
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @PreDestroy
    void stop() {
        claiming.close();
        recording.close();
        holding.close();
    }
}
