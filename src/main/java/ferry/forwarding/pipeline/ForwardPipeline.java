package ferry.forwarding.pipeline;

import ferry.forwarding.attempts.Ticket;
import ferry.platform.control.OptimisticConflict;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bounded pipeline behind {@link Forwarder}, in plain Java: at most {@code room} requests are
 * between being taken and their outcome being recorded. A place is held from the take until the
 * claim finds nothing or fails, or until the send-and-record step ends, however it ends: a place
 * lost would shrink the pipeline for good, and a full one stops forwarding on this node.
 * Each request carries a context {@code C} (the forwarder's permit from the proxy's limits),
 * handed to the send step, or to {@code notClaimed} if nothing is sent.
 */
final class ForwardPipeline<C> {

    // Forwarder's name, as before this was split out of it: log settings refer to it.
    private static final Logger LOG = Logger.getLogger(Forwarder.class.getName());

    private final Semaphore room;
    private final Executor senders;
    private final Function<String, CompletableFuture<Optional<Ticket>>> claim;
    private final BiConsumer<Ticket, C> sendAndRecord;
    private final Consumer<C> notClaimed;

    /** A pipeline whose requests carry no context. */
    static ForwardPipeline<Void> plain(int room, Executor senders,
                                       Function<String, CompletableFuture<Optional<Ticket>>> claim,
                                       Consumer<Ticket> sendAndRecord) {
        return new ForwardPipeline<>(room, senders, claim, (ticket, none) -> sendAndRecord.accept(ticket), none -> { });
    }

    /**
     * @param claim         claims a request; completes empty if it is not to be sent now
     * @param sendAndRecord sends the claimed attempt and records its outcome, on a sender thread
     * @param notClaimed    told of a request that is not sent: its claim found nothing or failed
     */
    ForwardPipeline(int room, Executor senders, Function<String, CompletableFuture<Optional<Ticket>>> claim,
                    BiConsumer<Ticket, C> sendAndRecord, Consumer<C> notClaimed) {
        this.room = new Semaphore(room);
        this.senders = senders;
        this.claim = claim;
        this.sendAndRecord = sendAndRecord;
        this.notClaimed = notClaimed;
    }

    /** Places free in the pipeline now (for the metrics). */
    int free() {
        return room.availablePermits();
    }

    /**
     * Takes a request in, waiting while the pipeline is full, and returns without waiting for its
     * claim: a listener with several ids takes them all in, so that their claims share
     * transactions, then waits for all of them. The listener acknowledges its message only once
     * every future has completed, so a message is never gone while its row still waits for a
     * claim that a crash cut off.
     *
     * @return completes once the claim has committed or found nothing; exceptionally if it failed
     *         (the message is then delivered again)
     */
    CompletableFuture<Void> takeLater(String requestId, C context) {
        room.acquireUninterruptibly();
        return admit(requestId, context);
    }

    /** Takes a request in without waiting for its claim. @return false if the pipeline is full */
    boolean tryTake(String requestId) {
        return tryTake(requestId, null);
    }

    boolean tryTake(String requestId, C context) {
        if (!room.tryAcquire()) {
            return false;
        }
        admit(requestId, context);
        return true;
    }

    /** @return completes once the claim has committed or found nothing; exceptionally if it failed */
    private CompletableFuture<Void> admit(String requestId, C context) {
        CompletableFuture<Void> claimed = new CompletableFuture<>();
        try {
            claim.apply(requestId).whenComplete((ticket, failure) -> {
                if (failure != null || ticket.isEmpty()) {
                    // A lost race (another claimant committed first) is the design working, not a fault.
                    if (failure != null && !OptimisticConflict.isCauseOf(failure)) {
                        LOG.log(Level.WARNING, "Request " + requestId + " could not be claimed; its message is"
                                + " delivered again (or the recovery sweep queues it)", failure);
                    }
                    room.release();
                    notClaimed(context);
                    if (failure != null) {
                        claimed.completeExceptionally(failure);
                    } else {
                        claimed.complete(null);
                    }
                    return;
                }
                claimed.complete(null);
                senders.execute(() -> {
                    try {
                        sendAndRecord.accept(ticket.get(), context);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "Outcome of request " + requestId + " not recorded; its lease will"
                                + " run out and the recovery sweep will take it over", e);
                    } finally {
                        room.release();
                    }
                });
            });
        } catch (RuntimeException e) {
            room.release();
            notClaimed(context);
            throw e;
        }
        return claimed;
    }

    private void notClaimed(C context) {
        try {
            notClaimed.accept(context);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Giving back the permit of a request not sent failed", e);
        }
    }
}
