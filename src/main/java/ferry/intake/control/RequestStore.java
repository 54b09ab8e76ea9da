package ferry.intake.control;

import ferry.forwarding.control.WorkQueue;
import ferry.requests.entity.ForwardRequest;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.List;

/**
 * Makes accepted requests durable: their rows and their first queue messages commit together in
 * one JTA transaction, or none does (container-managed, joining the caller's transaction if
 * there is one). {@link GroupCommit} hands it whole groups of concurrent requests.
 */
@Stateless
public class RequestStore {

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    @Inject
    WorkQueue workQueue;

    public void store(ForwardRequest request, Duration delay) {
        em.persist(request);
        workQueue.enqueue(request.getId(), delay);
    }

    /** One transaction for the whole group: rows inserted in JDBC batches, then every message. */
    public void storeAll(List<GroupCommit.Pending> group) {
        for (GroupCommit.Pending pending : group) {
            em.persist(pending.request());
        }
        em.flush();
        workQueue.enqueueAll(group.stream()
                .map(p -> new WorkQueue.Item(p.request().getId(), p.delay())).toList());
    }
}
