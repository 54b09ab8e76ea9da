package ferry.requests.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** One HTTP attempt of a request and how it ended (CONTRACT.md §4, §5 attempts). */
@Entity
@Table(name = "attempt")
@NamedQuery(name = Attempt.OF_REQUEST,
        query = "select a from Attempt a where a.requestId = :requestId order by a.number")
public class Attempt {

    public static final String OF_REQUEST = "Attempt.ofRequest";

    @Id
    private String id;

    @Column(name = "request_id", nullable = false)
    private String requestId;

    @Column(name = "attempt_number", nullable = false)
    private int number;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "duration_ms", nullable = false)
    private long durationMs;

    @Column(nullable = false)
    private String outcome;

    @Column(name = "response_status")
    private Integer status;

    private String error;

    @Column(nullable = false)
    private boolean retryable;

    @Column(name = "next_delay_ms")
    private Long nextDelayMs;

    protected Attempt() {
    }

    public Attempt(String requestId, int number, Instant startedAt, long durationMs, String outcome,
                   Integer status, String error, boolean retryable, Long nextDelayMs) {
        this.id = TimeOrderedIds.next();
        this.requestId = requestId;
        this.number = number;
        this.startedAt = startedAt;
        this.durationMs = durationMs;
        this.outcome = outcome;
        this.status = status;
        this.error = error == null || error.length() <= 1024 ? error : error.substring(0, 1024);
        this.retryable = retryable;
        this.nextDelayMs = nextDelayMs;
    }

    public String getRequestId() { return requestId; }
    public int getNumber() { return number; }
    public Instant getStartedAt() { return startedAt; }
    public long getDurationMs() { return durationMs; }
    public String getOutcome() { return outcome; }
    public Integer getStatus() { return status; }
    public String getError() { return error; }
    public boolean isRetryable() { return retryable; }
    public Long getNextDelayMs() { return nextDelayMs; }
}
