package ferry.requests.control;

import ferry.platform.problems.Problem;
import ferry.proxies.control.ProxyDirectory;
import ferry.proxies.control.ProxySettings;
import ferry.proxies.entity.EntryPoint;
import ferry.proxies.entity.Proxy;
import ferry.requests.dispatch.Dispatch;
import ferry.requests.entity.ForwardRequest;
import ferry.requests.entity.RequestState;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/**
 * What a client may do to a request it can see (CONTRACT.md §6): cancel it while it waits, or
 * retry it once it failed or was canceled. Each in a transaction of its own, on the locked row;
 * an EJB because a retry sends its queue message in that transaction (docs/architecture.md,
 * "Transactions"). The caller has checked that the request is visible ({@link RequestAccess}).
 */
@Stateless
public class RequestControl {

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    @Inject
    RequestFinisher finisher;

    @Inject
    ProxyDirectory proxies;

    @Inject
    Dispatch dispatch;

    Clock clock = Clock.systemUTC();

    /**
     * Cancels a {@code queued} (also delayed) or {@code retrying} request: it is never claimed
     * afterwards, whatever message still points at it, and its waiters are answered.
     *
     * @throws Problem 409 {@code request-not-cancelable} in any other state
     */
    public ForwardRequest cancel(String requestId) {
        ForwardRequest request = locked(requestId);
        if (!request.getState().isWaiting()) {
            throw Problem.conflict("request-not-cancelable", "Only a queued or retrying request can be canceled;"
                    + " this one is " + request.getState().label() + ".");
        }
        finisher.finish(request, RequestState.CANCELED, "canceled", "canceled by the client",
                proxies.retentionSeconds(request.getProxyId()), clock.instant());
        return request;
    }

    /**
     * Retries a {@code failed} or {@code canceled} request: a fresh series of attempts under the
     * same id ({@link ForwardRequest#restartSeries}). A paused proxy holds it until resumed.
     *
     * @throws Problem 409 {@code request-not-retryable} in any other state; 404 if its proxy is gone
     */
    public ForwardRequest retry(String requestId) {
        ForwardRequest request = locked(requestId);
        RequestState state = request.getState();
        if (state != RequestState.FAILED && state != RequestState.CANCELED) {
            throw Problem.conflict("request-not-retryable", "Only a failed or canceled request can be retried;"
                    + " this one is " + state.label() + ".");
        }
        Proxy proxy = em.find(Proxy.class, request.getProxyId());
        if (proxy == null) {
            throw Problem.notFound("proxy-not-found", "The request's proxy no longer exists.");
        }
        long maxBacklog = proxies.settings(proxy).limits().maxBacklog();
        long unfinished = UnfinishedCount.of(em, proxy.getId());
        if (unfinished >= maxBacklog) {
            throw Problem.unavailable("The proxy holds " + unfinished + " unfinished requests, its limits.maxBacklog;"
                    + " nothing was retried. Try again once some have ended.");
        }
        restart(request, proxy, null);
        return request;
    }

    /**
     * Retries a batch of a bulk replay ({@link Replay}) in one transaction: each request that is
     * still in {@code state} and ended before {@code until} (it may have been retried or purged
     * meanwhile), released to the target after {@code delay}.
     *
     * @return how many were queued again
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int retryAll(List<String> requestIds, RequestState state, Instant until, Duration delay) {
        int requeued = 0;
        for (String id : requestIds.stream().sorted().toList()) {
            ForwardRequest request = em.find(ForwardRequest.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (request == null || request.getState() != state || request.getCompletedAt() == null
                    || !request.getCompletedAt().isBefore(until)) {
                continue;
            }
            Proxy proxy = em.find(Proxy.class, request.getProxyId());
            if (proxy != null) {
                restart(request, proxy, delay);
                requeued++;
            }
        }
        return requeued;
    }

    /** A fresh series, due after {@code delay} (null: now); held while the proxy is paused. */
    private void restart(ForwardRequest request, Proxy proxy, Duration delay) {
        ProxySettings settings = proxies.settings(proxy);
        Instant now = clock.instant();
        Instant start = delay == null ? now : now.plus(delay);
        request.restartSeries(start, request.getEntryPoint() == EntryPoint.SYNC
                ? start.plusSeconds(settings.sync().deadlineSeconds()) : null);
        if (!proxy.isPaused()) {
            dispatch.enqueue(request, delay);
        }
    }

    private ForwardRequest locked(String requestId) {
        ForwardRequest request = em.find(ForwardRequest.class, requestId, LockModeType.PESSIMISTIC_WRITE);
        if (request == null) {
            throw Problem.notFound("request-not-found", "No request " + requestId + ".");
        }
        return request;
    }
}
