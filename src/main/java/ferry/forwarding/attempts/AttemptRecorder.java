package ferry.forwarding.attempts;

import ferry.forwarding.retry.Decision;
import ferry.forwarding.retry.RetryPlanner;
import ferry.forwarding.retry.RetryPolicy;
import ferry.forwarding.target.AttemptResult;
import ferry.platform.control.Json;
import ferry.proxies.control.ProxyDirectory;
import ferry.proxies.control.ProxySettings;
import ferry.proxies.entity.Proxy;
import ferry.requests.bodies.BodyKind;
import ferry.requests.bodies.Bodies;
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
import java.time.Instant;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Records how an attempt ended, in a short transaction of its own: the attempt row, the target's
 * answer, and the next state as {@link AttemptOutcome} decides. A retry's scheduled message is
 * sent in the same transaction, so the decision and the redelivery commit together. An EJB: it
 * runs on forwarding and timer threads (docs/architecture.md, "Transactions").
 */
@Stateless
public class AttemptRecorder {

    private static final Logger LOG = Logger.getLogger(AttemptRecorder.class.getName());

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    @Inject
    Dispatch dispatch;

    @Inject
    RequestFinisher finisher;

    @Inject
    ProxyDirectory proxies;

    @Inject
    Bodies bodies;

    /** Full jitter on (default); off makes delays exactly double, for predictable tests and demos. */
    @Inject
    @ConfigProperty(name = "ferry.retry.jitter", defaultValue = "true")
    boolean jitter;

    Clock clock = Clock.systemUTC();

    /** An attempt that ended, waiting to be recorded. */
    public record Ended(Ticket ticket, AttemptResult result) {
    }

    /**
     * Records several attempts in one transaction (one commit for all; batched by the pipeline's {@code AttemptBatches}),
     * locking their rows in id order so that two batches can never wait for each other.
     *
     * @return one decision per attempt (null where the lease was lost), in the order given
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Decision> recordAll(List<Ended> ended) {
        RowLoads.preload(em, ForwardRequest.class, ended.stream().map(e -> e.ticket().requestId()).toList());
        Map<Ended, Decision> decided = new IdentityHashMap<>();
        ended.stream().sorted(Comparator.comparing((Ended e) -> e.ticket().requestId()))
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
        Instant now = clock.instant();
        return apply(request, AttemptOutcome.of(request, ticket.policy(), ticket.attemptNumber(), result, planner(), now),
                result, ticket.retentionSeconds(), now);
    }

    /**
     * Ends an attempt whose lease ran out (its node died during it): it counts as a timed-out
     * attempt, and the policy decides whether another one follows. Joins the caller's transaction.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Decision abandon(ForwardRequest request, Instant now) {
        Proxy proxy = em.find(Proxy.class, request.getProxyId());
        if (proxy == null) {
            finisher.finish(request, RequestState.FAILED, "proxy-deleted", "the proxy was deleted",
                    ProxySettings.DEFAULT_RETENTION_SECONDS, now);
            return Decision.fail("proxy-deleted", "the proxy was deleted");
        }
        ProxySettings settings = proxies.settings(proxy);
        RetryPolicy policy = RetryPolicy.of(settings.retry(), request.getMaxRetries());
        AttemptOutcome outcome = AttemptOutcome.ofAbandoned(request, policy, planner(), now);
        return apply(request, outcome, null, settings.retentionSeconds(), now);
    }

    /** @param result the target's answer, or null if the attempt was abandoned */
    private Decision apply(ForwardRequest request, AttemptOutcome outcome, AttemptResult result, long retentionSeconds,
                           Instant now) {
        Decision decision = outcome.decision();
        em.persist(outcome.attempt());
        // A stored answer has its status: without one there is no earlier body to delete (the
        // first attempt's outcome, most of them, saves a statement).
        boolean earlierAnswer = request.getResponseStatus() != null;
        if (earlierAnswer) {
            bodies.delete(em, List.of(request.getId()), BodyKind.RESPONSE);
        }
        if (result != null && result.answered()) {
            request.recordResponse(result.status(), Json.write(result.headers()));
            bodies.write(em, request.getId(), BodyKind.RESPONSE, result.body());
        } else {
            // The request's answer is its last attempt's: an earlier attempt's 503 is not what a
            // client should be handed after the final attempt timed out (it gets 504).
            request.forgetResponse();
        }
        switch (decision.kind()) {
            case COMPLETE -> finisher.finish(request, RequestState.COMPLETED, null, null, retentionSeconds, now);
            case FAIL -> {
                finisher.finish(request, RequestState.FAILED, decision.errorType(), decision.message(),
                        retentionSeconds, now);
                // Its ending is logged at INFO by RequestMeters; why in words only here, more quietly.
                LOG.fine("Request " + request.getId() + " of proxy " + request.getProxyId() + " failed after "
                        + outcome.attempt().getNumber() + " attempt(s): " + decision.message());
            }
            case RETRY -> {
                AttemptOutcome.scheduleRetry(request, decision.delay(), now);
                dispatch.enqueue(request, decision.delay());
            }
        }
        return decision;
    }

    private RetryPlanner planner() {
        return new RetryPlanner(jitter ? () -> ThreadLocalRandom.current().nextDouble() : () -> 1.0);
    }
}
