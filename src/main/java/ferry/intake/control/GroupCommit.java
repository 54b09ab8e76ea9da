package ferry.intake.control;

import ferry.platform.concurrent.BatchLoop;
import ferry.platform.concurrent.ThreadPools;
import ferry.platform.problems.Problem;
import ferry.proxies.entity.EntryPoint;
import ferry.requests.dispatch.Dispatch;
import ferry.requests.dispatch.DueRequest;
import ferry.requests.entity.ForwardRequest;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Group commit for intake (FIELD-NOTES: one XA transaction per request caps intake near a
 * hundred per second). Accepted requests wait in a bounded queue; each writer takes whatever
 * arrived while the previous group was committing (no artificial wait), up to a bound
 * ({@link BatchLoop}), and stores the group in one database transaction. Each client's future
 * completes only after that commit; a failed group fails every member, so nobody gets a
 * {@code 202} for a request that is not durable. The group is then handed to {@link Dispatch},
 * which queues it for forwarding. A full queue is refused at once ({@code 503}) instead of growing.
 */
@ApplicationScoped
public class GroupCommit {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());

    /** A request waiting for its group's commit; {@code held}: its proxy is paused. */
    record Pending(ForwardRequest request, Duration delay, boolean held, CompletableFuture<Void> done) {
    }

    @Resource
    ManagedThreadFactory threads;

    @Inject
    RequestStore store;

    @Inject
    Dispatch dispatch;

    @Inject
    IntakeMeters meters;

    /** How many requests may wait for a commit before intake answers 503. */
    @Inject
    @ConfigProperty(name = "ferry.intake.queue-capacity", defaultValue = "10000")
    int capacity;

    /** The most requests one transaction stores. */
    @Inject
    @ConfigProperty(name = "ferry.intake.max-group", defaultValue = "256")
    int maxGroup;

    /**
     * The most bytes of bodies one group stores (one request at least): the database serializes a
     * commit's changes into one buffer (H2: a copy of every stored chunk), so a group of sixty
     * 10 MiB bodies needed hundreds of MiB at once and ran the default heap out of memory.
     */
    @Inject
    @ConfigProperty(name = "ferry.intake.max-group-bytes", defaultValue = "16777216")
    long maxGroupBytes;

    /** Writers committing groups concurrently (one group each). */
    @Inject
    @ConfigProperty(name = "ferry.intake.writers", defaultValue = "2")
    int writers;

    private BatchLoop<Pending> writing;
    /**
     * Completing a member's future runs its reply (building and writing the HTTP answer) on the
     * completing thread; done on the writer, a group's replies delayed the next commit. Replies
     * therefore run here, while the writer goes back to committing.
     */
    private ExecutorService replies;

    @PostConstruct
    void start() {
        replies = ThreadPools.fixed(threads, "ferry-intake-reply", Math.max(2, writers));
        writing = new BatchLoop<>("ferry-group-commit", threads, writers, capacity, maxGroup,
                p -> p.request().getAcceptedBody() == null ? 0 : p.request().getAcceptedBody().length, maxGroupBytes,
                this::commit);
        meters.waitingForCommit(writing::waiting);
    }

    /** @return completes once the request is durable, or exceptionally if it is not */
    public CompletableFuture<Void> submit(ForwardRequest request, Duration delay, boolean held) {
        Pending pending = new Pending(request, delay, held, new CompletableFuture<>());
        if (!writing.offer(pending)) {
            throw Problem.unavailable("Intake is saturated; nothing was accepted. Try again shortly.");
        }
        return pending.done();
    }

    private void commit(List<Pending> group) {
        commit(group, this::store, dispatch::announce, replies);
    }

    private void store(List<ForwardRequest> requests) {
        long started = System.nanoTime();
        store.storeAll(requests);
        meters.committed(requests, System.nanoTime() - started);
    }

    /**
     * Stores one group, then announces it and answers its members; the store, dispatch and reply
     * executor are passed in so that the order of those steps is plain code. A group that fails
     * is stored again one member at a time, so that one member's data (or one lost race) fails
     * that member alone, never the other tenants who happened to share its transaction.
     */
    static void commit(List<Pending> group, Consumer<List<ForwardRequest>> store, Consumer<List<DueRequest>> dispatch,
                       Executor replies) {
        List<Pending> stored = group;
        try {
            store.accept(group.stream().map(Pending::request).toList());
        } catch (Error e) {
            // Out of memory, say: every member is told at once rather than left waiting.
            group.forEach(p -> p.done().completeExceptionally(e));
            throw e;
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                LOG.log(Level.WARNING, "A request could not be stored; it was not accepted", e);
                fail(group.get(0), e, replies);
                return;
            }
            LOG.log(Level.WARNING, "A group of " + group.size() + " requests could not be stored together; storing"
                    + " each alone", e);
            stored = storeOneByOne(group, store, replies);
        }
        // Durable now. Handed to dispatch (never blocking) before anyone is answered, so a
        // request accepted after another's 202 is never queued before it.
        if (!stored.isEmpty()) {
            dispatch.accept(toDispatch(stored));
        }
        for (Pending p : stored) {
            replies.execute(() -> p.done().complete(null));
        }
    }

    /** @return the members that were stored; the others have been answered with their failure */
    private static List<Pending> storeOneByOne(List<Pending> group, Consumer<List<ForwardRequest>> store,
                                               Executor replies) {
        List<Pending> stored = new ArrayList<>(group.size());
        for (Pending p : group) {
            try {
                store.accept(List.of(p.request()));
                stored.add(p);
            } catch (RuntimeException alone) {
                LOG.log(Level.WARNING, "Request " + p.request().getId() + " could not be stored; it was not accepted", alone);
                fail(p, alone, replies);
            }
        }
        return stored;
    }

    private static void fail(Pending p, RuntimeException cause, Executor replies) {
        replies.execute(() -> p.done().completeExceptionally(cause));
    }

    /** What to queue: the group but the requests of paused proxies (resuming queues what waits). */
    static List<DueRequest> toDispatch(List<Pending> group) {
        List<DueRequest> due = new ArrayList<>(group.size());
        for (Pending p : group) {
            if (!p.held()) {
                due.add(new DueRequest(p.request().getId(), p.request().getProxyId(), p.delay(), p.request().getEntryPoint() == EntryPoint.SYNC));
            }
        }
        return due;
    }

    @PreDestroy
    void stop() {
        writing.close().forEach(left -> left.done().completeExceptionally(new IllegalStateException("gateway stopping")));
        replies.shutdown();
    }
}
