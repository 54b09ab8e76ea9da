package ferry.requests.control;

import ferry.requests.entity.ForwardRequest;
import ferry.requests.entity.RequestState;
import jakarta.persistence.EntityManager;

/**
 * How many of a proxy's requests have not ended: one count per unfinished state, summed. With
 * {@code state in (…)} H2 read the index (proxy, state, …) on the proxy alone, that is every row
 * the proxy ever kept: with a million stored, intake's backlog check (once a second) took
 * seconds and held intake to a few requests a second (issue 18, the scale scenario). An equality
 * on both columns reads only the unfinished rows.
 */
final class UnfinishedCount {

    private UnfinishedCount() {
    }

    static long of(EntityManager em, String proxyId) {
        long unfinished = 0;
        for (RequestState state : RequestState.UNFINISHED) {
            unfinished += em.createNamedQuery(ForwardRequest.COUNT_IN_STATE, Long.class)
                    .setParameter("proxyId", proxyId)
                    .setParameter("state", state)
                    .getSingleResult();
        }
        return unfinished;
    }
}
