package ferry.callbacks.control;

import ferry.callbacks.entity.DeliveryState;
import ferry.callbacks.entity.WebhookAttempt;
import ferry.callbacks.entity.WebhookDelivery;
import ferry.platform.problems.Problem;
import ferry.proxies.control.ProxyStore;
import ferry.requests.entity.ForwardRequest;
import ferry.requests.entity.RequestState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A request's webhook deliveries: what was attempted, and sending the latest one again (CONTRACT.md §8). */
@ApplicationScoped
public class DeliveryHistory {

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    @Inject
    DeliveryOpener opener;

    /**
     * Read in the redelivery's own transaction, not from the directory's cache (up to
     * {@code ferry.proxies.cache-ttl} old): a callback disabled a moment ago must refuse it.
     */
    @Inject
    ProxyStore proxies;

    @Inject
    Event<DeliveryOpened> opened;

    Clock clock = Clock.systemUTC();

    /** Every delivery of the request, oldest first, each with its attempts. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DeliveryView> of(String requestId) {
        List<WebhookDelivery> deliveries = em.createNamedQuery(WebhookDelivery.OF_REQUEST, WebhookDelivery.class)
                .setParameter("requestId", requestId).getResultList();
        if (deliveries.isEmpty()) {
            return List.of();
        }
        Map<String, List<WebhookAttempt>> attempts = em.createNamedQuery(WebhookAttempt.OF_DELIVERIES, WebhookAttempt.class)
                .setParameter("ids", deliveries.stream().map(WebhookDelivery::getId).toList())
                .getResultStream()
                .collect(Collectors.groupingBy(WebhookAttempt::getDeliveryId));
        return deliveries.stream().map(d -> DeliveryView.of(d, attempts.getOrDefault(d.getId(), List.of()))).toList();
    }

    /**
     * Sends the delivery of the request's current ending again, with the same {@code webhook-id}
     * and payload and the schedule from its start; one already pending is left as it is. Opens
     * it if the ending had none (e.g. the callback was added since).
     *
     * @throws Problem 409 if the request has not ended, has no receiver, or its proxy's callback is disabled
     */
    @Transactional
    public DeliveryView redeliver(String requestId) {
        ForwardRequest request = em.find(ForwardRequest.class, requestId, LockModeType.PESSIMISTIC_WRITE);
        if (request == null) {
            throw Problem.notFound("request-not-found", "No request with id " + requestId + ".");
        }
        if (request.getState() != RequestState.COMPLETED && request.getState() != RequestState.FAILED) {
            throw Problem.conflict("request-not-ended", "The request is " + request.getState().label()
                    + ": only a completed or failed request has an outcome to deliver.");
        }
        Instant now = clock.instant();
        WebhookDelivery latest = em.createNamedQuery(WebhookDelivery.OF_REQUEST, WebhookDelivery.class)
                .setParameter("requestId", requestId).getResultStream()
                .filter(d -> d.getEndedAt().equals(request.getCompletedAt()))
                .reduce((a, b) -> b).orElse(null);
        if (latest == null) {
            latest = opener.open(request, now).orElseThrow(() -> Problem.conflict("no-callback",
                    "The request's proxy has no callback: there is nowhere to deliver to."));
            if (latest.getState() != DeliveryState.PENDING) {
                throw disabled();
            }
        } else if (latest.getState() != DeliveryState.PENDING) {
            em.lock(latest, LockModeType.PESSIMISTIC_WRITE);
            if (!latest.isPerRequest() && proxies.find(request.getProxyId())
                    .map(p -> p.getCallbackDisabledAt() != null).orElse(false)) {
                throw disabled();
            }
            latest.redeliver(now);
            opened.fire(new DeliveryOpened(latest.getId()));
        }
        String id = latest.getId();
        return of(requestId).stream().filter(v -> v.webhookId.equals(id)).findFirst().orElseThrow();
    }

    private static Problem disabled() {
        return Problem.conflict("callback-disabled", "The proxy's callback is disabled: its receiver answered"
                + " 410 Gone. Define the proxy again (PUT) to enable it, then redeliver.");
    }
}
