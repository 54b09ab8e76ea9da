package ferry.retention.control;

import ferry.callbacks.entity.DeliveryState;
import ferry.callbacks.entity.WebhookDelivery;
import ferry.requests.bodies.Bodies;
import jakarta.inject.Inject;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * Deletes finished requests whose retention has passed, with their attempts, bodies and webhook
 * deliveries (a request waits while one of its deliveries is pending: CONTRACT.md §8), one
 * bounded batch per transaction: no long lock on the tables, no stall of intake, however many
 * rows are due. A purged id then answers 404 like an unknown one.
 */
@Stateless
public class Purge {

    public static final int BATCH = 1000;
    private static final Logger LOG = Logger.getLogger(Purge.class.getName());

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    @Inject
    Bodies bodies;

    Clock clock = Clock.systemUTC();

    /** @return how many requests this batch removed (a full batch means: purge again) */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int batch() {
        List<String> ids = em.createNamedQuery(WebhookDelivery.EXPIRED_REQUESTS, String.class)
                .setParameter("now", Instant.now(clock))
                .setParameter("pending", DeliveryState.PENDING)
                .setMaxResults(BATCH)
                .getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        em.createQuery("delete from Attempt a where a.requestId in :ids").setParameter("ids", ids).executeUpdate();
        bodies.deleteAll(em, ids);
        em.createNamedQuery(WebhookDelivery.DELETE_ATTEMPTS_OF_REQUESTS).setParameter("ids", ids).executeUpdate();
        em.createNamedQuery(WebhookDelivery.DELETE_OF_REQUESTS).setParameter("ids", ids).executeUpdate();
        int removed = em.createQuery("delete from ForwardRequest r where r.id in :ids").setParameter("ids", ids).executeUpdate();
        LOG.info("Retention purge removed " + removed + " expired request(s)");
        return removed;
    }
}
