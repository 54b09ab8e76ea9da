package ferry.forwarding.control;

import ferry.platform.control.Json;
import ferry.proxies.control.ProxySettings;
import ferry.proxies.entity.Proxy;
import ferry.requests.control.Outcomes;
import ferry.requests.entity.ForwardRequest;
import ferry.requests.entity.RequestState;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The self-healing sweep (DESIGN.md invariant 6). Queue messages are hints; the row is the
 * record. A waiting request whose attempt is long overdue while the queue holds nothing due
 * ({@link ForwardBacklog}) lost its message (a crash between its commit and its message, a broker
 * outage, a dead-lettered delivery): it is queued again. A request in {@code processing} whose lease ran
 * out was cut off by a crash: the attempt is recorded as abandoned and, if the policy allows,
 * retried (at-least-once; the same {@code Idempotency-Key} goes out again). Rows are taken with
 * {@code FOR UPDATE SKIP LOCKED}, so sweeps on several nodes share the work instead of repeating it.

 *
 * <p>An EJB with container-managed transactions, not a CDI bean with {@code @Transactional}: it
 * is called from the MDB and the timer, and Payara enlists the JMS and JDBC connections of such
 * threads only in transactions the EJB container started (with {@code @Transactional} the
 * database ran in auto-commit and the scheduled message was silently lost). */
@Stateless
public class Recovery {

    private static final Logger LOG = Logger.getLogger(Recovery.class.getName());
    public static final int BATCH = 500;
    /** Hibernate's lock timeout value for SKIP LOCKED. */
    private static final int SKIP_LOCKED = -2;

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    @Inject
    WorkQueue workQueue;

    @Inject
    AttemptRecorder recorder;

    @Inject
    Outcomes outcomes;

    @Inject
    ForwardBacklog backlog;

    /** How late a waiting request's attempt may be before its message is presumed lost. */
    @Inject
    @ConfigProperty(name = "ferry.recovery.overdue-after", defaultValue = "PT2M")
    String overdueAfter;

    Clock clock = Clock.systemUTC();

    /** @return how many stuck requests this batch found (a full batch means: sweep again) */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int sweep() {
        Instant now = clock.instant();
        failPastDeadline(now);
        int found = 0;
        int requeued = 0;
        // Attempts cut off by a crash: their lease ran out.
        for (ForwardRequest request : locked(em.createNamedQuery(ForwardRequest.LEASE_EXPIRED, ForwardRequest.class)
                .setParameter("processing", RequestState.PROCESSING)
                .setParameter("now", now))) {
            found++;
            if (recorder.abandon(request, now).kind() == Decision.Kind.RETRY) {
                requeued++;
            }
        }
        // Waiting requests whose message was lost: only once the queue has nothing due left, or
        // a backlog would be queued again and again (ForwardBacklog).
        if (found < BATCH && backlog.drained()) {
            for (ForwardRequest request : locked(em.createNamedQuery(ForwardRequest.OVERDUE, ForwardRequest.class)
                    .setParameter("waiting", EnumSet.of(RequestState.QUEUED, RequestState.RETRYING))
                    .setParameter("overdue", now.minus(Duration.parse(overdueAfter)))
                    .setMaxResults(BATCH - found))) {
                found++;
                request.scheduleNext(now); // not swept again before another overdue period
                workQueue.enqueue(request.getId(), null);
                requeued++;
            }
        }
        if (found > 0) {
            LOG.info("Recovery sweep: " + found + " stuck request(s), " + requeued + " queued again");
        }
        return found;
    }

    /** Rows other sweeps hold are skipped (SKIP LOCKED where the database has it). */
    private static List<ForwardRequest> locked(jakarta.persistence.TypedQuery<ForwardRequest> query) {
        return query.setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", SKIP_LOCKED)
                .setMaxResults(Math.min(query.getMaxResults(), BATCH))
                .getResultList();
    }

    /** Sync-mode requests still waiting at their deadline fail (their fetch answers 504). */
    private void failPastDeadline(Instant now) {
        List<ForwardRequest> late = em.createNamedQuery(ForwardRequest.PAST_DEADLINE, ForwardRequest.class)
                .setParameter("waiting", EnumSet.of(RequestState.QUEUED, RequestState.RETRYING))
                .setParameter("now", now)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", SKIP_LOCKED)
                .setMaxResults(BATCH)
                .getResultList();
        for (ForwardRequest request : late) {
            Proxy proxy = em.find(Proxy.class, request.getProxyId());
            long retention = proxy == null ? ProxySettings.DEFAULT_RETENTION_SECONDS
                    : Json.read(proxy.getSettings(), ProxySettings.class).retentionSeconds;
            outcomes.finish(request, RequestState.FAILED, "deadline-exceeded",
                    "deadline exceeded: no answer by " + request.getDeadlineAt(), retention, now);
        }
    }
}
