package ferry.callbacks.control;

import ferry.callbacks.entity.DeliveryState;
import ferry.callbacks.entity.WebhookAttempt;
import ferry.callbacks.entity.WebhookDelivery;
import ferry.callbacks.payload.WebhookPayload;
import ferry.callbacks.schedule.DeliveryVerdict;
import ferry.platform.control.Json;
import ferry.platform.control.SkipLocked;
import ferry.platform.security.SecretBox;
import ferry.platform.security.WebhookSecret;
import ferry.proxies.control.ProxyDirectory;
import ferry.proxies.control.ProxyService;
import ferry.proxies.control.ProxySettings;
import ferry.proxies.entity.Proxy;
import ferry.requests.bodies.Bodies;
import ferry.requests.bodies.BodyKind;
import ferry.requests.entity.ForwardRequest;
import ferry.requests.entity.RequestState;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The two transactions of a webhook attempt: taking due deliveries (each held by a lease while
 * it is attempted) and recording how an attempt went. Sending happens between them, outside any
 * transaction. An EJB: it runs on the sender's own threads.
 */
@Stateless
public class DeliveryAttempts {

    static final String CALLBACK_DISABLED = "callback-disabled: the receiver answered 410 Gone before;"
            + " define the proxy again (PUT) to enable its callback";
    private static final Logger LOG = Logger.getLogger(DeliveryAttempts.class.getName());

    /**
     * An attempt taken: what to send, where, signed with which secrets.
     *
     * @param receiver who receives it, for the sender's per-receiver bound
     */
    public record Taken(String deliveryId, int attempt, String proxyId, boolean perRequest, URI url, String receiver,
                        List<WebhookSecret> secrets, byte[] payload, String traceParent) {
    }

    /** How a taken attempt went (see {@code WebhookClient.Answer}). */
    public record Went(Taken taken, Integer status, Duration retryAfter, String error, Instant startedAt,
                       long durationMs) {
    }

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    @Inject
    ProxyDirectory proxies;

    @Inject
    ProxyService proxyService;

    @Inject
    SecretBox secretBox;

    @Inject
    Bodies bodies;

    @Inject
    DeliverySettings settings;

    /**
     * Takes up to {@code max} due deliveries whose receiver has room ({@code reserve} reserves a
     * place and says whether there was one). Deliveries that can no longer be sent end here.
     *
     * @param busyProxies proxies whose callback receiver is full: their deliveries are not even read
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Taken> take(int max, Set<String> busyProxies, Predicate<String> reserve, Instant now) {
        var query = em.createQuery("select d from WebhookDelivery d where d.state = :pending and d.nextAttemptAt <= :now"
                        + (busyProxies.isEmpty() ? "" : " and (d.proxyId not in :busy or d.callbackUrl is not null)")
                        + " order by d.nextAttemptAt", WebhookDelivery.class)
                .setParameter("pending", DeliveryState.PENDING)
                .setParameter("now", now);
        if (!busyProxies.isEmpty()) {
            query.setParameter("busy", busyProxies);
        }
        List<Taken> taken = new ArrayList<>();
        for (WebhookDelivery delivery : SkipLocked.lockAtMost(query, max)) {
            if (taken.size() == max) {
                break;
            }
            Taken one = takeOne(delivery, reserve, now);
            if (one != null) {
                taken.add(one);
            }
        }
        return taken;
    }

    /**
     * Takes up to {@code max} due deliveries to the proxy's own callback, for a sender whose
     * attempts there have just ended and that keeps its place at that receiver: a backlog for one
     * receiver is worked through by its senders in batches, without a look at everything due.
     * {@code skip} spreads the senders of one receiver over the due rows, so that where the
     * database cannot skip locked rows (H2) they do not queue for the same ones.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Taken> takeNext(String proxyId, int max, int skip, Instant now) {
        List<WebhookDelivery> due = SkipLocked.lockAtMost(dueFor(proxyId, now).setFirstResult(skip), max);
        if (due.isEmpty() && skip > 0) {
            due = SkipLocked.lockAtMost(dueFor(proxyId, now), max); // fewer due than the spread
        }
        List<Taken> taken = new ArrayList<>();
        for (WebhookDelivery delivery : due) {
            Taken one = takeOne(delivery, receiver -> true, now); // its place is the caller's already
            if (one != null) {
                taken.add(one);
            }
        }
        return taken;
    }

    private jakarta.persistence.TypedQuery<WebhookDelivery> dueFor(String proxyId, Instant now) {
        return em.createNamedQuery(WebhookDelivery.DUE_FOR_PROXY, WebhookDelivery.class)
                .setParameter("proxyId", proxyId)
                .setParameter("pending", DeliveryState.PENDING)
                .setParameter("now", now);
    }

    private Taken takeOne(WebhookDelivery delivery, Predicate<String> reserve, Instant now) {
        Proxy proxy = em.find(Proxy.class, delivery.getProxyId());
        if (proxy == null) {
            delivery.end(DeliveryState.CANCELED, null, "the proxy was deleted", now);
            return null;
        }
        ProxySettings.Callback callback = proxies.settings(proxy).callback();
        if (callback == null) {
            delivery.end(DeliveryState.CANCELED, null, "the proxy no longer has a callback", now);
            return null;
        }
        if (!delivery.isPerRequest() && proxy.getCallbackDisabledAt() != null) {
            delivery.end(DeliveryState.FAILED, null, CALLBACK_DISABLED, now);
            return null;
        }
        URI url = URI.create(delivery.isPerRequest() ? delivery.getCallbackUrl() : callback.url());
        String receiver = delivery.isPerRequest() ? "url " + url.getHost() + ":" + url.getPort() : "proxy " + proxy.getId();
        if (delivery.getPayload() == null && !fixPayload(delivery, now)) {
            return null;
        }
        if (!reserve.test(receiver)) {
            return null; // left due: taken when the receiver has room
        }
        int attempt = delivery.startAttempt(now.plus(settings.lease()), now);
        List<WebhookSecret> secrets = Stream.of(callback.secret(), callback.nextSecret())
                .filter(s -> s != null)
                .map(s -> WebhookSecret.parse(secretBox.open(s)))
                .toList();
        return new Taken(delivery.getId(), attempt, proxy.getId(), delivery.isPerRequest(), url, receiver, secrets,
                delivery.getPayload().getBytes(StandardCharsets.UTF_8), delivery.getTraceParent());
    }

    /**
     * Fixes the JSON at the first attempt, from the request as it ended; every later attempt and
     * a redelivery send the same bytes. A request retried by hand before its delivery was first
     * attempted no longer has the ending to tell: that delivery is canceled (the new ending has its own).
     */
    private boolean fixPayload(WebhookDelivery delivery, Instant now) {
        ForwardRequest request = em.find(ForwardRequest.class, delivery.getRequestId());
        if (request == null || !request.getState().isTerminal() || !delivery.getEndedAt().equals(request.getCompletedAt())) {
            delivery.end(DeliveryState.CANCELED, null, "the request was retried before this ending was told", now);
            return false;
        }
        WebhookPayload.Outcome outcome = new WebhookPayload.Outcome(request.getId(), request.getProxyId(),
                request.getState() == RequestState.COMPLETED, request.getAttempts(), request.getCompletedAt(),
                request.getResponseStatus(),
                request.getResponseHeaders() == null ? null : Json.readHeaders(request.getResponseHeaders()),
                request.getResponseStatus() == null ? null : responseStart(request.getId()),
                request.getLastErrorType(), request.getLastErrorMessage());
        delivery.fixPayload(new String(WebhookPayload.json(outcome), StandardCharsets.UTF_8));
        return true;
    }

    /** The first bytes of the response body: the payload carries no more (beyond, it says truncated). */
    private byte[] responseStart(String requestId) {
        try (InputStream in = bodies.open(requestId, BodyKind.RESPONSE)) {
            return in.readNBytes(WebhookPayload.INLINE_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Records a sender's batch at one receiver (one attempt or several) in one transaction: the
     * attempts made, and those taken but not made (the batch stopped at a failure or at its
     * time), which are due again at once, uncounted. Rows are locked in id order, so that two
     * batches never wait for each other.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordAll(List<Went> went, List<Taken> notMade, Instant now) {
        java.util.Map<String, Runnable> byId = new java.util.TreeMap<>();
        went.forEach(w -> byId.put(w.taken().deliveryId(), () -> recordOne(w, now)));
        notMade.forEach(t -> byId.put(t.deliveryId(), () -> {
            WebhookDelivery delivery = em.find(WebhookDelivery.class, t.deliveryId(), LockModeType.PESSIMISTIC_WRITE);
            if (delivery != null) {
                delivery.giveBack(t.attempt(), now);
            }
        }));
        byId.values().forEach(Runnable::run);
    }

    /**
     * Records an attempt and what follows it: delivered on 2xx; on 410 Gone the delivery fails and
     * the proxy's callback is disabled (a request's own URL disables nothing); anything else waits
     * for the schedule's next attempt, or fails once the schedule has run out. An attempt whose
     * lease was lost (its delivery taken over or canceled meanwhile) changes nothing.
     */
    private void recordOne(Went went, Instant now) {
        Taken taken = went.taken();
        WebhookDelivery delivery = em.find(WebhookDelivery.class, taken.deliveryId(), LockModeType.PESSIMISTIC_WRITE);
        if (delivery == null || !delivery.isAttempting(taken.attempt())) {
            LOG.info(() -> "Webhook " + taken.deliveryId() + " attempt " + taken.attempt()
                    + " ended after its delivery was taken over or ended; not recorded");
            return;
        }
        String error = went.error() != null ? went.error() : "HTTP " + went.status();
        Instant next = null;
        DeliveryVerdict verdict = went.status() == null ? DeliveryVerdict.TRY_AGAIN : DeliveryVerdict.of(went.status());
        switch (verdict) {
            case DELIVERED -> delivery.end(DeliveryState.DELIVERED, went.status(), null, now);
            case GONE -> {
                delivery.end(DeliveryState.FAILED, went.status(), "gone: the receiver answered 410", now);
                if (!taken.perRequest() && proxyService.disableCallback(taken.proxyId(), taken.url().toString())) {
                    LOG.warning("The callback of proxy " + taken.proxyId()
                            + " answered 410 Gone and is disabled until the proxy is defined again");
                }
            }
            case TRY_AGAIN -> {
                var wait = settings.schedule().next(delivery.getSeriesAttempts(), went.retryAfter());
                if (wait.isPresent()) {
                    next = now.plus(wait.get());
                    delivery.retryAt(next, went.status(), error, now);
                } else {
                    delivery.end(DeliveryState.FAILED, went.status(), "attempts exhausted; last: " + error, now);
                }
            }
        }
        em.persist(new WebhookAttempt(taken.deliveryId(), taken.attempt(), went.startedAt(), went.durationMs(),
                went.status(), verdict == DeliveryVerdict.DELIVERED ? null : error, next));
    }
}
