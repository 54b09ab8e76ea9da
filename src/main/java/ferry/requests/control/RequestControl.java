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
import java.time.Instant;

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
        ProxySettings settings = proxies.settings(proxy);
        Instant now = clock.instant();
        request.restartSeries(now, request.getEntryPoint() == EntryPoint.SYNC
                ? now.plusSeconds(settings.sync().deadlineSeconds()) : null);
        if (!proxy.isPaused()) {
            dispatch.enqueue(request, null);
        }
        return request;
    }

    private ForwardRequest locked(String requestId) {
        ForwardRequest request = em.find(ForwardRequest.class, requestId, LockModeType.PESSIMISTIC_WRITE);
        if (request == null) {
            throw Problem.notFound("request-not-found", "No request " + requestId + ".");
        }
        return request;
    }
}
