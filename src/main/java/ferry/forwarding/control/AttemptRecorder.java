package ferry.forwarding.control;

import ferry.platform.control.Json;
import ferry.proxies.control.ProxySettings;
import ferry.proxies.entity.Proxy;
import ferry.requests.control.Outcomes;
import ferry.requests.entity.Attempt;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Records how an attempt ended, in a short transaction of its own: the attempt row, the target's
 * answer, and the next state as {@link RetryPlanner} decides. A retry is a scheduled message sent
 * in the same transaction, so the decision and the redelivery commit together.

 *
 * <p>An EJB with container-managed transactions, not a CDI bean with {@code @Transactional}: it
 * is called from the MDB and the timer, and Payara enlists the JMS and JDBC connections of such
 * threads only in transactions the EJB container started (with {@code @Transactional} the
 * database ran in auto-commit and the scheduled message was silently lost). */
@Stateless
public class AttemptRecorder {

    private static final Logger LOG = Logger.getLogger(AttemptRecorder.class.getName());

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    @Inject
    WorkQueue workQueue;

    @Inject
    Outcomes outcomes;

    /** Full jitter on (default); off makes delays exactly double, for predictable tests and demos. */
    @Inject
    @ConfigProperty(name = "ferry.retry.jitter", defaultValue = "true")
    boolean jitter;

    Clock clock = Clock.systemUTC();

    /** An attempt that ended, waiting to be recorded. */
    public record Ended(Ticket ticket, AttemptResult result) {
    }

    /**
     * Records several attempts in one transaction (one commit for all; {@link ForwardingBatches}),
     * locking their rows in id order so that two batches can never wait for each other.
     *
     * @return one decision per attempt (null where the lease was lost), in the order given
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Decision> recordAll(List<Ended> ended) {
        Map<Ended, Decision> decided = new java.util.IdentityHashMap<>();
        ended.stream().sorted(java.util.Comparator.comparing((Ended e) -> e.ticket().requestId()))
                .forEach(e -> decided.put(e, recordOne(e.ticket(), e.result())));
        return ended.stream().map(decided::get).toList();
    }

    private Decision recordOne(Ticket ticket, AttemptResult result) {
        // Optimistic, like the claim: if the sweep took the attempt over meanwhile, the version
        // has moved and this write fails at commit; the retry then sees the lease is gone.
        ForwardRequest request = em.find(ForwardRequest.class, ticket.requestId());
        if (request == null || !request.isLeasedBy(ticket.owner())) {
            // Canceled by a forced proxy delete, or the lease ran out and the attempt was taken over.
            LOG.warning("Attempt " + ticket.attemptNumber() + " of request " + ticket.requestId()
                    + " ended after its lease was lost; outcome " + result.outcome() + " not recorded");
            return null;
        }
        return apply(request, ticket.policy(), ticket.retentionSeconds(), ticket.attemptNumber(), result, clock.instant());
    }

    /**
     * Ends an attempt whose lease ran out (its node died during it): it counts as a timed-out
     * attempt, and the policy decides whether another one follows. Joins the caller's transaction.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Decision abandon(ForwardRequest request, Instant now) {
        Proxy proxy = em.find(Proxy.class, request.getProxyId());
        if (proxy == null) {
            outcomes.finish(request, RequestState.FAILED, "canceled", "Canceled: the proxy was deleted",
                    ProxySettings.DEFAULT_RETENTION_SECONDS, now);
            return Decision.fail("canceled", "the proxy was deleted");
        }
        ProxySettings settings = Json.read(proxy.getSettings(), ProxySettings.class);
        RetryPolicy policy = RetryPolicy.of(settings.retry, request.getMaxRetries());
        Instant started = request.getUpdatedAt(); // set when the attempt was claimed
        AttemptResult cut = new AttemptResult(AttemptResult.TIMEOUT, 0, null, null,
                "attempt abandoned: its lease expired (the gateway stopped during the attempt)",
                started, Duration.between(started, now).toMillis());
        return apply(request, policy, settings.retentionSeconds, request.getAttempts(), cut, now);
    }

    private Decision apply(ForwardRequest request, RetryPolicy policy, long retentionSeconds, int attemptNumber,
                           AttemptResult result, Instant now) {
        RetryPlanner planner = new RetryPlanner(jitter ? () -> ThreadLocalRandom.current().nextDouble() : () -> 1.0);
        Decision decision = planner.decide(policy, attemptNumber, result, request.getNotBefore(),
                request.getDeadlineAt(), now);
        boolean retry = decision.kind() == Decision.Kind.RETRY;
        em.persist(new Attempt(request.getId(), attemptNumber, result.startedAt(), result.durationMs(),
                result.outcome(), result.answered() ? result.status() : null, result.error(), retry,
                retry ? decision.delay().toMillis() : null));
        if (result.answered()) {
            request.recordResponse(result.status(), Json.write(result.headers()), result.body());
        }
        switch (decision.kind()) {
            case COMPLETE -> outcomes.finish(request, RequestState.COMPLETED, null, null, retentionSeconds, now);
            case FAIL -> {
                outcomes.finish(request, RequestState.FAILED, decision.errorType(), decision.message(),
                        retentionSeconds, now);
                LOG.info("Request " + request.getId() + " of proxy " + request.getProxyId() + " failed after "
                        + attemptNumber + " attempt(s): " + decision.message());
            }
            case RETRY -> {
                request.moveTo(RequestState.RETRYING, now);
                request.scheduleNext(now.plus(decision.delay()));
                workQueue.enqueue(request.getId(), decision.delay());
            }
        }
        return decision;
    }
}
