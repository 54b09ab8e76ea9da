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
 * Queue messages sent in broker transactions of their own, a batch each: the messages of
 * committed requests ({@link Announcer}) and the waiting requests of a resumed proxy. An EJB
 * because it runs on threads of its own (docs/architecture.md, "Transactions").
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
     * Queues the next batch of a proxy's waiting requests, in id order after {@code afterId}: queued
     * ones at once (delayed ones at their time), retrying ones at their planned time.
     *
     * @return the last id of this batch, or null when there is nothing after {@code afterId}
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public String requeueWaitingAfter(String proxyId, String afterId) {
        List<Object[]> rows = em.createNamedQuery(ForwardRequest.WAITING_AFTER, Object[].class)
                .setParameter("proxyId", proxyId)
                .setParameter("states", RequestState.WAITING)
                .setParameter("after", afterId)
                .setMaxResults(REQUEUE_BATCH)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Instant now = clock.instant();
        List<DueRequest> due = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Instant at = (Instant) row[1];
            due.add(DueRequest.after((String) row[0], at == null || at.isBefore(now) ? null : Duration.between(now, at)));
        }
        queue.send(due);
        return (String) rows.get(rows.size() - 1)[0];
    }
}
