package ferry.forwarding.attempts;

import ferry.forwarding.retry.RetryPolicy;
import ferry.proxies.control.ProxyDirectory;
import ferry.proxies.control.ProxySettings;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Holds requests that a limit of their proxy keeps from going now (concurrency, rate, the
 * target's {@code Retry-After}, an open circuit): the row says why and until when
 * ({@code heldBy}, {@code nextAttemptAt}) and a message is scheduled for that time, in one short
 * transaction for a batch, as claims are. Nothing is attempted and no retry is spent; the
 * request holds no thread or connection while it waits. One whose retry window (or sync-mode
 * deadline) is over fails instead ({@link HoldRule}). An EJB: it runs on forwarding threads.
 */
@Stateless
public class AttemptHolds {

    /** One request to hold: why (a CONTRACT.md §5 heldBy value) and for how long. */
    public record Hold(String requestId, String reason, Duration holdFor) {
    }

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    @Inject
    Dispatch dispatch;

    @Inject
    ProxyDirectory proxies;

    @Inject
    RequestFinisher finisher;

    Clock clock = Clock.systemUTC();

    /** Holds a batch in one transaction; rows are taken in id order, as claims take them. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Optional<Void>> holdAll(List<Hold> holds) {
        Map<String, Hold> byId = new HashMap<>();
        holds.forEach(hold -> byId.putIfAbsent(hold.requestId(), hold));
        return ClaimRule.eachOnce(holds.stream().map(Hold::requestId).toList(), id -> {
            holdOne(byId.get(id));
            return Optional.empty();
        });
    }

    /**
     * Calls back up to {@code max} of the proxy's held requests, the earliest first: they are due
     * now and queued at once (their scheduled messages, when they come, find them taken or due
     * and are harmless). For a target that has room before the held requests' reserved times.
     *
     * @return how many were called back
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int callBack(String proxyId, int max) {
        Instant now = clock.instant();
        List<ForwardRequest> held = em.createNamedQuery(ForwardRequest.HELD_AHEAD, ForwardRequest.class)
                .setParameter("proxyId", proxyId).setParameter("waiting", RequestState.WAITING)
                .setParameter("now", now).setMaxResults(max).getResultList();
        for (ForwardRequest request : held) {
            request.scheduleNext(now);
            dispatch.enqueue(request, null);
        }
        return held.size();
    }

    /** The proxy of a request, for a queue message that does not carry it; empty if the row is gone. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<String> proxyOf(String requestId) {
        ForwardRequest request = em.find(ForwardRequest.class, requestId);
        return Optional.ofNullable(request).map(ForwardRequest::getProxyId);
    }

    private void holdOne(Hold hold) {
        ForwardRequest request = em.find(ForwardRequest.class, hold.requestId());
        Instant now = clock.instant();
        if (!ClaimRule.isDue(request, now)) {
            return; // ended, in flight elsewhere, or a stray early message: nothing to hold
        }
        Proxy proxy = em.find(Proxy.class, request.getProxyId());
        if (proxy != null && !ClaimRule.forwards(proxy)) {
            request.markUndispatched(); // paused: resuming queues it (as a claim would leave it)
            return;
        }
        ProxySettings settings = proxy == null ? null : proxies.settings(proxy);
        Instant windowEnd = settings == null ? null
                : request.getNotBefore().plus(RetryPolicy.of(settings.retry(), request.getMaxRetries()).window());
        if (request.getDeadlineAt() != null && !now.isBefore(request.getDeadlineAt())) {
            finisher.finish(request, RequestState.FAILED, "deadline-exceeded",
                    "deadline exceeded: no answer by " + request.getDeadlineAt() + " (held: " + hold.reason() + ")",
                    proxies.retentionSeconds(request.getProxyId()), now);
            return;
        }
        if (HoldRule.windowEnded(now, windowEnd)) {
            finisher.finish(request, RequestState.FAILED, "retry-window-exhausted",
                    "retry window exhausted: held (" + hold.reason() + ") until the window ended at " + windowEnd,
                    settings.retentionSeconds(), now);
            return;
        }
        Instant until = HoldRule.until(now, hold.holdFor(), windowEnd, request.getDeadlineAt());
        request.hold(hold.reason(), until, now);
        dispatch.enqueue(request, Duration.between(now, until));
    }
}
