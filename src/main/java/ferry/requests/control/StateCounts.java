package ferry.requests.control;

import ferry.requests.entity.ForwardRequest;
import ferry.requests.entity.RequestState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.EnumMap;
import java.util.Map;

/** How many of a proxy's requests are in each state (its stats, CONTRACT.md §6); every state is present. */
@ApplicationScoped
public class StateCounts {

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    public Map<RequestState, Long> of(String proxyId) {
        Map<RequestState, Long> counts = new EnumMap<>(RequestState.class);
        for (RequestState state : RequestState.values()) {
            counts.put(state, 0L);
        }
        for (Object[] row : em.createNamedQuery(ForwardRequest.COUNT_BY_STATE, Object[].class)
                .setParameter("proxyId", proxyId).getResultList()) {
            counts.put((RequestState) row[0], (Long) row[1]);
        }
        return counts;
    }
}
