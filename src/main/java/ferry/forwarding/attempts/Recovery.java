package ferry.forwarding.attempts;

import ferry.forwarding.retry.Decision;
import ferry.platform.control.SkipLocked;
import ferry.proxies.control.ProxyDirectory;
import ferry.proxies.entity.Proxy;
import ferry.requests.control.RequestFinisher;
import ferry.requests.dispatch.Dispatch;
import ferry.requests.entity.ForwardRequest;
import ferry.requests.entity.RequestState;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The self-healing sweep (DESIGN.md invariant 6). Queue messages are hints; the row is the
 * record. Three kinds of rows are stuck: sync-mode requests past their deadline (they fail); a
 * request in {@code processing} whose lease ran out, cut off by a crash (the attempt is recorded
 * as abandoned and, if the policy allows, retried with the same {@code Idempotency-Key}); and a
 * waiting request that has no message on the queue ({@code dispatched} is false: its message was
 * never sent, or was consumed without a claim) and is overdue by {@code ferry.recovery.overdue-after}
 * (it is queued again). The last needs no guess about the queue: a row knows whether a message
 * points at it, so a lost message is found however deep the queue is. Rows are taken with
 * {@link SkipLocked}, so sweeps on several nodes share the work. An EJB: it runs on the timer
 * thread (docs/architecture.md, "Transactions").
 */
@Stateless
public class Recovery {

    private static final Logger LOG = Logger.getLogger(Recovery.class.getName());
    public static final int BATCH = 500;

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    @Inject
    Dispatch dispatch;

    @Inject
    AttemptRecorder recorder;

    @Inject
    RequestFinisher finisher;

    @Inject
    ProxyDirectory proxies;

    /** How late a waiting request without a message may be before the sweep queues it again. */
    @Inject
    @ConfigProperty(name = "ferry.recovery.overdue-after", defaultValue = "PT2M")
    String overdueAfter;

    /**
     * How late a waiting request whose message was committed may be before the sweep sends
     * another anyway: the safety net for a message lost in a way its row cannot know (a retry's
     * message left in doubt by a crash during its two-phase commit, a broker that lost its
     * journal). Long, because in a deep queue a message may simply wait its turn; a request queued
     * again this way is not again before another period, and a duplicate message is harmless.
     */
    @Inject
    @ConfigProperty(name = "ferry.recovery.stale-after", defaultValue = "PT10M")
    String staleAfter;

    Clock clock = Clock.systemUTC();

    /** @return how many stuck requests this batch found (a full batch means: sweep again) */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int sweep() {
        Instant now = clock.instant();
        for (ForwardRequest late : pastDeadline(now, BATCH)) {
            failLate(late, now);
        }
        int found = 0;
        int requeued = 0;
        for (ForwardRequest request : leaseExpired(now, BATCH)) {
            found++;
            if (recorder.abandon(request, now).kind() == Decision.Kind.RETRY) {
                requeued++;
            }
        }
        if (found < BATCH) {
            for (ForwardRequest request : undispatched(now, BATCH - found)) {
                found++;
                dispatch.enqueue(request, null);
                requeued++;
            }
        }
        if (found < BATCH) {
            for (ForwardRequest request : stale(now, BATCH - found)) {
                found++;
                request.scheduleNext(now); // not stale again before another period
                dispatch.enqueue(request, null);
                requeued++;
            }
        }
        if (found > 0) {
            LOG.info("Recovery sweep: " + found + " stuck request(s), " + requeued + " queued again");
        }
        return found;
    }

    /** The ids a batch would take now, for sweeping them one by one when a batch fails. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<String> stuck() {
        Instant now = clock.instant();
        Set<String> ids = new LinkedHashSet<>();
        pastDeadline(now, BATCH).forEach(r -> ids.add(r.getId()));
        leaseExpired(now, BATCH).forEach(r -> ids.add(r.getId()));
        undispatched(now, BATCH).forEach(r -> ids.add(r.getId()));
        stale(now, BATCH).forEach(r -> ids.add(r.getId()));
        return new ArrayList<>(ids);
    }

    /** What a batch does to this one row, in a transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void sweepOne(String requestId) {
        Instant now = clock.instant();
        ForwardRequest request = em.find(ForwardRequest.class, requestId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (request == null) {
            return;
        }
        RequestState state = request.getState();
        if (state.isWaiting() && request.getDeadlineAt() != null && request.getDeadlineAt().isBefore(now)) {
            failLate(request, now);
        } else if (state == RequestState.PROCESSING && request.getLeaseUntil() != null
                && request.getLeaseUntil().isBefore(now)) {
            recorder.abandon(request, now);
        } else if (state.isWaiting() && !request.isDispatched() && request.getNextAttemptAt() != null
                && request.getNextAttemptAt().isBefore(overdue(now)) && !heldOrJustResumed(request.getProxyId(), now)) {
            dispatch.enqueue(request, null);
        } else if (state.isWaiting() && request.isDispatched() && request.getNextAttemptAt() != null
                && request.getNextAttemptAt().isBefore(stale(now))
                && !paused(request.getProxyId())) {
            request.scheduleNext(now);
            dispatch.enqueue(request, null);
        }
    }

    private void failLate(ForwardRequest request, Instant now) {
        finisher.finish(request, RequestState.FAILED, "deadline-exceeded",
                "deadline exceeded: no answer by " + request.getDeadlineAt(),
                proxies.retentionSeconds(request.getProxyId()), now);
    }

    private List<ForwardRequest> pastDeadline(Instant now, int max) {
        return SkipLocked.lockAtMost(em.createNamedQuery(ForwardRequest.PAST_DEADLINE, ForwardRequest.class)
                .setParameter("waiting", RequestState.WAITING).setParameter("now", now), max);
    }

    private List<ForwardRequest> leaseExpired(Instant now, int max) {
        return SkipLocked.lockAtMost(em.createNamedQuery(ForwardRequest.LEASE_EXPIRED, ForwardRequest.class)
                .setParameter("processing", RequestState.PROCESSING).setParameter("now", now), max);
    }

    private List<ForwardRequest> undispatched(Instant now, int max) {
        return SkipLocked.lockAtMost(em.createNamedQuery(ForwardRequest.UNDISPATCHED, ForwardRequest.class)
                .setParameter("waiting", RequestState.WAITING).setParameter("overdue", overdue(now)), max);
    }

    private List<ForwardRequest> stale(Instant now, int max) {
        return SkipLocked.lockAtMost(em.createNamedQuery(ForwardRequest.STALE, ForwardRequest.class)
                .setParameter("waiting", RequestState.WAITING)
                .setParameter("stale", stale(now)), max);
    }

    private Instant stale(Instant now) {
        return now.minus(Duration.parse(staleAfter));
    }

    private Instant overdue(Instant now) {
        return now.minus(Duration.parse(overdueAfter));
    }

    /**
     * Whether the proxy's waiting rows are not overdue yet whatever their own time: it is paused,
     * or it was resumed less than {@code overdue-after} ago, so resuming may still be queuing
     * them. Before, every row held longer than that was overdue the moment its proxy resumed,
     * and the sweep queued the backlog a second time while resuming queued it (issue 18 drain
     * profile: 13,500 of 100,000).
     */
    private boolean heldOrJustResumed(String proxyId, Instant now) {
        Proxy proxy = em.find(Proxy.class, proxyId);
        return proxy != null && (proxy.isPaused()
                || proxy.getResumedAt() != null && proxy.getResumedAt().isAfter(overdue(now)));
    }

    private boolean paused(String proxyId) {
        Proxy proxy = em.find(Proxy.class, proxyId);
        return proxy != null && proxy.isPaused();
    }
}
