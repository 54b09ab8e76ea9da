package ferry.callbacks.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** One attempt of a webhook delivery and how it went, for {@code GET /requests/{id}/deliveries}. */
@Entity
@Table(name = "webhook_attempt")
@NamedQuery(name = WebhookAttempt.OF_DELIVERIES,
        query = "select a from WebhookAttempt a where a.key.deliveryId in :ids order by a.key.deliveryId, a.key.number")
public class WebhookAttempt {

    public static final String OF_DELIVERIES = "WebhookAttempt.ofDeliveries";

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "delivery_id")
        String deliveryId;

        @Column(name = "attempt_number")
        int number;

        protected Key() {
        }

        Key(String deliveryId, int number) {
            this.deliveryId = deliveryId;
            this.number = number;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && k.deliveryId.equals(deliveryId) && k.number == number;
        }

        @Override
        public int hashCode() {
            return deliveryId.hashCode() * 31 + number;
        }
    }

    @EmbeddedId
    private Key key;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "duration_ms", nullable = false)
    private long durationMs;

    @Column(name = "response_status")
    private Integer status;

    @Column
    private String error;

    /** When the next attempt is due; null if this one ended the delivery. */
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    protected WebhookAttempt() {
    }

    public WebhookAttempt(String deliveryId, int number, Instant startedAt, long durationMs, Integer status,
                          String error, Instant nextAttemptAt) {
        this.key = new Key(deliveryId, number);
        this.startedAt = startedAt;
        this.durationMs = durationMs;
        this.status = status;
        this.error = error;
        this.nextAttemptAt = nextAttemptAt;
    }

    public String getDeliveryId() { return key.deliveryId; }
    public int getNumber() { return key.number; }
    public Instant getStartedAt() { return startedAt; }
    public long getDurationMs() { return durationMs; }
    public Integer getStatus() { return status; }
    public String getError() { return error; }
    public Instant getNextAttemptAt() { return nextAttemptAt; }
}
