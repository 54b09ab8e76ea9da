package ferry.requests.entity;

import ferry.proxies.entity.EntryPoint;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * An accepted request: what to send, where it is in its lifecycle, and the target's answer.
 * The row is the record: it exists once the client has its 202, and queue messages are only
 * hints pointing at it. State changes go through {@link #moveTo}.
 */
@Entity
@Table(name = "forward_request")
@NamedQuery(name = ForwardRequest.IDS_IN_STATE,
        query = "select r.id from ForwardRequest r where r.proxyId = :proxyId and r.state = :state")
@NamedQuery(name = ForwardRequest.COUNT_BY_STATE,
        query = "select r.state, count(r) from ForwardRequest r where r.proxyId = :proxyId group by r.state")
@NamedQuery(name = ForwardRequest.UNFINISHED_BY_PROXY,
        query = "select r.proxyId, r.state, count(r) from ForwardRequest r where r.state in :states group by r.proxyId, r.state")
@NamedQuery(name = ForwardRequest.COUNT_IN_STATE,
        query = "select count(r) from ForwardRequest r where r.proxyId = :proxyId and r.state = :state")
@NamedQuery(name = ForwardRequest.BY_IDEMPOTENCY,
        query = "select r from ForwardRequest r where r.idempotencyScope = :scope")
@NamedQuery(name = ForwardRequest.UNDISPATCHED,
        query = "select r from ForwardRequest r where r.state in :waiting and r.dispatched = false"
                + " and r.nextAttemptAt < :overdue"
                + " and r.proxyId not in (select p.id from Proxy p where p.paused = true or p.resumedAt > :overdue)")
@NamedQuery(name = ForwardRequest.STALE,
        query = "select r from ForwardRequest r where r.state in :waiting and r.dispatched = true"
                + " and r.nextAttemptAt < :stale"
                + " and r.proxyId not in (select p.id from Proxy p where p.paused = true)")
@NamedQuery(name = ForwardRequest.MARK_DISPATCHED,
        query = "update ForwardRequest r set r.dispatched = true where r.id in :ids and r.state in :waiting")
@NamedQuery(name = ForwardRequest.LEASE_EXPIRED,
        query = "select r from ForwardRequest r where r.state = :processing and r.leaseUntil < :now")
@NamedQuery(name = ForwardRequest.PAST_DEADLINE,
        query = "select r from ForwardRequest r where r.state in :waiting and r.deadlineAt < :now")
// HELD_AHEAD and WAITING_AFTER order by every column of the index they read (held, and
// listing_state read backwards), the fixed ones too: only then does H2 read the index in order
// and stop at the limit, instead of sorting every row of the proxy first (issue 18 profile: a
// backlog of 100,000 made each batch read all of them). WAITING_AFTER's "createdAt >= :afterCreated"
// repeats part of the keyset condition so that H2 starts its range there.
@NamedQuery(name = ForwardRequest.HELD_AHEAD,
        query = "select r from ForwardRequest r where r.proxyId = :proxyId and r.state in :waiting"
                + " and r.heldBy is not null and r.nextAttemptAt > :now order by r.proxyId, r.nextAttemptAt")
@NamedQuery(name = ForwardRequest.WAITING_AFTER,
        query = "select r.id, r.nextAttemptAt, r.createdAt from ForwardRequest r where r.proxyId = :proxyId"
                + " and r.state = :state and r.createdAt >= :afterCreated"
                + " and (r.createdAt > :afterCreated or r.id > :afterId)"
                + " order by r.proxyId, r.state, r.createdAt, r.id")
public class ForwardRequest {

    public static final String WAITING_AFTER = "ForwardRequest.waitingAfter";
    public static final String HELD_AHEAD = "ForwardRequest.heldAhead";
    public static final String PAST_DEADLINE = "ForwardRequest.pastDeadline";
    public static final String UNDISPATCHED = "ForwardRequest.undispatched";
    public static final String BY_IDEMPOTENCY = "ForwardRequest.byIdempotency";
    public static final String MARK_DISPATCHED = "ForwardRequest.markDispatched";
    public static final String STALE = "ForwardRequest.stale";
    public static final String LEASE_EXPIRED = "ForwardRequest.leaseExpired";
    public static final String IDS_IN_STATE = "ForwardRequest.idsInState";
    public static final String COUNT_IN_STATE = "ForwardRequest.countInState";
    public static final String COUNT_BY_STATE = "ForwardRequest.countByState";
    public static final String UNFINISHED_BY_PROXY = "ForwardRequest.unfinishedByProxy";

    @Id
    private String id;

    @Column(name = "proxy_id", nullable = false)
    private String proxyId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RequestState state;

    @Column(name = "entry_mode", nullable = false)
    private String entryMode;

    @Column(name = "http_method", nullable = false)
    private String method;

    @Column(name = "target_path", nullable = false)
    private String path;

    @Column(name = "query_string")
    private String query;

    @Column(nullable = false)
    private String headers;

    /** The request body's size in bytes; null when it has none. The bytes are in {@code body_chunk}. */
    @Column(name = "body_length")
    private Long bodyLength;

    /** The body as accepted, until the row is stored with it ({@code RequestStore}); never loaded. */
    @Transient
    private byte[] acceptedBody;

    @Column(name = "idempotency_key", nullable = false)
    private String idempotencyKey;

    /** The proxy and the client's key, unique while the request is kept; null without a key. */
    @Column(name = "idempotency_scope")
    private String idempotencyScope;

    /** What the key was first used for (method, path, query, body), to tell a replay from a reuse. */
    @Column(name = "idempotency_fingerprint")
    private String idempotencyFingerprint;

    @Column(name = "max_retries")
    private Integer maxRetries;

    /** Where this request's completion webhook goes ({@code Ferry-Callback-Url}); null: the proxy's callback. */
    @Column(name = "callback_url")
    private String callbackUrl;

    /** Where a JMS submission's outcome goes ({@code queue:<name>} or {@code topic:<name>}); null: nowhere. */
    @Column(name = "reply_to")
    private String replyTo;

    /** The JMSCorrelationID its reply carries. */
    @Column(name = "reply_correlation_id")
    private String replyCorrelationId;

    @Column(nullable = false)
    private int attempts;

    /** Attempts made before the current series ({@link #restartSeries}); the retry budget counts the rest. */
    @Column(name = "series_offset", nullable = false)
    private int seriesOffset;

    @Column(name = "not_before", nullable = false)
    private Instant notBefore;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    /** Submitted over JMS rather than HTTP: known at intake only (for its meters), not stored. */
    @jakarta.persistence.Transient
    private boolean submittedOverJms;

    /** The intake span's context (W3C traceparent) when tracing is on, for the attempts' spans; else null. */
    @Column(name = "trace_parent", length = 55)
    private String traceParent;

    /** A limit of the proxy holds this waiting request until {@code nextAttemptAt} (CONTRACT.md §5 heldBy); else null. */
    @Column(name = "held_by", length = 32)
    private String heldBy;

    /** Whether a queue message for this wait was committed to the broker (see {@link #markDispatched}). */
    @Column(nullable = false)
    private boolean dispatched;

    @Column(name = "lease_owner")
    private String leaseOwner;

    @Column(name = "lease_until")
    private Instant leaseUntil;

    @Column(name = "last_error_type")
    private String lastErrorType;

    @Column(name = "last_error_message")
    private String lastErrorMessage;

    @Column(name = "response_status")
    private Integer responseStatus;

    @Column(name = "response_headers")
    private String responseHeaders;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    @Column(name = "deadline_at")
    private Instant deadlineAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Version
    @Column(name = "row_version", nullable = false)
    private long rowVersion;

    protected ForwardRequest() {
    }

    public ForwardRequest(String id, String proxyId, EntryPoint entry, String method, String path, String query,
                          String headers, byte[] body, String idempotencyKey, Instant notBefore, Instant now) {
        this.id = id;
        this.proxyId = proxyId;
        this.entryMode = entry.label();
        this.method = method;
        this.path = path;
        this.query = query;
        this.headers = headers;
        this.acceptedBody = body;
        this.bodyLength = body == null ? null : (long) body.length;
        this.idempotencyKey = idempotencyKey;
        this.state = RequestState.QUEUED;
        this.notBefore = notBefore;
        this.nextAttemptAt = notBefore;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The one place where the state changes. */
    public void moveTo(RequestState next, Instant now) {
        if (!state.canMoveTo(next)) {
            throw new IllegalTransition(state, next);
        }
        state = next;
        updatedAt = now;
        heldBy = null;
        if (next.isTerminal()) {
            completedAt = now;
            nextAttemptAt = null;
        } else {
            completedAt = null; // an ended request queued again is pending again
            expiresAt = null;
        }
        if (next != RequestState.PROCESSING) {
            leaseOwner = null;
            leaseUntil = null;
        }
    }

    /** Starts an attempt: this node owns it until the lease runs out. */
    public int startAttempt(String owner, Instant leaseUntil, Instant now) {
        moveTo(RequestState.PROCESSING, now);
        this.leaseOwner = owner;
        this.leaseUntil = leaseUntil;
        this.nextAttemptAt = null;
        return ++attempts;
    }

    public boolean isLeasedBy(String owner) {
        return state == RequestState.PROCESSING && owner.equals(leaseOwner);
    }

    /** The target's answer (its body is stored apart: {@code Bodies}). */
    public void recordResponse(int status, String headersJson) {
        this.responseStatus = status;
        this.responseHeaders = headersJson;
    }

    /** The last attempt got no answer: no earlier attempt's answer stands for the request's. */
    public void forgetResponse() {
        this.responseStatus = null;
        this.responseHeaders = null;
    }

    public void recordError(String type, String message) {
        this.lastErrorType = type;
        this.lastErrorMessage = message == null || message.length() <= 1024 ? message : message.substring(0, 1024);
    }

    /**
     * A failed or canceled request is retried (CONTRACT.md §6): a fresh series of attempts under the
     * same id. Attempt numbers go on (the attempt log keeps the old series); the retry budget and
     * the window start again from {@code now}, and so does a sync-mode deadline ({@code deadline},
     * or null).
     */
    public void restartSeries(Instant now, Instant deadline) {
        moveTo(RequestState.QUEUED, now);
        seriesOffset = attempts;
        notBefore = now;
        nextAttemptAt = now;
        deadlineAt = deadline;
        lastErrorType = null;
        lastErrorMessage = null;
        dispatched = false;
    }

    /** The number of an attempt within the current series (the first is 1). */
    public int attemptInSeries(int attemptNumber) {
        return attemptNumber - seriesOffset;
    }

    /** The client sent an idempotency key: it is taken, within the proxy, by this request. */
    public void claimIdempotencyKey(String scope, String fingerprint) {
        this.idempotencyScope = scope;
        this.idempotencyFingerprint = fingerprint;
    }

    public String getIdempotencyFingerprint() { return idempotencyFingerprint; }

    public String getCallbackUrl() { return callbackUrl; }

    public void setCallbackUrl(String callbackUrl) { this.callbackUrl = callbackUrl; }

    public String getReplyTo() { return replyTo; }
    public String getReplyCorrelationId() { return replyCorrelationId; }

    /** A JMS submission's reply address and the correlation id its reply carries. */
    public void replyTo(String destination, String correlationId) {
        this.replyTo = destination;
        this.replyCorrelationId = correlationId;
    }

    /** Sync-mode requests fail with deadline-exceeded once this passes. */
    public void setDeadline(Instant deadlineAt) {
        this.deadlineAt = deadlineAt;
    }

    /** A finished request's result is kept this long, then purged. */
    public void keepFor(long retentionSeconds) {
        this.expiresAt = completedAt == null ? null : completedAt.plusSeconds(retentionSeconds);
    }

    public void scheduleNext(Instant at) {
        this.nextAttemptAt = at;
        this.heldBy = null;
    }

    /**
     * A limit of the proxy ({@code reason}, a CONTRACT.md §5 heldBy value) keeps this waiting
     * request from being attempted before {@code until}: not an attempt, its retry budget untouched.
     */
    public void hold(String reason, Instant until, Instant now) {
        this.nextAttemptAt = until;
        this.heldBy = reason;
        this.updatedAt = now;
    }

    public String getHeldBy() { return heldBy; }
    public String getTraceParent() { return traceParent; }
    public boolean isSubmittedOverJms() { return submittedOverJms; }

    /** This request came in as a JMS message (intake's meters tell the two channels apart). */
    public void submittedOverJms() {
        this.submittedOverJms = true;
    }

    /** Stores the trace this request joins (the intake span's context), or none. */
    public void traceIn(String traceparent) {
        this.traceParent = traceparent;
    }

    /**
     * A message for this wait is sent in the transaction that writes this: the row is on the
     * queue. Rows that wait without it are queued again by the recovery sweep.
     */
    public void markDispatched() {
        this.dispatched = true;
    }

    /** The row's message was consumed without a claim (its proxy is paused): nothing points at it now. */
    public void markUndispatched() {
        this.dispatched = false;
    }

    public boolean isDispatched() { return dispatched; }

    public String getId() { return id; }
    public String getProxyId() { return proxyId; }
    public RequestState getState() { return state; }
    public EntryPoint getEntryPoint() { return EntryPoint.of(entryMode); }
    public String getMethod() { return method; }
    public String getPath() { return path; }
    public String getQuery() { return query; }
    public String getHeaders() { return headers; }
    /** The body as accepted, for storing it with a new row; null once loaded from the database. */
    public byte[] getAcceptedBody() { return acceptedBody; }
    public Long getBodyLength() { return bodyLength; }
    public String getIdempotencyKey() { return idempotencyKey; }
    public Integer getMaxRetries() { return maxRetries; }
    public void setMaxRetries(Integer maxRetries) { this.maxRetries = maxRetries; }
    public int getAttempts() { return attempts; }
    public int getSeriesOffset() { return seriesOffset; }
    public Instant getNotBefore() { return notBefore; }
    public Instant getNextAttemptAt() { return nextAttemptAt; }
    public Instant getLeaseUntil() { return leaseUntil; }
    public String getLastErrorType() { return lastErrorType; }
    public String getLastErrorMessage() { return lastErrorMessage; }
    public Integer getResponseStatus() { return responseStatus; }
    public String getResponseHeaders() { return responseHeaders; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public Instant getCompletedAt() { return completedAt; }
    public Instant getDeadlineAt() { return deadlineAt; }
    public Instant getExpiresAt() { return expiresAt; }
}
