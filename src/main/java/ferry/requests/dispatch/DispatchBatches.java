package ferry.requests.dispatch;

import ferry.requests.entity.ForwardRequest;
import ferry.requests.entity.RequestState;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Queue messages sent in transactions of their own, a batch each, with their rows marked
 * dispatched in the same transaction: the messages of committed requests ({@link Announcer})
 * and the waiting requests of a resumed proxy. An EJB because it runs on threads of its own
 * (docs/architecture.md, "Transactions").
 */
@Stateless
public class DispatchBatches {

    /** Waiting requests queued again per transaction when a proxy resumes. */
    static final int REQUEUE_BATCH = 1000;

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    @Inject
    ForwardQueue queue;

    Clock clock = Clock.systemUTC();

    /** Queues stored requests: one broker transaction for the batch. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void send(List<DueRequest> due) {
        queue.send(due);
    }

    /**
     * Marks the rows of messages that have been committed: a transaction of its own, after the
     * broker's. A crash between the two leaves a row unmarked whose message exists (the sweep
     * sends another, which is harmless), never a marked row without one. (Both in one XA
     * transaction would make a crash during its commit leave the message in doubt, and the row
     * marked.)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void marked(List<DueRequest> due) {
        markDispatched(due.stream().map(DueRequest::requestId).toList());
    }

    /**
     * Marks waiting rows as queued. A bulk update, without the row version: a claim that read the
     * row before may still win it (it moves the row out of waiting, where the mark no longer
     * matters), and no claim fails because a message was sent.
     */
    private void markDispatched(List<String> ids) {
        for (int from = 0; from < ids.size(); from += 500) {
            em.createNamedQuery(ForwardRequest.MARK_DISPATCHED)
                    .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + 500)))
                    .setParameter("waiting", RequestState.WAITING)
                    .executeUpdate();
        }
    }

    /**
     * Queues the next batch of a proxy's requests waiting in {@code state}, oldest first, after
     * {@code after}: queued ones at once (delayed ones at their time), retrying ones at their
     * planned time. One state at a time, in the order of the listing index (proxy, state,
     * created, id), so that a batch is a range read of that index, never a sort of the whole
     * backlog. Acceptance order, not id order: ids are random, and an index in id order made every
     * claim and outcome rewrite a random page of it (issue 18).
     *
     * @param limit at most this many ({@link #REQUEUE_BATCH} when a proxy resumes)
     * @return where this batch ended, or null when there is nothing after {@code after}
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public WaitingCursor requeueWaitingAfter(String proxyId, RequestState state, WaitingCursor after, int limit) {
        List<Object[]> rows = em.createNamedQuery(ForwardRequest.WAITING_AFTER, Object[].class)
                .setParameter("proxyId", proxyId)
                .setParameter("state", state)
                .setParameter("afterCreated", after.createdAt())
                .setParameter("afterId", after.id())
                .setMaxResults(limit)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Instant now = clock.instant();
        List<DueRequest> due = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Instant at = (Instant) row[1];
            due.add(DueRequest.after((String) row[0], proxyId, at == null || at.isBefore(now) ? null : Duration.between(now, at)));
        }
        queue.send(due);
        markDispatched(due.stream().map(DueRequest::requestId).toList());
        Object[] last = rows.get(rows.size() - 1);
        return new WaitingCursor((Instant) last[2], (String) last[0]);
    }

    /** A position in a proxy's waiting requests of one state: acceptance time, then id. */
    public record WaitingCursor(Instant createdAt, String id) {

        /** Before every request. */
        public static final WaitingCursor START = new WaitingCursor(Instant.EPOCH, "");
    }
}
