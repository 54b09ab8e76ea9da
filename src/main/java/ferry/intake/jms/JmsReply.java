package ferry.intake.jms;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A reply waiting to be sent (CONTRACT.md §9): written in the transaction that ends a JMS
 * submission, deleted in the one that sends it (every row here is due: one held back by a broker
 * outage is sent at the next look). A request that ends again (after a retry by hand) gets another.
 */
@Entity
@Table(name = "jms_reply")
@NamedQuery(name = JmsReply.DUE, query = "select r from JmsReply r order by r.createdAt")
@NamedQuery(name = JmsReply.BY_ID, query = "select r from JmsReply r where r.id = :id")
public class JmsReply {

    public static final String DUE = "JmsReply.due";
    public static final String BY_ID = "JmsReply.byId";

    @Id
    private String id;

    @Column(name = "request_id", nullable = false)
    private String requestId;

    /** When the request ended: the ending this reply reports. */
    @Column(name = "ended_at", nullable = false)
    private Instant endedAt;

    @Column(name = "reply_to", nullable = false)
    private String replyTo;

    @Column(name = "correlation_id", nullable = false)
    private String correlationId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected JmsReply() {
    }

    public JmsReply(String id, String requestId, Instant endedAt, String replyTo, String correlationId, Instant now) {
        this.id = id;
        this.requestId = requestId;
        this.endedAt = endedAt;
        this.replyTo = replyTo;
        this.correlationId = correlationId;
        this.createdAt = now;
    }

    public String getId() { return id; }
    public String getRequestId() { return requestId; }
    public Instant getEndedAt() { return endedAt; }
    public String getReplyTo() { return replyTo; }
    public String getCorrelationId() { return correlationId; }
}
