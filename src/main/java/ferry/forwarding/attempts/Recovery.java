package ferry.forwarding.attempts;

import ferry.forwarding.retry.Decision;
import ferry.platform.control.SkipLocked;
import ferry.proxies.control.ProxyDirectory;
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
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The self-healing sweep (DESIGN.md invariant 6). Queue messages are hints; the row is the
 * record. A waiting request whose attempt is long overdue while the queue holds nothing due
 * ({@link Dispatch#queueDrained}) lost its message (a crash between its commit and its message,
 * a broker outage, a dead-lettered delivery): it is queued again. A request in
 * {@code processing} whose lease ran out was cut off by a crash: the attempt is recorded as
 * abandoned and, if the policy allows, retried (at-least-once; the same {@code Idempotency-Key}
 * goes out again). Rows are taken with {@link SkipLocked}, so sweeps on several nodes share the
 * work instead of repeating it. An EJB: it runs on the timer thread (docs/architecture.md,
 * "Transactions").
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
        for (ForwardRequest request : SkipLocked.lockAtMost(em.createNamedQuery(ForwardRequest.LEASE_EXPIRED,
                ForwardRequest.class).setParameter("processing", RequestState.PROCESSING).setParameter("now", now), BATCH)) {
            found++;
            if (recorder.abandon(request, now).kind() == Decision.Kind.RETRY) {
                requeued++;
            }
        }
        // Waiting requests whose message was lost: only once the queue has nothing due left, or
        // a backlog would be queued again and again (Dispatch.queueDrained).
        if (found < BATCH && dispatch.queueDrained()) {
            for (ForwardRequest request : SkipLocked.lockAtMost(em.createNamedQuery(ForwardRequest.OVERDUE,
                    ForwardRequest.class).setParameter("waiting", RequestState.WAITING)
                    .setParameter("overdue", now.minus(Duration.parse(overdueAfter))), BATCH - found)) {
                found++;
                request.scheduleNext(now); // not swept again before another overdue period
                dispatch.enqueue(request.getId(), null);
                requeued++;
            }
        }
        if (found > 0) {
            LOG.info("Recovery sweep: " + found + " stuck request(s), " + requeued + " queued again");
        }
        return found;
    }

    /** Sync-mode requests still waiting at their deadline fail (their fetch answers 504). */
    private void failPastDeadline(Instant now) {
        for (ForwardRequest request : SkipLocked.lockAtMost(em.createNamedQuery(ForwardRequest.PAST_DEADLINE,
                ForwardRequest.class).setParameter("waiting", RequestState.WAITING).setParameter("now", now), BATCH)) {
            finisher.finish(request, RequestState.FAILED, "deadline-exceeded",
                    "deadline exceeded: no answer by " + request.getDeadlineAt(),
                    proxies.retentionSeconds(request.getProxyId()), now);
        }
    }
}
