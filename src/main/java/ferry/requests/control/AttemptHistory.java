package ferry.requests.control;

import ferry.requests.entity.Attempt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** A request's attempts in order (CONTRACT.md §5 {@code /attempts}). */
@ApplicationScoped
public class AttemptHistory {

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    public List<AttemptView> of(String requestId) {
        return em.createNamedQuery(Attempt.OF_REQUEST, Attempt.class)
                .setParameter("requestId", requestId)
                .getResultList().stream().map(AttemptView::of).toList();
    }
}
