package ferry.requests.control;

import ferry.platform.problems.Problem;
import ferry.requests.entity.ForwardRequest;
import ferry.requests.entity.RequestState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bulk replay (CONTRACT.md §6): the failed or canceled requests of a proxy that ended in a time
 * range are retried, each as {@link RequestControl#retry} would, in batches of their own (intake
 * is never locked out), paced by scheduled deliveries so that a hundred thousand do not reach the
 * target at once. The range ends at {@code until}, the call's start unless given, and is echoed:
 * a real run given a dry run's {@code until} takes exactly the dry run's set, and requests that
 * end again while it runs (after {@code until}) are not taken twice.
 */
@ApplicationScoped
public class Replay {

    /** What a replay matched and did. */
    public record Result(long matched, long requeued, Instant until) {
    }

    static final int BATCH = 500;

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    @Inject
    RequestControl control;

    /** How many replayed requests are released to the target per second (the rest wait, scheduled). */
    @Inject
    @ConfigProperty(name = "ferry.replay.per-second", defaultValue = "100")
    int perSecond;

    Clock clock = Clock.systemUTC();

    public Result run(String proxyId, String status, Instant since, Instant until, boolean dryRun) {
        if (proxyId == null || proxyId.isBlank()) {
            throw Problem.badRequest("proxyId: required.");
        }
        RequestState state = switch (status == null ? "" : status) {
            case "failed" -> RequestState.FAILED;
            case "canceled" -> RequestState.CANCELED;
            default -> throw Problem.badRequest("status: failed or canceled (only those can be replayed).");
        };
        Instant end = until == null ? clock.instant() : until;
        Instant start = since == null ? Instant.EPOCH : since;
        long matched = em.createQuery("select count(r) from ForwardRequest r where r.proxyId = :p and r.state = :s"
                        + " and r.completedAt >= :since and r.completedAt < :until", Long.class)
                .setParameter("p", proxyId).setParameter("s", state).setParameter("since", start)
                .setParameter("until", end).getSingleResult();
        if (dryRun) {
            return new Result(matched, 0, end);
        }
        long requeued = 0;
        long released = 0;
        Instant afterAt = null;
        String afterId = "";
        while (true) {
            List<Object[]> batch = next(proxyId, state, start, end, afterAt, afterId);
            if (batch.isEmpty()) {
                break;
            }
            List<String> ids = batch.stream().map(row -> (String) row[0]).toList();
            Duration delay = Duration.ofMillis(released * 1000 / Math.max(1, perSecond));
            requeued += control.retryAll(ids, state, end, delay);
            released += ids.size();
            Object[] last = batch.get(batch.size() - 1);
            afterId = (String) last[0];
            afterAt = (Instant) last[1];
        }
        return new Result(matched, requeued, end);
    }

    /** The next batch of ids (with their end times), in end-time order after the previous batch. */
    private List<Object[]> next(String proxyId, RequestState state, Instant since, Instant until, Instant afterAt,
                                String afterId) {
        String keyset = afterAt == null ? "" : " and (r.completedAt > :afterAt or (r.completedAt = :afterAt and r.id > :afterId))";
        var query = em.createQuery("select r.id, r.completedAt from ForwardRequest r where r.proxyId = :p"
                        + " and r.state = :s and r.completedAt >= :since and r.completedAt < :until" + keyset
                        + " order by r.completedAt, r.id", Object[].class)
                .setParameter("p", proxyId).setParameter("s", state).setParameter("since", since)
                .setParameter("until", until);
        if (afterAt != null) {
            query.setParameter("afterAt", afterAt).setParameter("afterId", afterId);
        }
        return query.setMaxResults(BATCH).getResultList();
    }
}
