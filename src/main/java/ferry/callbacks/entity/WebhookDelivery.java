package ferry.callbacks.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * The webhook that tells a request's ending to its receiver (CONTRACT.md §8). Written in the
 * transaction that ends the request; its id is the {@code webhook-id}, the same for every attempt
 * and for a redelivery. The JSON is fixed at the first attempt, so every attempt sends the same
 * bytes. While one is pending, its request is not purged.
 */
@Entity
@Table(name = "webhook_delivery")
@NamedQuery(name = WebhookDelivery.DUE_FOR_PROXY,
        query = "select d from WebhookDelivery d where d.proxyId = :proxyId and d.state = :pending"
                + " and d.nextAttemptAt <= :now and d.callbackUrl is null order by d.nextAttemptAt")
@NamedQuery(name = WebhookDelivery.OF_REQUEST,
        query = "select d from WebhookDelivery d where d.requestId = :requestId order by d.createdAt, d.id")
@NamedQuery(name = WebhookDelivery.CANCEL_OF_PROXY,
        query = "update WebhookDelivery d set d.state = :canceled, d.lastError = :why, d.finishedAt = :now,"
                + " d.updatedAt = :now, d.version = d.version + 1 where d.proxyId = :proxyId and d.state = :pending")
@NamedQuery(name = WebhookDelivery.EXPIRED_REQUESTS,
        query = "select r.id from ForwardRequest r where r.expiresAt < :now and not exists"
                + " (select d.id from WebhookDelivery d where d.requestId = r.id and d.state = :pending)")
@NamedQuery(name = WebhookDelivery.DELETE_ATTEMPTS_OF_REQUESTS,
        query = "delete from WebhookAttempt a where a.key.deliveryId in"
                + " (select d.id from WebhookDelivery d where d.requestId in :ids)")
@NamedQuery(name = WebhookDelivery.DELETE_OF_REQUESTS,
        query = "delete from WebhookDelivery d where d.requestId in :ids")
public class WebhookDelivery {

    /** Requests past their retention whose webhooks have all ended: a pending delivery keeps its request. */
    public static final String EXPIRED_REQUESTS = "WebhookDelivery.expiredRequests";
    public static final String DELETE_ATTEMPTS_OF_REQUESTS = "WebhookDelivery.deleteAttemptsOfRequests";
    public static final String DELETE_OF_REQUESTS = "WebhookDelivery.deleteOfRequests";

    public static final String OF_REQUEST = "WebhookDelivery.ofRequest";
    /** Due deliveries to one proxy's own callback, oldest first. */
    public static final String DUE_FOR_PROXY = "WebhookDelivery.dueForProxy";
    public static final String CANCEL_OF_PROXY = "WebhookDelivery.cancelOfProxy";

    @Id
    private String id;

    @Column(name = "request_id", nullable = false)
    private String requestId;

    @Column(name = "proxy_id", nullable = false)
    private String proxyId;

    /** The request's own {@code Ferry-Callback-Url}; null: the proxy's callback URL as it is at each attempt. */
    @Column(name = "callback_url")
    private String callbackUrl;

    /** The request's trace (W3C traceparent), for the attempts' spans; null if it was not traced. */
    @Column(name = "trace_parent", length = 55)
    private String traceParent;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private DeliveryState state;

    /** When the request ended: the ending this delivery reports. */
    @Column(name = "ended_at", nullable = false)
    private Instant endedAt;

    @Column
    private String payload;

    @Column(nullable = false)
    private int attempts;

    /** Attempts since this delivery (or its last redelivery) began: the schedule's position. */
    @Column(name = "series_attempts", nullable = false)
    private int seriesAttempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "last_status")
    private Integer lastStatus;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Version
    @Column(name = "row_version", nullable = false)
    private long version;

    protected WebhookDelivery() {
    }

    public String getTraceParent() {
        return traceParent;
    }

    /** Its attempts join this trace (the request's), or none. */
    public void traceIn(String traceparent) {
        this.traceParent = traceparent;
    }

    public WebhookDelivery(String id, String requestId, String proxyId, String callbackUrl, Instant endedAt, Instant now) {
        this.id = id;
        this.requestId = requestId;
        this.proxyId = proxyId;
        this.callbackUrl = callbackUrl;
        this.endedAt = endedAt;
        this.state = DeliveryState.PENDING;
        this.nextAttemptAt = now;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Takes the next attempt: it is held until {@code leaseUntil}, after which another node may take it over. */
    public int startAttempt(Instant leaseUntil, Instant now) {
        requirePending();
        attempts++;
        seriesAttempts++;
        nextAttemptAt = leaseUntil;
        updatedAt = now;
        return attempts;
    }

    /** Whether the attempt numbered {@code attempt} is still this delivery's current one. */
    public boolean isAttempting(int attempt) {
        return state == DeliveryState.PENDING && attempts == attempt;
    }

    /** An attempt taken but never made (its batch stopped first): due again now, uncounted. */
    public void giveBack(int attempt, Instant now) {
        if (isAttempting(attempt)) {
            attempts--;
            seriesAttempts--;
            nextAttemptAt = now;
            updatedAt = now;
        }
    }

    public void fixPayload(String json) {
        this.payload = json;
    }

    public void retryAt(Instant at, Integer status, String error, Instant now) {
        requirePending();
        lastStatus = status;
        lastError = error;
        nextAttemptAt = at;
        updatedAt = now;
    }

    public void end(DeliveryState end, Integer status, String error, Instant now) {
        if (end == DeliveryState.PENDING) {
            throw new IllegalArgumentException("PENDING does not end a delivery");
        }
        state = end;
        lastStatus = status;
        lastError = error;
        nextAttemptAt = null;
        finishedAt = now;
        updatedAt = now;
    }

    /** Sends an ended delivery again, same id and payload, the schedule from its start. */
    public void redeliver(Instant now) {
        state = DeliveryState.PENDING;
        seriesAttempts = 0;
        nextAttemptAt = now;
        finishedAt = null;
        updatedAt = now;
    }

    private void requirePending() {
        if (state != DeliveryState.PENDING) {
            throw new IllegalStateException("delivery " + id + " is " + state);
        }
    }

    public String getId() { return id; }
    public String getRequestId() { return requestId; }
    public String getProxyId() { return proxyId; }
    public String getCallbackUrl() { return callbackUrl; }
    public boolean isPerRequest() { return callbackUrl != null; }
    public DeliveryState getState() { return state; }
    public Instant getEndedAt() { return endedAt; }
    public String getPayload() { return payload; }
    public int getAttempts() { return attempts; }
    public int getSeriesAttempts() { return seriesAttempts; }
    public Instant getNextAttemptAt() { return nextAttemptAt; }
    public Integer getLastStatus() { return lastStatus; }
    public String getLastError() { return lastError; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getFinishedAt() { return finishedAt; }
}
