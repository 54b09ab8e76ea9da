package ferry.intake.control;

import ferry.forwarding.control.WorkQueue;
import ferry.requests.entity.ForwardRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;

/**
 * Makes an accepted request durable: its row and its first queue message commit together in one
 * JTA transaction, or neither does. Kept apart from {@link Intake} so that concurrent requests
 * can later be committed in groups without touching the resources.
 */
@ApplicationScoped
public class RequestStore {

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    @Inject
    WorkQueue workQueue;

    @Transactional
    public void store(ForwardRequest request, Duration delay) {
        em.persist(request);
        workQueue.enqueue(request.getId(), delay);
    }
}
