package ferry.intake.control;

import ferry.forwarding.control.WorkQueue;
import ferry.requests.entity.ForwardRequest;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Makes accepted requests durable, in two steps (DESIGN.md invariant 2, second form: "the row
 * commits and a sweep guarantees the message"). {@link #storeAll} inserts a group's rows in one
 * database transaction; once it has committed the requests exist and their clients may have
 * their {@code 202}. {@link #announce} then sends their queue messages in one broker
 * transaction of its own. If the gateway dies between the two, or the broker refuses, the rows
 * are still waiting and the recovery sweep queues them again. Coupling both steps in one XA
 * transaction cost four broker round trips and a two-phase commit per group, most of intake's
 * time in the issue 6 measurements.
 */
@Stateless
public class RequestStore {

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    @Inject
    WorkQueue workQueue;

    /** One transaction for the whole group (joining the caller's, if any): all rows or none. */
    public void storeAll(List<GroupCommit.Pending> group) {
        for (GroupCommit.Pending pending : group) {
            em.persist(pending.request());
        }
        em.flush();
    }

    /** Queues stored requests for forwarding: one broker transaction for the group. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void announce(List<WorkQueue.Item> items) {
        workQueue.enqueueAll(items);
    }
}
