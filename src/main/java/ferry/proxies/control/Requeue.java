package ferry.proxies.control;

import ferry.forwarding.control.WorkQueue;
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
import java.util.EnumSet;
import java.util.List;

/**
 * Queues a resumed proxy's waiting requests again, a batch per transaction (messages that came
 * while it was paused were consumed and ignored). Queued requests go at once (delayed ones at
 * their time), retrying ones at their planned time. If this stops half way, the recovery sweep
 * finds the rest: the rows are the record.
 */
@Stateless
public class Requeue {

    public static final int BATCH = 1000;

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    @Inject
    WorkQueue workQueue;

    Clock clock = Clock.systemUTC();

    /** @return the last id of this batch, or null when there is nothing after {@code afterId} */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public String batch(String proxyId, String afterId) {
        List<Object[]> rows = em.createNamedQuery(ForwardRequest.WAITING_AFTER, Object[].class)
                .setParameter("proxyId", proxyId)
                .setParameter("states", EnumSet.of(RequestState.QUEUED, RequestState.RETRYING))
                .setParameter("after", afterId)
                .setMaxResults(BATCH)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Instant now = clock.instant();
        List<WorkQueue.Item> items = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Instant due = (Instant) row[1];
            items.add(new WorkQueue.Item((String) row[0], due == null || due.isBefore(now) ? null : Duration.between(now, due)));
        }
        workQueue.enqueueAll(items);
        return (String) rows.get(rows.size() - 1)[0];
    }
}
