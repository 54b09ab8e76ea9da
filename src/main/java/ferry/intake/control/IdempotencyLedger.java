package ferry.intake.control;

import ferry.platform.problems.Problem;
import ferry.requests.entity.ForwardRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which idempotency keys are taken (CONTRACT.md §7). The record is the database: a key belongs to
 * the stored request that holds it (a unique constraint, so it holds across group commits,
 * restarts and nodes) until that request is purged. Keys of requests still waiting for their
 * group's commit on this node are held here, so that a duplicate arriving meanwhile is told
 * {@code 409} rather than racing the first into the database.
 */
@ApplicationScoped
public class IdempotencyLedger {

    /** The request a key was first used for. */
    public record Original(String requestId, String fingerprint) {
    }

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    private final Set<String> beingAccepted = ConcurrentHashMap.newKeySet();

    /**
     * @return the request that holds the key, if one is stored and sent the same payload
     * @throws Problem 422 {@code idempotency-key-reused} if it holds the key for another payload
     */
    public Optional<Original> replayOf(String scope, String fingerprint) {
        List<ForwardRequest> found = em.createNamedQuery(ForwardRequest.BY_IDEMPOTENCY, ForwardRequest.class)
                .setParameter("scope", scope).getResultList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ForwardRequest original = found.get(0);
        if (!fingerprint.equals(original.getIdempotencyFingerprint())) {
            throw new Problem(422, "idempotency-key-reused", "Idempotency key reused",
                    "This Idempotency-Key was used for a different request (method, path, query or body).");
        }
        return Optional.of(new Original(original.getId(), original.getIdempotencyFingerprint()));
    }

    /** @throws Problem 409 {@code idempotency-key-in-flight} if the key is being accepted already */
    public void reserve(String scope) {
        if (!beingAccepted.add(scope)) {
            throw new Problem(409, "idempotency-key-in-flight", "Idempotency key in flight",
                    "A request with this Idempotency-Key is still being accepted; try again shortly.")
                    .withHeader("Retry-After", "1");
        }
    }

    public void release(String scope) {
        beingAccepted.remove(scope);
    }
}
