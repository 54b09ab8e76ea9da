package ferry.callbacks.control;

import ferry.callbacks.entity.DeliveryState;
import ferry.callbacks.entity.WebhookDelivery;
import ferry.callbacks.signing.WebhookIds;
import ferry.proxies.control.ProxyDeleting;
import ferry.proxies.control.ProxyDirectory;
import ferry.proxies.entity.Proxy;
import ferry.requests.control.RequestEnded;
import ferry.requests.entity.ForwardRequest;
import ferry.requests.entity.RequestState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Writes a request's webhook delivery in the transaction that ends the request (so an ending is
 * never without its delivery, whatever crashes next), and cancels a deleted proxy's pending ones.
 * Only endings that the client did not cause itself are told: completed and failed, not canceled.
 */
@ApplicationScoped
public class DeliveryOpener {

    /** The error type of requests canceled by a proxy deletion: their proxy has no receiver any more. */
    private static final String CANCELED = "canceled";

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    @Inject
    ProxyDirectory proxies;

    @Inject
    Event<DeliveryOpened> opened;

    Clock clock = Clock.systemUTC();

    void onEnded(@Observes RequestEnded ended) {
        open(ended.request(), ended.now());
    }

    /**
     * Opens a delivery of the request's current ending if it has a receiver. While the proxy's
     * callback is disabled (its receiver answered 410), the delivery is written as failed, so that
     * the ending stays visible and can be redelivered once the callback is enabled again.
     */
    public Optional<WebhookDelivery> open(ForwardRequest request, Instant now) {
        RequestState state = request.getState();
        if (state != RequestState.COMPLETED && state != RequestState.FAILED
                || CANCELED.equals(request.getLastErrorType())) {
            return Optional.empty();
        }
        Optional<Proxy> proxy = proxies.find(request.getProxyId());
        if (proxy.isEmpty() || proxies.settings(proxy.get()).callback() == null) {
            return Optional.empty();
        }
        WebhookDelivery delivery = new WebhookDelivery(WebhookIds.next(), request.getId(), request.getProxyId(),
                request.getCallbackUrl(), request.getCompletedAt(), now);
        delivery.traceIn(request.getTraceParent());
        if (!delivery.isPerRequest() && proxy.get().getCallbackDisabledAt() != null) {
            delivery.end(DeliveryState.FAILED, null, DeliveryAttempts.CALLBACK_DISABLED, now);
        }
        em.persist(delivery);
        if (delivery.getState() == DeliveryState.PENDING) {
            opened.fire(new DeliveryOpened(delivery.getId()));
        }
        return Optional.of(delivery);
    }

    /** A deleted proxy's pending deliveries end with it (requests it cancels open none: see {@link #open}). */
    void onProxyDeleting(@Observes ProxyDeleting deleting) {
        Instant now = clock.instant();
        em.createNamedQuery(WebhookDelivery.CANCEL_OF_PROXY)
                .setParameter("canceled", DeliveryState.CANCELED)
                .setParameter("pending", DeliveryState.PENDING)
                .setParameter("why", "the proxy was deleted")
                .setParameter("now", now)
                .setParameter("proxyId", deleting.proxyId())
                .executeUpdate();
    }
}
