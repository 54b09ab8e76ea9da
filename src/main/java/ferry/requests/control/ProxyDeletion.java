package ferry.requests.control;

import ferry.platform.problems.Problem;
import ferry.proxies.control.ProxyDeleting;
import ferry.requests.entity.ForwardRequest;
import ferry.requests.entity.RequestState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;

/**
 * What deleting a proxy means for its requests (CONTRACT.md §2), in the deleting transaction:
 * refused ({@code 409}) while some are unfinished, unless forced; forced, each is ended first,
 * canceled if waiting, failed if an attempt is in flight (its late outcome is then not recorded:
 * the lease check).
 */
@ApplicationScoped
public class ProxyDeletion {

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    @Inject
    RequestFinisher finisher;

    Clock clock = Clock.systemUTC();

    void onDeleting(@Observes ProxyDeleting deleting) {
        String proxyId = deleting.proxyId();
        long unfinished = UnfinishedCount.of(em, proxyId);
        if (unfinished == 0) {
            return;
        }
        if (!deleting.force()) {
            throw Problem.conflict("proxy-busy", "The proxy has " + unfinished
                    + " unfinished requests; wait, or delete with ?force=true to cancel them.");
        }
        Instant now = clock.instant();
        for (RequestState state : RequestState.UNFINISHED) {
            for (String requestId : em.createNamedQuery(ForwardRequest.IDS_IN_STATE, String.class)
                    .setParameter("proxyId", proxyId).setParameter("state", state).getResultList()) {
                ForwardRequest request = em.find(ForwardRequest.class, requestId, LockModeType.PESSIMISTIC_WRITE);
                if (request == null || request.getState().isTerminal()) {
                    continue; // it ended between the listing and the lock (an attempt in flight was recorded)
                }
                RequestState end = request.getState() == RequestState.PROCESSING ? RequestState.FAILED : RequestState.CANCELED;
                finisher.finish(request, end, "canceled", "Canceled: the proxy was deleted", deleting.retentionSeconds(), now);
            }
        }
    }
}
